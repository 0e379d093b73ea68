using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>The one mailbox owner of a run, and their Inbox.</summary>
internal sealed record Recipient(long UserId, string Address, long InboxId)
{
    public const string DefaultAddress = "alice.smith@example.com";

    /// <summary>Creates the user (with the standard folders) through the directory, as <c>pushbox user add</c> does.</summary>
    public static async Task<Recipient> CreateAsync(IDirectory directory, IMailboxStore store, CancellationToken cancellationToken)
    {
        // A low iteration count: hashing is not what is measured, and nobody signs in.
        User user = await directory.CreateUserAsync(new NewUser(DefaultAddress, "Alice Smith", PasswordHasher.Hash("bench-only-password", iterations: 1_000)), cancellationToken);
        Folder inbox = await store.GetStandardFolderAsync(user.Id, FolderType.Inbox, cancellationToken);
        return new Recipient(user.Id, user.Address, inbox.Id);
    }
}
