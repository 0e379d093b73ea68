using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>
/// One <c>Response</c> of a GetItemEstimate response: a collection's status and, on success, its estimate.
/// Build one with <see cref="Success"/> or <see cref="Failure"/>.
/// </summary>
public sealed class GetItemEstimateCollectionResponse
{
    private GetItemEstimateCollectionResponse(GetItemEstimateStatus status, string? collectionId, int? estimate)
    {
        Status = status;
        CollectionId = collectionId;
        Estimate = estimate;
    }

    /// <summary>The collection's status.</summary>
    public GetItemEstimateStatus Status { get; }

    /// <summary>The collection's ServerId as the client sent it; null leaves the <c>Collection</c> element out.</summary>
    public string? CollectionId { get; }

    /// <summary>The estimated number of items to synchronise; null unless <see cref="Status"/> is <see cref="GetItemEstimateStatus.Success"/>.</summary>
    public int? Estimate { get; }

    /// <summary>A collection that was estimated.</summary>
    /// <param name="collectionId">The collection's ServerId (1 to 64 characters).</param>
    /// <param name="estimate">The number of items a Sync would send now, 0 or more.</param>
    /// <exception cref="ArgumentException">The collection ID is empty or too long, or the estimate is negative.</exception>
    public static GetItemEstimateCollectionResponse Success(string collectionId, int estimate)
    {
        FolderValues.Require(collectionId, GetItemEstimateLimits.MaxCollectionIdLength, nameof(collectionId));
        ArgumentOutOfRangeException.ThrowIfNegative(estimate);
        return new GetItemEstimateCollectionResponse(GetItemEstimateStatus.Success, collectionId, estimate);
    }

    /// <summary>A collection that could not be estimated: the status and, when known, the collection's ID without an estimate.</summary>
    /// <param name="status">Any status but <see cref="GetItemEstimateStatus.Success"/>.</param>
    /// <param name="collectionId">The collection's ServerId as sent (1 to 64 characters), or null to leave <c>Collection</c> out.</param>
    /// <exception cref="ArgumentException">The status is success or not positive, or the collection ID is empty or too long.</exception>
    public static GetItemEstimateCollectionResponse Failure(GetItemEstimateStatus status, string? collectionId = null)
    {
        if (status <= GetItemEstimateStatus.Success)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A failure needs a failure status.");
        }

        if (collectionId is not null)
        {
            FolderValues.Require(collectionId, GetItemEstimateLimits.MaxCollectionIdLength, nameof(collectionId));
        }

        return new GetItemEstimateCollectionResponse(status, collectionId, null);
    }
}
