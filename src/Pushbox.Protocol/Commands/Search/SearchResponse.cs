namespace Pushbox.Protocol.Commands.Search;

/// <summary>A Search response: the command's status and, when it ran, the store's status, results, range and total.</summary>
/// <param name="Status">The Search element's status (1 or 3, or a common status code from 14.0).</param>
/// <param name="StoreStatus">The Store's status; null when the command failed as a whole.</param>
/// <param name="Results">The results, in order.</param>
/// <param name="Range">The range of the results returned; null when none is.</param>
/// <param name="Total">How many results match in all; null to leave it out.</param>
/// <param name="EmptyResultWhenNone">
/// Write one empty Result when there are none: a mailbox search does (MS-ASCMD_R3850), a GAL search does not (R3847).
/// </param>
public sealed record SearchResponse(SearchStatus Status, SearchStatus? StoreStatus, IReadOnlyList<SearchResult> Results, SearchRange? Range, long? Total, bool EmptyResultWhenNone = false)
{
    /// <summary>A response with only the Search status (a common status code or 3).</summary>
    public static SearchResponse Failure(SearchStatus status) => new(status, null, [], null, null);

    /// <summary>A response whose store failed with <paramref name="storeStatus"/>.</summary>
    public static SearchResponse StoreFailure(SearchStatus storeStatus) => new(SearchStatus.Success, storeStatus, [], null, null);
}
