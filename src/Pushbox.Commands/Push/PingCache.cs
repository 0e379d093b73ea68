using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pushbox.Commands.Push;

/// <summary>
/// The heartbeat and folders of the device's last Ping (MS-ASCMD 2.2.1.13: a Ping without them reuses them),
/// stored as the device's "ping" sync state so that any server process can answer the next one.
/// </summary>
internal sealed class PingCache
{
    /// <summary>The schema version of the serialised form.</summary>
    public const int FormatVersion = 1;

    /// <summary>The sync-state collection name under which the cache is stored.</summary>
    public const string CollectionId = "ping";

    public int? HeartbeatInterval { get; set; }

    public List<CachedPingFolder>? Folders { get; set; }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, PingCacheJson.Default.PingCache);

    public static PingCache? Deserialize(int formatVersion, byte[] data)
    {
        if (formatVersion != FormatVersion)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, PingCacheJson.Default.PingCache);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One watched folder of a cached Ping.</summary>
internal sealed record CachedPingFolder(string Id, string Class);

/// <summary>Source-generated JSON for <see cref="PingCache"/>.</summary>
[JsonSerializable(typeof(PingCache))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class PingCacheJson : JsonSerializerContext;
