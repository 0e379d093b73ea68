using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// The <see cref="IMailSubmitter"/>: local recipients through <see cref="MailDelivery"/> into their
/// Inbox, the rest as one entry of the <see cref="IOutboundQueueStore"/> (then <see cref="OutboundQueueSignal"/>
/// wakes the relay sender of this process once committed). Both happen in one <see cref="IStoreTransactions"/> unit
/// (the caller's, when it has one): the message is accepted for every recipient or for none.
/// </summary>
public sealed partial class MailSubmitter(IDirectory directory, MailDelivery delivery, IOutboundQueueStore queue, OutboundQueueSignal signal, IStoreTransactions transactions, ILogger<MailSubmitter> logger) : IMailSubmitter
{
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

        // Both parts in one unit when there are two (one write alone is atomic as it is, and cheaper).
        long? queueId = localUsers.Count > 0 && remote.Count > 0
            ? await transactions.RunAsync(ct => SubmitPartsAsync(submission, reversePath, remote, localUsers, ct), cancellationToken).ConfigureAwait(false)
            : await SubmitPartsAsync(submission, reversePath, remote, localUsers, cancellationToken).ConfigureAwait(false);
        return new SubmissionResult(outcomes, queueId);
    }

    /// <summary>Queues the remote part and delivers the local part; the queue entry's id, if any.</summary>
    private async Task<long?> SubmitPartsAsync(MailSubmission submission, string reversePath, List<string> remote, List<long> localUsers, CancellationToken cancellationToken)
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

        return id;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Queued message {QueueId} ({Bytes} bytes) for {Recipients} remote recipient(s)")]
    private partial void LogQueued(long queueId, int recipients, long bytes);
}
