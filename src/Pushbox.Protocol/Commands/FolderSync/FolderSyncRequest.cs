namespace Pushbox.Protocol.Commands.FolderSync;

/// <summary>A FolderSync request (MS-ASCMD 2.2.1.5): the hierarchy sync key the client holds.</summary>
/// <param name="SyncKey">
/// The client's hierarchy SyncKey, 1 to 64 characters, opaque. "0" asks for the whole hierarchy and a
/// first key (MS-ASCMD_R115, R119); any other value must match the server's current (or, after a lost
/// response, previous) key, or the answer is <see cref="FolderSyncStatus.InvalidSyncKey"/>.
/// </param>
public sealed record FolderSyncRequest(string SyncKey)
{
    /// <summary>The SyncKey that starts a hierarchy sync over: "0".</summary>
    public const string InitialSyncKey = "0";

    /// <summary>Whether the client asks for the whole hierarchy (SyncKey "0").</summary>
    public bool IsInitial => SyncKey == InitialSyncKey;
}
