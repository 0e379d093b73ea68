namespace Pushbox.Protocol.Commands.FolderSync;

/// <summary>
/// The FolderSync Status values (MS-ASCMD 2.2.3.177.5), all global in scope. From protocol 14.0 the
/// common status codes of MS-ASCMD 2.2.2 (101 and above, e.g. 142 DeviceNotProvisioned) may also be
/// sent here by casting their number; the writer refuses them for older versions, which expect an
/// HTTP error instead.
/// </summary>
public enum FolderSyncStatus
{
    /// <summary>1: the hierarchy was synchronised; the response carries the new SyncKey and the changes.</summary>
    Success = 1,

    /// <summary>6: an error occurred on the server (misconfiguration, a transient problem, a bad folder); the client retries, and returns to SyncKey 0 if it keeps failing.</summary>
    ServerError = 6,

    /// <summary>9: the SyncKey does not match the server's (malformed, stale or unknown) or the sync state is corrupt; the client starts over with SyncKey 0.</summary>
    InvalidSyncKey = 9,

    /// <summary>10: the request has a semantic or syntactic error ("incorrectly formatted request").</summary>
    MalformedRequest = 10,

    /// <summary>11: an unknown, usually transient, error occurred; the client retries.</summary>
    UnknownError = 11,

    /// <summary>12: code unknown, an unusual back-end issue.</summary>
    CodeUnknown = 12,
}
