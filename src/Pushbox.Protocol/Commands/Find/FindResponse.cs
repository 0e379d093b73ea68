using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>A Find response: the command's status and, when the search ran, the Response with its store, status, results, range and total.</summary>
/// <param name="Status">The Find element's status.</param>
/// <param name="ResponseStatus">The Response element's status; null: no Response element.</param>
/// <param name="Store">The itemoperations:Store value ("Mailbox" or "GAL"); null to leave it out.</param>
/// <param name="Results">The results, in order.</param>
/// <param name="Range">The range returned; null when no result is.</param>
/// <param name="Total">How many entries match in all; null to leave it out.</param>
public sealed record FindResponse(FindStatus Status, FindStatus? ResponseStatus, string? Store, IReadOnlyList<FindResult> Results, SearchRange? Range, long? Total)
{
    /// <summary>A response with only the Find status (2, 3, or a common status code).</summary>
    public static FindResponse Failure(FindStatus status) => new(status, null, null, [], null, null);

    /// <summary>A response whose search of <paramref name="store"/> failed with <paramref name="status"/> (2 or 4).</summary>
    public static FindResponse ResponseFailure(string store, FindStatus status) => new(FindStatus.Success, status, store, [], null, null);
}
