using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// Sends Out of Office replies for delivered mail, off the delivery path: <see cref="OofReplyBacklog"/> takes the
/// deliveries, and <see cref="RunAsync"/> works through them in order. For each recipient whose Out of Office is on at that
/// moment it reads the message's headers, decides (<see cref="OofReplyDecision"/>), records the sender for the current
/// period (<see cref="IUserSettingsStore.TryRecordOofReplyAsync"/>, so a sender gets one reply per period even across
/// nodes) and submits the reply from the null reverse-path through <see cref="IMailSubmitter"/>: straight into a local
/// sender's Inbox, into the outbound queue for a remote one. Failures are logged and never reach the delivery.
/// </summary>
public sealed partial class OofResponder(
    OofReplyBacklog queue,
    IUserSettingsStore settings,
    IDirectory directory,
    IBlobStore blobs,
    IMailSubmitter submitter,
    TimeProvider time,
    ILogger<OofResponder> logger)
{
    /// <summary>The largest reply accepted into the blob store (a reply is the user's text and headers).</summary>
    private const long MaxReplySize = 1024 * 1024;

    /// <summary>Works through the queue until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (DeliveredMail mail in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await ProcessAsync(mail, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One failed reply must not stop the others; the delivery it follows is long done.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(mail.Content.Hash, e);
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

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning, Message = "Out of Office reply for message {Hash} failed; the delivery is unaffected")]
    private partial void LogFailed(string hash, Exception exception);
}
