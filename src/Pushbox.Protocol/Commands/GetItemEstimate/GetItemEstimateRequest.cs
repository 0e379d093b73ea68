namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>A GetItemEstimate request (MS-ASCMD 2.2.1.9): the collections whose pending changes the client wants counted.</summary>
/// <param name="Collections">
/// The Collection elements in document order, 1 to <see cref="GetItemEstimateLimits.MaxCollections"/>.
/// The response carries one <c>Response</c> per collection, in the same order.
/// </param>
public sealed record GetItemEstimateRequest(IReadOnlyList<GetItemEstimateCollectionRequest> Collections);
