namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// The MoveItems Status values (MS-ASCMD 2.2.3.177.10). Unlike most commands, success is 3, not 1. Sent per
/// move in <c>Response</c>, or for the whole request as a child of <c>MoveItems</c> (MS-ASCMD_R7249). From
/// protocol 14.0 the common status codes of MS-ASCMD 2.2.2 (101 and above) may also be sent by casting their
/// number; the writer refuses them for older versions, which expect an HTTP error instead.
/// </summary>
public enum MoveItemsStatus
{
    /// <summary>
    /// 1: the source folder is not known (deleted, say), or the item is no longer in it (MS-ASCMD_R4206 to
    /// R4208); the client runs FolderSync, syncs the source folder and retries what is still there.
    /// </summary>
    InvalidSourceCollectionId = 1,

    /// <summary>2: the destination folder is not known (MS-ASCMD_R4211, R4212); the client runs FolderSync and retries.</summary>
    InvalidDestinationCollectionId = 2,

    /// <summary>3: the item was moved; the response carries its new ServerId in DstMsgId (MS-ASCMD_R4215).</summary>
    Success = 3,

    /// <summary>4: the source and destination folders are the same (MS-ASCMD_R4218, R4219).</summary>
    SameSourceAndDestination = 4,

    /// <summary>
    /// 5: the item cannot be moved to more than one place at a time, or the source or destination item was
    /// locked (MS-ASCMD_R4221 to R4223); the client retries, or moves the item elsewhere.
    /// </summary>
    CannotMove = 5,

    /// <summary>7: the source or destination item was locked, a transient condition (MS-ASCMD_R4224 to R4226); the client retries.</summary>
    Locked = 7,
}
