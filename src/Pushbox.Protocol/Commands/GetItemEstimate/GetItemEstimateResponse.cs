namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// A GetItemEstimate response (MS-ASCMD 2.2.1.9): one <see cref="GetItemEstimateCollectionResponse"/> per
/// requested collection, in request order, or a status for the whole request (MS-ASCMD_R4129) and nothing
/// else. Build one with <see cref="Success"/> or <see cref="Failure"/>.
/// </summary>
public sealed class GetItemEstimateResponse
{
    private GetItemEstimateResponse(GetItemEstimateStatus? status, IReadOnlyList<GetItemEstimateCollectionResponse> responses)
    {
        Status = status;
        Responses = responses;
    }

    /// <summary>The status of the whole request; null when the responses carry the outcome.</summary>
    public GetItemEstimateStatus? Status { get; }

    /// <summary>The per-collection responses (empty for a request-wide failure).</summary>
    public IReadOnlyList<GetItemEstimateCollectionResponse> Responses { get; }

    /// <summary>The answer to every collection of the request, in the request's order.</summary>
    /// <exception cref="ArgumentException">The list is empty: a response carries 1 to N Response elements (MS-ASCMD_R2486).</exception>
    public static GetItemEstimateResponse Success(IReadOnlyList<GetItemEstimateCollectionResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            throw new ArgumentException("A GetItemEstimate response answers at least one collection.", nameof(responses));
        }

        foreach (GetItemEstimateCollectionResponse response in responses)
        {
            ArgumentNullException.ThrowIfNull(response, nameof(responses));
        }

        return new GetItemEstimateResponse(null, [.. responses]);
    }

    /// <summary>A failure of the whole request (e.g. a common status code from 14.0): the status alone.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is success or not positive.</exception>
    public static GetItemEstimateResponse Failure(GetItemEstimateStatus status) =>
        status > GetItemEstimateStatus.Success
            ? new GetItemEstimateResponse(status, [])
            : throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
}
