namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// An ItemOperations response (MS-ASCMD 2.2.1.10): the global <c>Status</c> and, when the request could be run,
/// one result per operation in request order inside <c>Response</c> (each with its own status, MS-ASCMD_R194).
/// Build one with <see cref="Success"/> or <see cref="Failure"/>.
/// </summary>
public sealed class ItemOperationsResponse
{
    private ItemOperationsResponse(ItemOperationsStatus status, IReadOnlyList<ItemOperationsResult> results)
    {
        Status = status;
        Results = results;
    }

    /// <summary>The global status.</summary>
    public ItemOperationsStatus Status { get; }

    /// <summary>The per-operation results in request order; empty for a global failure, which has no Response element.</summary>
    public IReadOnlyList<ItemOperationsResult> Results { get; }

    /// <summary>The request was run: global status 1 and one result per operation, each of which may have failed on its own.</summary>
    /// <exception cref="ArgumentException">The list is empty or holds null.</exception>
    public static ItemOperationsResponse Success(IReadOnlyList<ItemOperationsResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException("An ItemOperations response answers at least one operation.", nameof(results));
        }

        foreach (ItemOperationsResult result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
        }

        return new ItemOperationsResponse(ItemOperationsStatus.Success, [.. results]);
    }

    /// <summary>The request as a whole failed (e.g. <see cref="ItemOperationsStatus.ProtocolError"/>): the status alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is success or not positive.</exception>
    public static ItemOperationsResponse Failure(ItemOperationsStatus status) =>
        status > ItemOperationsStatus.Success
            ? new ItemOperationsResponse(status, [])
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
}
