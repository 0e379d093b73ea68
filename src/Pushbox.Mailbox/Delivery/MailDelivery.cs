using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Puts messages into mailboxes: resolves recipients (primary address or alias), stores the content
/// once in the blob store and adds it to each recipient's folder. When a delivery method returns, the
/// message is durable for every recipient it reported as delivered — SMTP replies 250 only then.
/// Inbound mail delivered through <see cref="DeliverInboundAsync"/> is announced to every registered
/// <see cref="IDeliveryObserver"/> (Out of Office replies) in the same transaction, whose failure never fails the delivery.
/// With <see cref="MailboxQuotas"/>, a delivery that takes a mailbox past its warning size warns the user once;
/// whether a recipient may receive at all is the caller's check (SMTP at RCPT, <see cref="MailSubmitter"/>).
/// </summary>
public sealed partial class MailDelivery(
    IDirectory directory,
    IMailboxStore store,
    IBlobStore blobs,
    TimeProvider time,
    IStoreTransactions transactions,
    MailboxQuotas quotas,
    ILogger<MailDelivery> logger,
    IEnumerable<IDeliveryObserver>? observers = null)
{
    private readonly IDeliveryObserver[] _observers = observers?.ToArray() ?? [];

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
                if (quotas is not null)
                {
                    await quotas.WarnIfCrossedAsync(userId, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (MailboxException e) when (e.Reason is MailboxErrorReason.UserNotFound or MailboxErrorReason.FolderNotFound)
            {
                LogRecipientGone(userId, e.Reason);
            }
        }

        return delivered;
    }

    /// <summary>
    /// Delivers inbound mail (from SMTP, or submitted by a local user) into each recipient's Inbox, as
    /// <see cref="DeliverStoredAsync"/>, then tells the <see cref="IDeliveryObserver"/>s about the recipients it reached.
    /// An observer that throws is logged and ignored: the message is delivered either way.
    /// </summary>
    /// <param name="content">The message, already in the blob store.</param>
    /// <param name="reversePath">The envelope sender (MAIL FROM), a bare address; empty for the null reverse-path.</param>
    /// <param name="recipients">The users to deliver to.</param>
    /// <param name="receivedAt">The time of receipt; now when null.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    public async Task<IReadOnlyList<StoredItem>> DeliverInboundAsync(BlobRef content, string reversePath, IReadOnlyCollection<long> recipients, DateTimeOffset? receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reversePath);
        if (_observers.Length == 0)
        {
            return await DeliverStoredAsync(content, recipients, FolderType.Inbox, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        // One unit: what the observers record (a pending Out of Office reply) commits exactly when the delivery does.
        return await transactions.RunAsync(
            async ct =>
            {
                IReadOnlyList<StoredItem> delivered = await DeliverStoredAsync(content, recipients, FolderType.Inbox, receivedAt, ct).ConfigureAwait(false);
                if (delivered.Count > 0)
                {
                    var mail = new DeliveredMail(content, reversePath, [.. delivered.Select(i => i.UserId).Distinct()]);
                    foreach (IDeliveryObserver observer in _observers)
                    {
                        try
                        {
                            await observer.OnDeliveredAsync(mail, ct).ConfigureAwait(false);
                        }
#pragma warning disable CA1031 // An observer's failure is its own (its writes are undone); the message is delivered.
                        catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
                        {
                            LogObserverFailed(observer.GetType().Name, e);
                        }
                    }
                }

                return delivered;
            },
            cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Delivery observer {Observer} failed; the message is delivered")]
    private partial void LogObserverFailed(string observer, Exception exception);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Recipient user {UserId} disappeared before delivery ({Reason}); skipped")]
    private partial void LogRecipientGone(long userId, MailboxErrorReason reason);
}
