namespace Pushbox.Protocol.Commands.MoveItems;

/// <summary>
/// A MoveItems response (MS-ASCMD 2.2.1.12): one <see cref="MoveItemsMoveResponse"/> per requested move, in
/// request order, or a status for the whole request (MS-ASCMD_R7249) and nothing else. Build one with
/// <see cref="Success"/> or <see cref="Failure"/>.
/// </summary>
public sealed class MoveItemsResponse
{
    private MoveItemsResponse(MoveItemsStatus? status, IReadOnlyList<MoveItemsMoveResponse> responses)
    {
        Status = status;
        Responses = responses;
    }

    /// <summary>The status of the whole request; null when the responses carry the outcome.</summary>
    public MoveItemsStatus? Status { get; }

    /// <summary>The per-move responses (empty for a request-wide failure).</summary>
    public IReadOnlyList<MoveItemsMoveResponse> Responses { get; }

    /// <summary>The answer to every move of the request, in the request's order (each may have failed on its own).</summary>
    /// <exception cref="ArgumentException">The list is empty: a response carries 1 to N Response elements (MS-ASCMD_R2495).</exception>
    public static MoveItemsResponse Success(IReadOnlyList<MoveItemsMoveResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            throw new ArgumentException("A MoveItems response answers at least one move.", nameof(responses));
        }

        foreach (MoveItemsMoveResponse response in responses)
        {
            ArgumentNullException.ThrowIfNull(response, nameof(responses));
        }

        return new MoveItemsResponse(null, [.. responses]);
    }

    /// <summary>A failure of the whole request (e.g. a common status code from 14.0): the status alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is success or not positive.</exception>
    public static MoveItemsResponse Failure(MoveItemsStatus status) =>
        status > 0 && status != MoveItemsStatus.Success
            ? new MoveItemsResponse(status, [])
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
}
