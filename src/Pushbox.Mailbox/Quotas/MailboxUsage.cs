namespace Pushbox.Mailbox.Quotas;

/// <summary>A mailbox's size as the store keeps it, with the user's own limits.</summary>
/// <param name="UserId">The owner.</param>
/// <param name="Bytes">The sum of the sizes of all the user's items, kept in the transactions that add and remove them.</param>
/// <param name="Quota">The user's own limits (<see cref="QuotaLimit.Default"/> where the server default applies).</param>
/// <param name="WarnedAt">The warning size the user was last warned about, until the mailbox shrinks below it again; null when not warned.</param>
public sealed record MailboxUsage(long UserId, long Bytes, UserQuota Quota, long? WarnedAt);
