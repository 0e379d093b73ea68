namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>One <c>Move</c> of a MoveItems request: move one item from one folder to another.</summary>
/// <param name="SrcMsgId">The item's ServerId (1 to 64 characters).</param>
/// <param name="SrcFldId">The ServerId of the folder the client believes holds the item (1 to 64 characters).</param>
/// <param name="DstFldId">The ServerId of the folder to move it to (1 to 64 characters).</param>
public sealed record MoveItemsMove(string SrcMsgId, string SrcFldId, string DstFldId)
{
    /// <summary>
    /// Whether source and destination are the same folder (compared as sent, ordinally): the answer is
    /// <see cref="MoveItemsStatus.SameSourceAndDestination"/>.
    /// </summary>
    public bool IsSameFolder => string.Equals(SrcFldId, DstFldId, StringComparison.Ordinal);
}
