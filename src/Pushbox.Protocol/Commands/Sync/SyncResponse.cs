namespace Pushbox.Protocol.Commands.Sync;

/// <summary>
/// A Sync response (MS-ASCMD 2.2.1.21): either a request-wide <see cref="Status"/> (with <see cref="Limit"/>
/// for Status 14 and 15) and no collections, or the collections. An empty response (HTTP 200, no body)
/// is not a <see cref="SyncResponse"/>: the handler answers it directly.
/// </summary>
/// <param name="Status">The top-level status for a request-wide failure; null when the collections carry the outcome.</param>
/// <param name="Collections">One entry per collection answered.</param>
/// <param name="Limit">The limit the client exceeded (WindowSize/Wait/HeartbeatInterval/collections), with Status 14 or 15.</param>
public sealed record SyncResponse(SyncStatus? Status, IReadOnlyList<SyncCollectionResponse> Collections, int? Limit = null)
{
    /// <summary>A request-wide failure.</summary>
    public static SyncResponse Failure(SyncStatus status, int? limit = null) => new(status, [], limit);
}
