namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// The result of one operation, in the response's <c>Response</c> element: an
/// <see cref="ItemOperationsFetchResult"/>, an <see cref="ItemOperationsEmptyFolderContentsResult"/> or an
/// <see cref="ItemOperationsMoveResult"/>. Results are written in the order of the request's operations.
/// </summary>
public abstract class ItemOperationsResult
{
    private protected ItemOperationsResult(ItemOperationsStatus status)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero((int)status, nameof(status));
        Status = status;
    }

    /// <summary>The operation's status.</summary>
    public ItemOperationsStatus Status { get; }
}
