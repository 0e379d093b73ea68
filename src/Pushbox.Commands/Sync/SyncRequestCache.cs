using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pushbox.Commands.Sync;

/// <summary>
/// The device's last complete Sync request (12.1+ short forms, MS-ASCMD 3.1.5.3): which collections it
/// named with their WindowSize and GetChanges, and the request-wide WindowSize. Stored as the device's
/// "sync" state; an empty request repeats it, a Partial one amends it. Options live with each collection's
/// own state.
/// </summary>
internal sealed class SyncRequestCache
{
    /// <summary>The schema version of the serialised form.</summary>
    public const int FormatVersion = 1;

    /// <summary>The sync-state collection name under which the cache is stored.</summary>
    public const string CollectionId = "sync";

    public List<CachedCollection> Collections { get; set; } = [];

    public int? WindowSize { get; set; }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, SyncRequestCacheJson.Default.SyncRequestCache);

    public static SyncRequestCache? Deserialize(int formatVersion, byte[] data)
    {
        if (formatVersion != FormatVersion)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, SyncRequestCacheJson.Default.SyncRequestCache);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One collection of a cached request.</summary>
internal sealed record CachedCollection(string CollectionId, int? WindowSize, bool? GetChanges, bool? DeletesAsMoves);

/// <summary>Source-generated JSON for <see cref="SyncRequestCache"/>.</summary>
[JsonSerializable(typeof(SyncRequestCache))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class SyncRequestCacheJson : JsonSerializerContext;
