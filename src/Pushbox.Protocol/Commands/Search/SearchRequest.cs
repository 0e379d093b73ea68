namespace Pushbox.Protocol.Commands.Search;

/// <summary>A Search request (MS-ASCMD 2.2.1.16): one store, its query and options.</summary>
/// <param name="StoreName">The Name of the Store as sent ("Mailbox", "GAL", "DocumentLibrary", …).</param>
/// <param name="QueryText">The Query's text (GAL); null when the Query holds elements.</param>
/// <param name="MailboxQuery">The Query's conditions (Mailbox); null when the Query holds text.</param>
/// <param name="Options">The Options.</param>
public sealed record SearchRequest(string StoreName, string? QueryText, SearchMailboxQuery? MailboxQuery, SearchOptions Options);
