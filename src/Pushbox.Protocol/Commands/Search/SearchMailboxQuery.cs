namespace Pushbox.Protocol.Commands.Search;

/// <summary>
/// A mailbox query as read: the conditions of its one <c>And</c>, or why it cannot run. A query the
/// spec calls too complex (conditions outside And, several And, Or, EqualTo, nesting, a comparison of
/// another property than email:DateReceived) is not malformed: it carries <see cref="TooComplex"/> and is
/// answered with status 8; one with a value that cannot be read (a date) carries <see cref="Invalid"/>,
/// answered with status 2.
/// </summary>
/// <param name="Classes">airsync:Class values.</param>
/// <param name="CollectionIds">airsync:CollectionId values (folder scope).</param>
/// <param name="FreeText">The FreeText; null when none.</param>
/// <param name="ConversationId">The ConversationId (14.0+); null when none.</param>
/// <param name="ReceivedAfter">GreaterThan email:DateReceived.</param>
/// <param name="ReceivedBefore">LessThan email:DateReceived.</param>
/// <param name="TooComplex">Why the query is too complex; null when it is not.</param>
/// <param name="Invalid">Why a value is unreadable; null when none is.</param>
public sealed record SearchMailboxQuery(
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> CollectionIds,
    string? FreeText,
    byte[]? ConversationId,
    DateTimeOffset? ReceivedAfter,
    DateTimeOffset? ReceivedBefore,
    string? TooComplex = null,
    string? Invalid = null);
