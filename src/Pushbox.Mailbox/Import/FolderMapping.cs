using Pushbox.Mailbox.Folders;

namespace Pushbox.Mailbox.Import;

/// <summary>Maps the folder names mail programs use (Maildir++, mbox file names) to Pushbox's standard folders.</summary>
internal static class FolderMapping
{
    private static readonly Dictionary<string, FolderType> Standard = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INBOX"] = FolderType.Inbox,
        ["Sent"] = FolderType.SentItems,
        ["Sent Items"] = FolderType.SentItems,
        ["Sent Messages"] = FolderType.SentItems,
        ["Sent Mail"] = FolderType.SentItems,
        ["Drafts"] = FolderType.Drafts,
        ["Draft"] = FolderType.Drafts,
        ["Trash"] = FolderType.DeletedItems,
        ["Deleted Items"] = FolderType.DeletedItems,
        ["Deleted Messages"] = FolderType.DeletedItems,
        ["Outbox"] = FolderType.Outbox,
    };

    private static readonly HashSet<string> Junk = new(StringComparer.OrdinalIgnoreCase) { "Junk", "Spam", "Junk Email", "Junk E-mail" };

    /// <summary>
    /// The standard folder a top-level source folder stands for, or null for an ordinary folder.
    /// Junk folders map to the standard Junk Email folder, which has the user-mail type and so is
    /// reported as <see cref="FolderType.UserMail"/>.
    /// </summary>
    public static FolderType? Map(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return FolderType.Inbox;
        }

        if (path.Count != 1)
        {
            return null;
        }

        if (Junk.Contains(path[0]))
        {
            return FolderType.UserMail;
        }

        return Standard.TryGetValue(path[0], out FolderType type) ? type : null;
    }
}
