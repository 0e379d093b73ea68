namespace Pushbox.Mailbox.Search;

/// <summary>
/// A search of one user's emails: every condition given must hold. Words match by prefix in the subject,
/// the sender and recipients, or the body text ("inv" finds "invoice"); every word must match somewhere.
/// </summary>
/// <param name="Words">Normalised words (<see cref="SearchText.Words"/>); empty: no word condition.</param>
/// <param name="FolderIds">Only items in these folders; null: every folder of the user.</param>
/// <param name="ReceivedAfter">Only items received strictly after this instant; null: no lower bound.</param>
/// <param name="ReceivedBefore">Only items received strictly before this instant; null: no upper bound.</param>
/// <param name="ConversationId">Only items of this conversation; null: any.</param>
/// <param name="Condition">A further condition (a Find's KQL): words in given fields, phrases, dates, attachments, and/or/not; null: none.</param>
public sealed record MailboxQuery(
    IReadOnlyList<string> Words,
    IReadOnlyCollection<long>? FolderIds = null,
    DateTimeOffset? ReceivedAfter = null,
    DateTimeOffset? ReceivedBefore = null,
    byte[]? ConversationId = null,
    SearchCondition? Condition = null);
