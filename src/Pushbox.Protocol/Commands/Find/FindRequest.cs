namespace Pushbox.Protocol.Commands.Find;

/// <summary>A Find request (MS-ASCMD 2.2.1.2): the SearchId and one criterion, of the mailbox or of the GAL.</summary>
/// <param name="SearchId">The client's identifier of the search, the same while it pages (R70981808).</param>
/// <param name="Mailbox">The mailbox criterion; null for a GAL search.</param>
/// <param name="Gal">The GAL criterion; null for a mailbox search.</param>
public sealed record FindRequest(string SearchId, FindMailboxCriterion? Mailbox, FindGalCriterion? Gal);
