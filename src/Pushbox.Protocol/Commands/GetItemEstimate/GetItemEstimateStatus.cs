namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// The GetItemEstimate Status values (MS-ASCMD 2.2.3.177.7), sent per collection in <c>Response</c> or, for a
/// failure of the whole request, as a child of <c>GetItemEstimate</c> (MS-ASCMD_R4129, R4130). From protocol
/// 14.0 the common status codes of MS-ASCMD 2.2.2 (101 and above, e.g. 103 InvalidXML for too many
/// collections, MS-ASCMD_R5647) may also be sent by casting their number; the writer refuses them for older
/// versions, which expect an HTTP error instead.
/// </summary>
public enum GetItemEstimateStatus
{
    /// <summary>1: the estimate was computed (MS-ASCMD_R4133).</summary>
    Success = 1,

    /// <summary>
    /// 2: the collection is invalid: the folder does not exist, or MaxItems was sent for a collection other
    /// than the recipient information cache (MS-ASCMD_R4135, R3265); the client runs FolderSync and retries.
    /// </summary>
    InvalidCollection = 2,

    /// <summary>
    /// 3: the sync state has not been primed: the client has not yet sent a Sync with SyncKey 0 for this
    /// collection (MS-ASCMD_R4139 to R4141); it does so, then asks again.
    /// </summary>
    SyncStateNotPrimed = 3,

    /// <summary>
    /// 4: the SyncKey is malformed, does not match the one the next Sync expects, or the sync state is corrupt
    /// (MS-ASCMD_R4142 to R4147, R4594); the client runs Sync, and if that repeats, starts over with SyncKey 0.
    /// Also the answer to a combination of classes other than Email with SMS (MS-ASCMD_R908).
    /// </summary>
    InvalidSyncKey = 4,
}
