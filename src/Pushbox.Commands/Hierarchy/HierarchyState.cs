using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pushbox.Commands.Hierarchy;

/// <summary>
/// What the server remembers of one device's folder hierarchy, stored as the device's "hierarchy" sync
/// state: the current key and the hierarchy sequence it stands for; the folders the device knows
/// (to tell an Add from an Update and to report only deletions of folders it has); the folders the
/// device changed itself (not echoed back); and the previous key with the answer that moved it to the
/// current one, so that a request retried after a lost response gets that same answer again.
/// </summary>
internal sealed class HierarchyState
{
    /// <summary>The schema version of the serialised form; older forms are discarded (the device gets Status 9 and starts over).</summary>
    public const int FormatVersion = 1;

    /// <summary>The sync-state collection name under which the state is stored.</summary>
    public const string CollectionId = "hierarchy";

    public int Key { get; set; }

    public long Seq { get; set; }

    public HashSet<long> Folders { get; set; } = [];

    /// <summary>Folder id → the hierarchy sequence of the device's own change to it.</summary>
    public Dictionary<long, long> Echo { get; set; } = [];

    public int? PreviousKey { get; set; }

    public HierarchyDelta? PreviousAnswer { get; set; }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, HierarchyStateJson.Default.HierarchyState);

    public static HierarchyState? Deserialize(int formatVersion, byte[] data)
    {
        if (formatVersion != FormatVersion)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, HierarchyStateJson.Default.HierarchyState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Source-generated JSON for <see cref="HierarchyState"/>.</summary>
[JsonSerializable(typeof(HierarchyState))]
internal sealed partial class HierarchyStateJson : JsonSerializerContext;
