using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// The <see cref="IMailSubmitter"/>: local recipients through <see cref="MailDelivery"/> into their
/// Inbox, the rest as one entry of the <see cref="IOutboundQueueStore"/> (then <see cref="OutboundQueueSignal"/>
/// wakes the relay sender of this process once committed), in one <see cref="IStoreTransactions"/> unit (the caller's,
/// when it has one) whenever there is more than one write: the message is accepted for every recipient or for none. A local recipient past ProhibitSendReceive
/// is not delivered to: the sender gets a delivery-status notification from the <see cref="INonDeliveryReporter"/>
/// (in their Inbox when local, else through the queue), and the other recipients get the message as usual.
/// </summary>
public sealed partial class MailSubmitter(
    IDirectory directory,
    MailDelivery delivery,
    IOutboundQueueStore queue,
    OutboundQueueSignal signal,
    IStoreTransactions transactions,
    MailboxQuotas quotas,
    ILogger<MailSubmitter> logger,
    INonDeliveryReporter? reporter = null,
    TimeProvider? time = null) : IMailSubmitter
{
    /// <summary>What a notification says about a full local mailbox.</summary>
    public const string MailboxFullReply = "552 5.2.2 Mailbox full: the recipient's mailbox is over its size limit";

    /// <inheritdoc/>
    public async Task<SubmissionResult> SubmitAsync(MailSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(submission.Content);
        ArgumentNullException.ThrowIfNull(submission.Recipients);
        string reversePath = submission.ReversePath ?? MailSubmission.NullReversePath;
        if (reversePath.Length > 0 && !EmailAddress.TryNormalize(reversePath, out reversePath))
        {
            throw new ArgumentException("The reverse-path is not an email address.", nameof(submission));
        }

        if (submission.Recipients.Count == 0)
        {
            throw new ArgumentException("A submission needs at least one recipient.", nameof(submission));
        }

        var outcomes = new List<SubmittedRecipient>(submission.Recipients.Count);
        var seenAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var localUsers = new List<long>();
        var remote = new List<string>();
        var full = new List<UndeliveredRecipient>();
        DateTimeOffset arrival = (time ?? TimeProvider.System).GetUtcNow();
        foreach (string recipient in submission.Recipients)
        {
            if (!EmailAddress.TryNormalize(recipient ?? string.Empty, out string address))
            {
                outcomes.Add(new SubmittedRecipient(recipient ?? string.Empty, RecipientDisposition.Invalid, null));
                continue;
            }

            if (!seenAddresses.Add(address))
            {
                continue;
            }

            User? user = await directory.FindUserAsync(address, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                remote.Add(address);
                outcomes.Add(new SubmittedRecipient(address, RecipientDisposition.Queued, null));
            }
            else if (await quotas.GetStatusAsync(user.Id, cancellationToken).ConfigureAwait(false) is { ReceiveProhibited: true } status)
            {
                quotas.Refused(QuotaRefusal.LocalRecipient, user.Id, status);
                full.Add(new UndeliveredRecipient(address, "5.2.2", MailboxFullReply));
                outcomes.Add(new SubmittedRecipient(address, RecipientDisposition.MailboxFull, user.Id));
            }
            else
            {
                // A user named by address and alias gets one copy.
                if (!localUsers.Contains(user.Id))
                {
                    localUsers.Add(user.Id);
                }

                outcomes.Add(new SubmittedRecipient(address, RecipientDisposition.Delivered, user.Id));
            }
        }

        // The parts in one unit when there are several (one write alone is atomic as it is, and cheaper).
        int parts = (remote.Count > 0 ? 1 : 0) + (localUsers.Count > 0 ? 1 : 0) + (full.Count > 0 ? 1 : 0);
        long? queueId = parts > 1
            ? await transactions.RunAsync(ct => SubmitPartsAsync(submission, reversePath, remote, localUsers, full, arrival, ct), cancellationToken).ConfigureAwait(false)
            : await SubmitPartsAsync(submission, reversePath, remote, localUsers, full, arrival, cancellationToken).ConfigureAwait(false);
        return new SubmissionResult(outcomes, queueId);
    }

    /// <summary>Queues the remote part, delivers the local part and bounces the full recipients; the queue entry's id, if any.</summary>
    private async Task<long?> SubmitPartsAsync(MailSubmission submission, string reversePath, List<string> remote, List<long> localUsers, List<UndeliveredRecipient> full, DateTimeOffset arrival, CancellationToken cancellationToken)
    {
        long? id = null;
        if (remote.Count > 0)
        {
            QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(submission.Content.Hash, submission.Content.Length, reversePath, remote), cancellationToken).ConfigureAwait(false);
            id = queued.Id;
            transactions.AfterCommit(() =>
            {
                LogQueued(queued.Id, remote.Count, submission.Content.Length);
                signal.Pulse();
            });
        }

        if (localUsers.Count > 0)
        {
            // As inbound mail: a local recipient who is away answers a local sender too (the reply, from <>, is never answered).
            await delivery.DeliverInboundAsync(submission.Content, reversePath, localUsers, receivedAt: null, cancellationToken).ConfigureAwait(false);
        }

        if (full.Count > 0)
        {
            await BounceAsync(submission.Content, reversePath, full, arrival, cancellationToken).ConfigureAwait(false);
        }

        return id;
    }

    /// <summary>Tells the sender which local recipients were full: into their Inbox when local (whatever its own size), else through the queue.</summary>
    private async Task BounceAsync(BlobRef content, string reversePath, List<UndeliveredRecipient> full, DateTimeOffset arrival, CancellationToken cancellationToken)
    {
        if (reversePath.Length == 0 || reporter is null)
        {
            // Mail from the null reverse-path (a bounce, an automatic reply) is never bounced (RFC 5321 section 4.5.5).
            LogNotBounced(full.Count, reversePath.Length == 0 ? "null reverse-path" : "no notification writer");
            return;
        }

        BlobRef notification = await reporter.WriteAsync(content, reversePath, full, arrival, cancellationToken).ConfigureAwait(false);
        User? sender = await directory.FindUserAsync(reversePath, cancellationToken).ConfigureAwait(false);
        if (sender is not null)
        {
            await delivery.DeliverStoredAsync(notification, [sender.Id], Folders.FolderType.Inbox, receivedAt: null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(notification.Hash, notification.Length, MailSubmission.NullReversePath, [reversePath]), cancellationToken).ConfigureAwait(false);
            transactions.AfterCommit(() =>
            {
                LogQueued(queued.Id, 1, notification.Length);
                signal.Pulse();
            });
        }

        LogBounced(reversePath, full.Count);
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Bounced to {Sender}: {Recipients} local recipient(s) with a full mailbox")]
    private partial void LogBounced(string sender, int recipients);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information, Message = "{Recipients} local recipient(s) with a full mailbox not delivered to; no notification ({Why})")]
    private partial void LogNotBounced(int recipients, string why);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Queued message {QueueId} ({Bytes} bytes) for {Recipients} remote recipient(s)")]
    private partial void LogQueued(long queueId, int recipients, long bytes);
}
