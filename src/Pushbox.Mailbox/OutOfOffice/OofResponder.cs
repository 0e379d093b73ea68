using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// Sends Out of Office replies for delivered mail, off the delivery path: <see cref="OofReplyBacklog"/> records each
/// delivery as a pending row (<see cref="IOofPendingStore"/>) in the delivery's transaction, and <see cref="RunAsync"/>
/// claims the pending rows under a lease (so that several servers answer each once) and works through them. For each
/// recipient whose Out of Office is on at that moment it reads the message's headers, decides
/// (<see cref="OofReplyDecision"/>), records the sender for the current period
/// (<see cref="IUserSettingsStore.TryRecordOofReplyAsync"/>, one reply per sender and period even across nodes) and
/// submits the reply from the null reverse-path through <see cref="IMailSubmitter"/>: straight into a local sender's
/// Inbox, into the outbound queue for a remote one. The record, the reply and the removal of the pending row are one
/// <see cref="IStoreTransactions"/> unit: a crash in between leaves the row pending and nothing sent, so the reply goes
/// out once after the lease. Failures are logged and never reach the delivery.
/// </summary>
public sealed partial class OofResponder(
    OofReplyBacklog backlog,
    IOofPendingStore pending,
    IStoreTransactions transactions,
    IUserSettingsStore settings,
    IDirectory directory,
    IBlobStore blobs,
    IMailSubmitter submitter,
    TimeProvider time,
    ILogger<OofResponder> logger)
{
    /// <summary>How long a claimed pending reply is held before another responder may take it (this one having died).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>The longest pause between looks for pending replies recorded by another server. </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <summary>How many times a pending reply is tried before it is given up (logged) so that it cannot block the others.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The largest reply accepted into the blob store (a reply is the user's text and headers).</summary>
    private const long MaxReplySize = 1024 * 1024;

    private const int ClaimBatch = 8;

    private static readonly TimeSpan StoreFailurePause = TimeSpan.FromSeconds(5);

    /// <summary>The name this responder claims pending replies under (host, process and a random part).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Answers pending replies until <paramref name="cancellationToken"/> is cancelled: at once when this process delivers, else every <see cref="PollInterval"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            int answered;
            try
            {
                answered = await ProcessPendingAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StoreUnavailableException e)
            {
                LogStoreFailed(e);
                await Task.Delay(StoreFailurePause, time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (answered == 0)
            {
                await backlog.WaitAsync(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Claims and answers the pending replies due now, a batch at a time, until none is left; returns how many it dealt with.</summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken)
    {
        int total = 0;
        while (true)
        {
            IReadOnlyList<PendingOofReply> claimed = await pending.ClaimAsync(Owner, ClaimBatch, time.GetUtcNow(), Lease, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                return total;
            }

            for (int i = 0; i < claimed.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(claimed.Skip(i)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                await AnswerAsync(claimed[i], cancellationToken).ConfigureAwait(false);
                total++;
            }
        }
    }

    /// <summary>One pending reply: decided, sent and removed in one unit; a failure leaves it for a later attempt, up to <see cref="MaxAttempts"/>.</summary>
    private async Task AnswerAsync(PendingOofReply reply, CancellationToken cancellationToken)
    {
        var mail = new DeliveredMail(new BlobRef(reply.BlobHash, 0), reply.ReversePath, reply.UserIds);
        try
        {
            bool held = await transactions.RunAsync(
                async ct =>
                {
                    if (!await pending.CompleteAsync(reply.Id, Owner, ct).ConfigureAwait(false))
                    {
                        return false;
                    }

                    await ProcessAsync(mail, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
            if (!held)
            {
                LogLeaseLost(reply.Id);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync([reply]).ConfigureAwait(false);
            throw;
        }
        catch (StoreUnavailableException)
        {
            throw;
        }
#pragma warning disable CA1031 // One failed reply must not stop the others; the delivery it follows is long done.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(reply.BlobHash, reply.Attempts, e);
            if (reply.Attempts >= MaxAttempts)
            {
                await pending.CompleteAsync(reply.Id, Owner, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Gives claimed rows back for the next responder, best effort (the lease lapses anyway).</summary>
    private async Task ReleaseAsync(IEnumerable<PendingOofReply> replies)
    {
        foreach (PendingOofReply reply in replies)
        {
            try
            {
                await pending.ReleaseAsync(reply.Id, Owner, CancellationToken.None).ConfigureAwait(false);
            }
            catch (StoreUnavailableException)
            {
                return;
            }
        }
    }

    /// <summary>Decides and sends the replies for one delivered message.</summary>
    public async Task ProcessAsync(DeliveredMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        HeaderList? headers = null;
        bool? senderIsLocal = null;
        foreach (long userId in mail.UserIds.Distinct())
        {
            OofSettings oof = await settings.GetOofAsync(userId, cancellationToken).ConfigureAwait(false);
            DateTimeOffset now = time.GetUtcNow();
            if (!oof.IsActiveAt(now))
            {
                continue;
            }

            headers ??= await ReadHeadersAsync(mail.Content, cancellationToken).ConfigureAwait(false);
            if (headers is null || await directory.GetUserAsync(userId, cancellationToken).ConfigureAwait(false) is not { } user)
            {
                continue;
            }

            senderIsLocal ??= EmailAddress.TryNormalize(mail.ReversePath, out string sender)
                && await directory.FindUserAsync(sender, cancellationToken).ConfigureAwait(false) is not null;
            OofMessageFacts facts = OofMessageFacts.Read(headers, mail.ReversePath);
            OofDecision decision = OofReplyDecision.Decide(oof, now, facts, [user.Address, .. user.Aliases], senderIsLocal.Value);
            if (decision.Skip is OofSkipReason reason)
            {
                LogSkipped(userId, reason);
                continue;
            }

            if (!await settings.TryRecordOofReplyAsync(userId, oof.Generation, decision.Recipient, cancellationToken).ConfigureAwait(false))
            {
                LogSkipped(userId, OofSkipReason.AlreadyReplied);
                continue;
            }

            MimeMessage reply = OofReplyBuilder.Build(user.Address, user.DisplayName, decision.Recipient, decision.Reply!, facts, now);
            BlobRef content;
            using (var buffer = new MemoryStream())
            {
                await reply.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
                buffer.Position = 0;
                content = await blobs.PutAsync(buffer, MaxReplySize, cancellationToken).ConfigureAwait(false);
            }

            SubmissionResult result = await submitter.SubmitAsync(new MailSubmission(content, MailSubmission.NullReversePath, [decision.Recipient]), cancellationToken).ConfigureAwait(false);
            LogSent(userId, decision.Audience, result.QueueId is null ? "delivered locally" : "queued for the relay");
        }
    }

    private async Task<HeaderList?> ReadHeadersAsync(BlobRef content, CancellationToken cancellationToken)
    {
        Stream? stream = await blobs.OpenReadAsync(content.Hash, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            try
            {
                // Only the header block is read; the body stays in the blob.
                var parser = new MimeParser(stream, MimeFormat.Entity);
                return await parser.ParseHeadersAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Out of Office reply of user {UserId} sent to a {Audience} sender ({How})")]
    private partial void LogSent(long userId, OofAudienceKind audience, string how);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Debug, Message = "No Out of Office reply of user {UserId}: {Reason}")]
    private partial void LogSkipped(long userId, OofSkipReason reason);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Out of Office reply for message {Hash} failed (attempt {Attempt}); the delivery is unaffected")]
    private partial void LogFailed(string hash, int attempt, Exception exception);

    [LoggerMessage(EventId = 3305, Level = LogLevel.Warning, Message = "Out of Office replies could not be read from the store; trying again shortly")]
    private partial void LogStoreFailed(Exception exception);

    [LoggerMessage(EventId = 3306, Level = LogLevel.Warning, Message = "Pending Out of Office reply {PendingId}: another server took it over (this server's lease lapsed); left to that server")]
    private partial void LogLeaseLost(long pendingId);
}
