namespace Pushbox.Mailbox.Changes;

/// <summary>Something changed in a user's mailbox: the items of one folder, or (with no folder) the folder hierarchy.</summary>
/// <param name="UserId">The mailbox's owner.</param>
/// <param name="FolderId">The folder whose items changed; null for a change of the hierarchy (a folder created, renamed, moved or deleted).</param>
public readonly record struct MailboxChange(long UserId, long? FolderId);
