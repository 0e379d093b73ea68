namespace Pushbox.Protocol.Commands.Sync;

/// <summary>The Sync status codes (MS-ASCMD 2.2.3.177.16), request-wide, per collection or per item.</summary>
public enum SyncStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>3: invalid or mismatched synchronization key; the client starts again from "0".</summary>
    InvalidSyncKey = 3,

    /// <summary>4: protocol error (a malformed or contradictory request, e.g. Wait and HeartbeatInterval together).</summary>
    ProtocolError = 4,

    /// <summary>5: server error; the client retries later.</summary>
    ServerError = 5,

    /// <summary>6: error in the client's data (a change the server cannot apply to this item).</summary>
    ConversionError = 6,

    /// <summary>7: conflict: the server's copy changed and wins (Conflict 1).</summary>
    Conflict = 7,

    /// <summary>8: object not found (a ServerId the collection does not hold).</summary>
    ObjectNotFound = 8,

    /// <summary>9: the user's account or mailbox is full or cannot take the item.</summary>
    OutOfSpace = 9,

    /// <summary>12: the folder hierarchy changed (the collection is unknown); the client runs FolderSync.</summary>
    FolderHierarchyChanged = 12,

    /// <summary>13: the empty or partial request cannot be completed (nothing cached); send the whole request.</summary>
    IncompleteRequest = 13,

    /// <summary>14: Wait or HeartbeatInterval out of range; <c>Limit</c> carries the bound.</summary>
    InvalidWaitOrHeartbeat = 14,

    /// <summary>15: too many collections; <c>Limit</c> carries the maximum.</summary>
    TooManyCollections = 15,

    /// <summary>16: retry (transient server condition).</summary>
    Retry = 16,
}
