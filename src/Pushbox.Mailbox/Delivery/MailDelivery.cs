using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Puts messages into mailboxes: resolves recipients (primary address or alias), stores the content
/// once in the blob store and adds it to each recipient's folder. When a delivery method returns, the
/// message is durable for every recipient it reported as delivered — SMTP replies 250 only then.
/// </summary>
public sealed partial class MailDelivery(IDirectory directory, IMailboxStore store, IBlobStore blobs, TimeProvider time, ILogger<MailDelivery> logger)
{
    /// <summary>The user id that receives mail for <paramref name="address"/>, or null when it is not local.</summary>
    public async Task<long?> ResolveRecipientAsync(string address, CancellationToken cancellationToken)
    {
        if (!Users.EmailAddress.TryNormalize(address, out string normalized))
        {
            return null;
        }

        return (await directory.FindUserAsync(normalized, cancellationToken).ConfigureAwait(false))?.Id;
    }

    /// <summary>
    /// Stores <paramref name="mime"/> (at most <paramref name="maxLength"/> bytes) and adds it to the
    /// <paramref name="folderType"/> folder of each recipient. Returns the stored items, one per recipient,
    /// in order; a recipient that no longer exists is skipped with a log line.
    /// </summary>
    /// <exception cref="BlobTooLargeException">The message is longer than <paramref name="maxLength"/>; nothing is stored.</exception>
    public async Task<IReadOnlyList<StoredItem>> DeliverAsync(Stream mime, long maxLength, IReadOnlyCollection<long> recipients, FolderType folderType, CancellationToken cancellationToken)
    {
        BlobRef content = await blobs.PutAsync(mime, maxLength, cancellationToken).ConfigureAwait(false);
        return await DeliverStoredAsync(content, recipients, folderType, receivedAt: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds content already in the blob store to each recipient's folder (see <see cref="DeliverAsync"/>).</summary>
    public async Task<IReadOnlyList<StoredItem>> DeliverStoredAsync(BlobRef content, IReadOnlyCollection<long> recipients, FolderType folderType, DateTimeOffset? receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(recipients);
        NewEmail email = await ReadEmailAsync(content, receivedAt ?? time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var delivered = new List<StoredItem>(recipients.Count);
        foreach (long userId in recipients)
        {
            try
            {
                Folder folder = await store.GetStandardFolderAsync(userId, folderType, cancellationToken).ConfigureAwait(false);
                StoredItem item = await store.AddEmailAsync(userId, folder.Id, email, cancellationToken).ConfigureAwait(false);
                delivered.Add(item);
                LogDelivered(userId, folder.Id, item.Id, content.Length);
            }
            catch (MailboxException e) when (e.Reason is MailboxErrorReason.UserNotFound or MailboxErrorReason.FolderNotFound)
            {
                LogRecipientGone(userId, e.Reason);
            }
        }

        return delivered;
    }

    /// <summary>Reads the summary of stored content; a message that cannot be read at all gets an empty summary.</summary>
    public async Task<EmailSummary> ReadSummaryAsync(BlobRef content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Stream? stream = await blobs.OpenReadAsync(content.Hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Blob {content.Hash} vanished before it was added to a mailbox.");
        await using (stream.ConfigureAwait(false))
        {
            return EmailSummaryReader.Read(stream, receivedAt);
        }
    }

    /// <summary>
    /// Reads stored content once for both its summary and its body text (for the search index): what
    /// <see cref="IMailboxStore.AddEmailAsync"/> takes. A message that cannot be read gets an empty summary
    /// and no text.
    /// </summary>
    public async Task<NewEmail> ReadEmailAsync(BlobRef content, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Stream? stream = await blobs.OpenReadAsync(content.Hash, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Blob {content.Hash} vanished before it was added to a mailbox.");
        await using (stream.ConfigureAwait(false))
        {
            (EmailSummary summary, string bodyText) = EmailSummaryReader.ReadWithBodyText(stream, receivedAt);
            return new NewEmail(content, summary, bodyText);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Delivered item {ItemId} ({Bytes} bytes) to user {UserId}, folder {FolderId}")]
    private partial void LogDelivered(long userId, long folderId, long itemId, long bytes);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Recipient user {UserId} disappeared before delivery ({Reason}); skipped")]
    private partial void LogRecipientGone(long userId, MailboxErrorReason reason);
}
