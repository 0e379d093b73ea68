namespace Pushbox.Protocol.Commands.Sync;

/// <summary>
/// A Sync request (MS-ASCMD 2.2.1.21). An empty request (no body, 12.1+) and a request without
/// <c>Collections</c> or with <see cref="Partial"/> set are the short forms: the server fills in what is
/// missing from the device's previous request.
/// </summary>
/// <param name="Collections">The Collection elements in document order (empty for an empty or collection-less request).</param>
/// <param name="WindowSize">The request-wide WindowSize (12.1+), 1 to 512 (the parser reads 0 and larger values as 512, MS-ASCMD_R4768); null when absent.</param>
/// <param name="Wait">Minutes to wait for changes (12.1+), as sent (a value above <see cref="int.MaxValue"/> reads as that); outside 1 to 59 the handler answers Status 14. Null when absent.</param>
/// <param name="HeartbeatInterval">Seconds to wait for changes (14.0+), as sent; outside the server's range the handler answers Status 14. Null when absent. Both Wait and HeartbeatInterval is Status 4 (MS-ASCMD_R4748).</param>
/// <param name="Partial">True: the collections listed add to or replace those of the cached previous request.</param>
/// <param name="IsEmpty">True for a request with no body at all (12.1+): repeat the previous request.</param>
public sealed record SyncRequest(
    IReadOnlyList<SyncCollectionRequest> Collections,
    int? WindowSize = null,
    int? Wait = null,
    int? HeartbeatInterval = null,
    bool Partial = false,
    bool IsEmpty = false)
{
    /// <summary>The request with no body.</summary>
    public static SyncRequest Empty { get; } = new([], IsEmpty: true);
}
