using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Quotas;

/// <summary>
/// The mailbox limits in force: a user's own (<see cref="IDirectory.SetQuotaAsync"/>) else the server defaults
/// (<see cref="QuotaOptions"/>), against the size the store keeps (<see cref="IMailboxStore.GetMailboxUsageAsync"/>, one
/// primary-key read). Sends the warning message once per crossing of the warning size, and counts refusals for the
/// metrics. Limits are checked before mail is accepted, never while it is written: a message accepted just below a
/// limit is stored whole (the mailbox ends a little past it, as with Exchange), and the next one is refused.
/// </summary>
public sealed partial class MailboxQuotas(IDirectory directory, IMailboxStore store, IBlobStore blobs, QuotaOptions options, TimeProvider time, ILogger<MailboxQuotas> logger)
{
    private readonly UserQuota _defaults = options.Defaults;
    private readonly long[] _refusals = new long[Enum.GetValues<QuotaRefusal>().Length];

    /// <summary>The server-wide limits.</summary>
    public UserQuota Defaults => _defaults;

    /// <summary>The user's size against their limits; null when there is no such user.</summary>
    public async Task<QuotaStatus?> GetStatusAsync(long userId, CancellationToken cancellationToken)
    {
        MailboxUsage? usage = await store.GetMailboxUsageAsync(userId, cancellationToken).ConfigureAwait(false);
        return usage is null ? null : StatusOf(usage);
    }

    /// <summary>A usage against the limits that apply to it.</summary>
    public QuotaStatus StatusOf(MailboxUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return new QuotaStatus(usage.Bytes, usage.Quota.Or(_defaults));
    }

    /// <summary>How many times mail was refused for <paramref name="kind"/> since start.</summary>
    public long Refusals(QuotaRefusal kind) => Interlocked.Read(ref _refusals[(int)kind]);

    /// <summary>Counts a refusal and logs it.</summary>
    public void Refused(QuotaRefusal kind, long userId, QuotaStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Interlocked.Increment(ref _refusals[(int)kind]);
        LogRefused(kind, userId, status.Bytes, status.Level);
    }

    /// <summary>
    /// After the user's mailbox grew: when it is now at or past the warning size and the user was not warned about it
    /// yet, puts one warning message in their Inbox (it is not itself held to the limits). When the warning size has gone
    /// up past the mailbox size since the last warning, forgets it, so that the next crossing warns again. Never throws
    /// for a store failure: the mail that grew the mailbox is delivered either way.
    /// </summary>
    public async Task WarnIfCrossedAsync(long userId, CancellationToken cancellationToken)
    {
        try
        {
            MailboxUsage? usage = await store.GetMailboxUsageAsync(userId, cancellationToken).ConfigureAwait(false);
            if (usage is null)
            {
                return;
            }

            QuotaStatus status = StatusOf(usage);
            if (status.Limits.Warning.Bytes is not { } warning)
            {
                return;
            }

            if (usage.Bytes < warning)
            {
                if (usage.WarnedAt is not null)
                {
                    await store.ClearQuotaWarningAsync(userId, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            if (usage.WarnedAt is not null || !await store.TryMarkQuotaWarnedAsync(userId, warning, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await DeliverWarningAsync(userId, status, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // Not warned after all: the next delivery tries again.
                await store.ClearQuotaWarningAsync(userId, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A warning that could not be written is logged; the delivery that caused it stands.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogWarningFailed(userId, e);
        }
    }

    private async Task DeliverWarningAsync(long userId, QuotaStatus status, CancellationToken cancellationToken)
    {
        Users.User user = await directory.GetUserAsync(userId, cancellationToken).ConfigureAwait(false)
            ?? throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
        Folder inbox = await store.GetStandardFolderAsync(userId, FolderType.Inbox, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = time.GetUtcNow();
        byte[] mime = WarningMessage(user, status, now);
        using var buffer = new MemoryStream(mime, writable: false);
        BlobRef content = await blobs.PutAsync(buffer, mime.Length, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        (EmailSummary summary, string bodyText) = EmailSummaryReader.ReadWithBodyText(buffer, now);
        StoredItem item = await store.AddEmailAsync(userId, inbox.Id, new NewEmail(content, summary, bodyText), cancellationToken).ConfigureAwait(false);
        LogWarned(userId, status.Bytes, status.Limits.Warning.Bytes ?? 0, item.Id);
    }

    /// <summary>The warning, in the words Exchange administrators' users know: how full the mailbox is and what happens next.</summary>
    private static byte[] WarningMessage(Users.User user, QuotaStatus status, DateTimeOffset now)
    {
        UserQuota limits = status.Limits;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Your mailbox is {QuotaLimit.FormatBytes(status.Bytes)}, at or over its warning size of {limits.Warning}.\n\n");
        if (limits.ProhibitSend.Bytes is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"At {limits.ProhibitSend} you will no longer be able to send mail.\n");
        }

        if (limits.ProhibitSendReceive.Bytes is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"At {limits.ProhibitSendReceive} your mailbox will no longer receive mail; senders will be told it is full.\n");
        }

        text.Append("\nTo make room, delete items you no longer need (and empty Deleted Items), or ask your administrator for a larger mailbox.\n");
        string domain = user.Address[(user.Address.LastIndexOf('@') + 1)..];
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail System", "MAILER-DAEMON@" + domain));
        message.To.Add(new MailboxAddress(user.DisplayName, user.Address));
        message.Subject = "Your mailbox is almost full";
        message.Date = now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(domain);
        message.Importance = MessageImportance.High;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = text.ToString() };
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Quota: refused ({Kind}) for user {UserId}, mailbox {Bytes} bytes, level {Level}")]
    private partial void LogRefused(QuotaRefusal kind, long userId, long bytes, QuotaLevel level);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Quota: warned user {UserId}, mailbox {Bytes} bytes past the warning size of {Warning} bytes (item {ItemId})")]
    private partial void LogWarned(long userId, long bytes, long warning, long itemId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Warning, Message = "Quota: could not write the warning for user {UserId}")]
    private partial void LogWarningFailed(long userId, Exception exception);
}
