using System.Text.Json;
using System.Text.Json.Serialization;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Sync;

/// <summary>
/// What the server remembers of one device's copy of one folder, stored as the device's sync state under
/// the folder's ServerId. The device holds <see cref="Key"/>: it has every change of the folder up to
/// <see cref="AckModSeq"/> for the items received on or after <see cref="Cutoff"/>. The store tells for each
/// change when its item entered the folder, so no list of the device's items is kept: an item that entered
/// after <see cref="AckModSeq"/> is an Add, an earlier one a Change, and a deletion of an item that entered
/// later was never on the device. <see cref="Pending"/> is the last answer sent, not yet proven received:
/// the device's next request with its key commits it, a request repeating <see cref="Key"/> gets it again.
/// </summary>
internal sealed class CollectionState
{
    /// <summary>The schema version of the serialised form; other forms are discarded (the device gets Status 3 and starts over).</summary>
    public const int FormatVersion = 1;

    public int Key { get; set; }

    public long AckModSeq { get; set; }

    /// <summary>Items received before this are not on the device (its FilterType window); null: no window.</summary>
    public DateTimeOffset? Cutoff { get; set; }

    /// <summary>The FilterType the device's copy was built with.</summary>
    public int FilterType { get; set; }

    /// <summary>Soft deletion in progress: the last item soft-deleted while moving <see cref="Cutoff"/> forward.</summary>
    public SoftDeleteCursor? SoftDeleteAfter { get; set; }

    /// <summary>Item id → the modification sequence of the device's own change to it (not echoed back).</summary>
    public Dictionary<long, long> Echo { get; set; } = [];

    /// <summary>Items the device deleted or never received: their deletions are not sent.</summary>
    public HashSet<long> Gone { get; set; } = [];

    /// <summary>The options of the device's last full request for this collection, as asked, before any policy cap (the short forms reuse them).</summary>
    public SyncOptions? Options { get; set; }

    public int? WindowSize { get; set; }

    public PendingAnswer? Pending { get; set; }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, CollectionStateJson.Default.CollectionState);

    public static CollectionState? Deserialize(int formatVersion, byte[] data)
    {
        if (formatVersion != FormatVersion)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, CollectionStateJson.Default.CollectionState);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Drops echo entries the acknowledged sequence has passed: their changes can no longer come up.</summary>
    public void Prune()
    {
        foreach (long id in Echo.Where(e => e.Value <= AckModSeq).Select(e => e.Key).ToList())
        {
            Echo.Remove(id);
        }
    }
}

/// <summary>A position in the (received date, id) order of a folder's items.</summary>
internal sealed record SoftDeleteCursor(DateTimeOffset DateReceived, long ItemId);

/// <summary>An answer sent and not yet acknowledged: replayed as it was (the same items) when the device repeats its key.</summary>
internal sealed class PendingAnswer
{
    public int Key { get; set; }

    public long AckModSeq { get; set; }

    public DateTimeOffset? Cutoff { get; set; }

    public SoftDeleteCursor? SoftDeleteAfter { get; set; }

    public bool MoreAvailable { get; set; }

    public List<SentCommand> Commands { get; set; } = [];
}

/// <summary>One server command of an answer.</summary>
internal sealed record SentCommand(SyncCommandKind Kind, long ItemId);

/// <summary>Source-generated JSON for <see cref="CollectionState"/>.</summary>
[JsonSerializable(typeof(CollectionState))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CollectionStateJson : JsonSerializerContext;
