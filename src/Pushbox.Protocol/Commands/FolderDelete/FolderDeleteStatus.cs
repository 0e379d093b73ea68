namespace Pushbox.Protocol.Commands.FolderDelete;

/// <summary>
/// The FolderDelete Status values (MS-ASCMD 2.2.3.177.4). From protocol 14.0 the common status codes
/// of MS-ASCMD 2.2.2 (101 and above) may also be sent by casting their number; the writer refuses them
/// for older versions.
/// </summary>
public enum FolderDeleteStatus
{
    /// <summary>1: the folder was deleted; the response carries the new SyncKey.</summary>
    Success = 1,

    /// <summary>3: the folder is a special system folder (Inbox, Outbox, Contacts, Drafts, Recipient information…) that the client cannot delete.</summary>
    SpecialFolder = 3,

    /// <summary>4: the folder does not exist; the client runs FolderSync.</summary>
    FolderNotFound = 4,

    /// <summary>6: an error occurred on the server (misconfiguration, a transient problem); the client retries.</summary>
    ServerError = 6,

    /// <summary>9: the SyncKey does not match the server's, or the sync state is corrupt; the client returns to FolderSync with SyncKey 0.</summary>
    InvalidSyncKey = 9,

    /// <summary>10: incorrectly formatted request (a semantic or syntactic error).</summary>
    MalformedRequest = 10,

    /// <summary>11: an unknown error occurred (an unusual back-end issue).</summary>
    UnknownError = 11,
}
