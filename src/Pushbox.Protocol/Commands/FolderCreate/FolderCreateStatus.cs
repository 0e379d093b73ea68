namespace Pushbox.Protocol.Commands.FolderCreate;

/// <summary>
/// The FolderCreate Status values (MS-ASCMD 2.2.3.177.3). From protocol 14.0 the common status codes
/// of MS-ASCMD 2.2.2 (101 and above) may also be sent by casting their number; the writer refuses them
/// for older versions.
/// </summary>
public enum FolderCreateStatus
{
    /// <summary>1: the folder was created; the response carries the new SyncKey and its ServerId.</summary>
    Success = 1,

    /// <summary>2: the parent already holds a folder of this name; the client asks the user for another.</summary>
    FolderExists = 2,

    /// <summary>3: the parent is a special system folder (the Recipient information folder) that cannot hold folders.</summary>
    SpecialParentFolder = 3,

    /// <summary>5: the parent folder does not exist (deleted or moved); the client runs FolderSync.</summary>
    ParentNotFound = 5,

    /// <summary>6: an error occurred on the server (misconfiguration, a transient problem); the client retries.</summary>
    ServerError = 6,

    /// <summary>9: the SyncKey does not match the server's, or the sync state is corrupt; the client returns to FolderSync with SyncKey 0.</summary>
    InvalidSyncKey = 9,

    /// <summary>10: malformed request: a semantic error, or an attempt to create a default folder type (2 to 11, 19).</summary>
    MalformedRequest = 10,

    /// <summary>11: an unknown error occurred.</summary>
    UnknownError = 11,

    /// <summary>12: code unknown, an unusual back-end issue.</summary>
    CodeUnknown = 12,
}
