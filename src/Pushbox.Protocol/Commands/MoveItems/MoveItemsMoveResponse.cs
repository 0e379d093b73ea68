using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// One <c>Response</c> of a MoveItems response: what became of one requested move. Build one with
/// <see cref="Moved"/> or <see cref="Failure"/>; the new ServerId goes with success only.
/// </summary>
public sealed class MoveItemsMoveResponse
{
    private MoveItemsMoveResponse(string srcMsgId, MoveItemsStatus status, string? dstMsgId)
    {
        SrcMsgId = srcMsgId;
        Status = status;
        DstMsgId = dstMsgId;
    }

    /// <summary>The item's ServerId as the client sent it.</summary>
    public string SrcMsgId { get; }

    /// <summary>The move's status.</summary>
    public MoveItemsStatus Status { get; }

    /// <summary>The item's ServerId in the destination folder; null unless <see cref="Status"/> is <see cref="MoveItemsStatus.Success"/>.</summary>
    public string? DstMsgId { get; }

    /// <summary>A move that succeeded.</summary>
    /// <param name="srcMsgId">The item's ServerId as the client sent it (1 to 64 characters).</param>
    /// <param name="dstMsgId">The item's ServerId from now on (1 to 64 characters); it may equal the old one (MS-ASCMD_R290).</param>
    /// <exception cref="ArgumentException">An ID is empty or longer than 64 characters.</exception>
    public static MoveItemsMoveResponse Moved(string srcMsgId, string dstMsgId) =>
        new(
            FolderValues.Require(srcMsgId, MoveItemsLimits.MaxIdLength, nameof(srcMsgId)),
            MoveItemsStatus.Success,
            FolderValues.Require(dstMsgId, MoveItemsLimits.MaxIdLength, nameof(dstMsgId)));

    /// <summary>A move that failed: the item's ID and the status, without DstMsgId.</summary>
    /// <param name="srcMsgId">The item's ServerId as the client sent it (1 to 64 characters).</param>
    /// <param name="status">Any status but <see cref="MoveItemsStatus.Success"/>.</param>
    /// <exception cref="ArgumentException">The ID is empty or too long, or the status is success or not positive.</exception>
    public static MoveItemsMoveResponse Failure(string srcMsgId, MoveItemsStatus status)
    {
        FolderValues.Require(srcMsgId, MoveItemsLimits.MaxIdLength, nameof(srcMsgId));
        if (status <= 0 || status == MoveItemsStatus.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
        }

        return new MoveItemsMoveResponse(srcMsgId, status, null);
    }
}
