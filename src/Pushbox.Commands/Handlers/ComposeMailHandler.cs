using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Commands.Compose;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.ComposeMail;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.19, 2.2.1.20); one instance per command.
/// The message the device composed is checked (it parses as MIME, has recipients that are all addresses, is
/// within <see cref="SendOptions.MaxMessageSize"/>, and comes From the user's address or one of its aliases —
/// anything else is refused, so nobody sends as someone else), completed (From when missing, Date,
/// Message-ID; for the smart commands the original appended unless ReplaceMime, and In-Reply-To), stripped of
/// Bcc, and handed to the <see cref="IMailSubmitter"/> for every To, Cc and Bcc recipient. The same content
/// goes to Sent Items (read) when asked. The original of a smart command records the reply or forward
/// (LastVerbExecuted). A 14.0+ ClientId already sent by this device is answered 118 and sends nothing: the ClientId is
/// recorded in the same store transaction (<see cref="IStoreTransactions"/>) as the delivery, the queue entry and the
/// Sent Items copy, so a retry racing the first attempt, or following a failure half-way, sends exactly once. A sender whose
/// mailbox is past its ProhibitSend limit is answered 113 (HTTP 507 before 14.0) and sends nothing; a local recipient
/// whose mailbox is full does not fail the send (<see cref="MailSubmitter"/> bounces it to the sender).
/// Success is an empty response; a failure is the command's Status from 14.0, an HTTP status before.
/// </summary>
internal sealed partial class ComposeMailHandler(
    EasCommand command,
    IDirectory directory,
    IMailboxStore store,
    IBlobStore blobs,
    IMailSubmitter submitter,
    ISentClientIdStore clientIds,
    IStoreTransactions transactions,
    MailDelivery delivery,
    SendOptions options,
    WbxmlLimits limits,
    TimeProvider time,
    MailboxQuotas quotas,
    ILogger<ComposeMailHandler> logger) : IEasCommandHandler
{
    public EasCommand Command => command;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Fail(context, (ComposeMailStatus)status);
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        bool wbxml = body.Length > 0 && body.Span[0] == 0x03;
        ComposeMailRequest request;
        if (context.Version >= EasVersion.V140)
        {
            if (!wbxml)
            {
                return Refused(context, ComposeMailStatus.InvalidContent, "the body is not WBXML");
            }

            request = ComposeMailRequestParser.Parse(command, body, limits);
        }
        else
        {
            if (wbxml)
            {
                // MS-ASCMD_R4813: before 14.0 the body is the MIME message, never WBXML.
                return Refused(context, ComposeMailStatus.InvalidContent, "a WBXML body before protocol 14.0");
            }

            request = ComposeMailRequestParser.FromQuery(command, context.Query, body);
        }

        User user = await directory.GetUserAsync(context.UserId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The authenticated user {context.UserId} no longer exists.");
        if (request.AccountId is { } accountId && !IsOwnAccount(user, accountId))
        {
            return Refused(context, ComposeMailStatus.InvalidAccountId, "AccountId names another account");
        }

        if (request.ClientId is { } clientId && await clientIds.ContainsAsync(user.Id, context.Device.DeviceId, clientId, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(command, user.Address, context.Device.DeviceId, clientId);
            return Fail(context, ComposeMailStatus.MessagePreviouslySent);
        }

        // MS-ASCMD 2.2.2 status 113: the sender's mailbox is past ProhibitSend; nothing is sent.
        if (await quotas.GetStatusAsync(user.Id, cancellationToken).ConfigureAwait(false) is { SendProhibited: true } quota)
        {
            quotas.Refused(QuotaRefusal.Send, user.Id, quota);
            return Refused(context, ComposeMailStatus.MailboxQuotaExceeded, "the sender's mailbox is over its send limit");
        }

        if (request.Mime.Length > options.MaxMessageSize)
        {
            return Refused(context, ComposeMailStatus.SendQuotaExceeded, $"the message is larger than {options.MaxMessageSize} bytes");
        }

        MimeMessage? message = ParseMime(request.Mime);
        if (message is null)
        {
            return Refused(context, ComposeMailStatus.InvalidMime, "the MIME message could not be parsed");
        }

        OriginalMessage? original = null;
        try
        {
            if (request.Source is { } source)
            {
                (ComposeMailStatus? status, original) = await OpenOriginalAsync(context, request, source, cancellationToken).ConfigureAwait(false);
                if (status is { } failed)
                {
                    return Refused(context, failed, "the original message is not usable");
                }
            }

            return await SendAsync(context, request, user, message, original, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (original is not null)
            {
                await original.Content.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<EasCommandResult> SendAsync(EasRequestContext context, ComposeMailRequest request, User user, MimeMessage message, OriginalMessage? original, CancellationToken cancellationToken)
    {
        // From: the user's address or one of its aliases, never anyone else's (a missing From becomes the user's).
        string reversePath;
        if (message.From.Mailboxes.Any())
        {
            string? foreign = message.From.Mailboxes.Concat(message.Sender is null ? [] : [message.Sender])
                .Select(m => m.Address).FirstOrDefault(a => !IsOwnAddress(user, a));
            if (foreign is not null)
            {
                LogSpoofRefused(command, user.Address, foreign);
                return Fail(context, ComposeMailStatus.MailSubmissionFailed);
            }

            reversePath = EmailAddress.Normalize(message.From.Mailboxes.First().Address);
        }
        else
        {
            message.From.Add(new MailboxAddress(user.DisplayName, user.Address));
            reversePath = user.Address;
        }

        List<MailboxAddress> recipients = [.. message.To.Mailboxes, .. message.Cc.Mailboxes, .. message.Bcc.Mailboxes];
        if (recipients.Count == 0)
        {
            return Refused(context, ComposeMailStatus.MessageHasNoRecipient, "the message has no recipient");
        }

        var addresses = new List<string>(recipients.Count);
        foreach (MailboxAddress recipient in recipients)
        {
            if (!EmailAddress.TryNormalize(recipient.Address ?? string.Empty, out string address))
            {
                return Refused(context, ComposeMailStatus.MessageRecipientUnresolved, "a recipient is not an email address");
            }

            addresses.Add(address);
        }

        if (original is not null)
        {
            if (!request.ReplaceMime)
            {
                try
                {
                    SmartMessageBuilder.Append(message, original.Message, forward: command == EasCommand.SmartForward);
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException or NotSupportedException or ArgumentException)
                {
                    LogReplyFailed(command, user.Address, original.Item.Id, e);
                    return Fail(context, ComposeMailStatus.MessageReplyFailed);
                }
            }

            if (command == EasCommand.SmartReply && original.Message.MessageId is { Length: > 0 } originalId)
            {
                message.InReplyTo ??= originalId;
                if (!message.References.Contains(originalId))
                {
                    foreach (string reference in original.Message.References.Where(r => !message.References.Contains(r)))
                    {
                        message.References.Add(reference);
                    }

                    message.References.Add(originalId);
                }
            }
        }

        DateTimeOffset now = time.GetUtcNow();
        if (message.Headers[HeaderId.Date] is null)
        {
            message.Date = now;
        }

        if (string.IsNullOrEmpty(message.MessageId))
        {
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(DomainOf(reversePath));
        }

        // Bcc recipients get the message, but nobody sees them in it, the sender's own copy included.
        message.Headers.RemoveAll(HeaderId.Bcc);

        BlobRef content;
        try
        {
            content = await StoreAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobTooLargeException)
        {
            return Refused(context, ComposeMailStatus.SendQuotaExceeded, $"the message with the original is larger than {options.MaxMessageSize} bytes");
        }

        EmailSummary? sentSummary = request.SaveInSentItems
            ? (await delivery.ReadSummaryAsync(content, now, cancellationToken).ConfigureAwait(false)) with { Read = true }
            : null;
        EmailLastVerb? verb = original is null ? null
            : command == EasCommand.SmartForward ? EmailLastVerb.Forward
            : IsReplyToAll(original.Message, addresses, user) ? EmailLastVerb.ReplyToAll : EmailLastVerb.ReplyToSender;

        // One unit: the ClientId is recorded exactly when the message is accepted (delivered, queued, copied to Sent Items).
        // A concurrent duplicate waits for this unit and then finds the ClientId; a failure anywhere records and sends nothing.
        SubmissionResult? submitted = await transactions.RunAsync(
            async ct =>
            {
                if (request.ClientId is { } clientId && !await clientIds.TryRecordAsync(user.Id, context.Device.DeviceId, clientId, ct).ConfigureAwait(false))
                {
                    return null;
                }

                SubmissionResult result = await submitter.SubmitAsync(new MailSubmission(content, reversePath, addresses), ct).ConfigureAwait(false);
                if (sentSummary is not null)
                {
                    Folder sent = await store.GetStandardFolderAsync(user.Id, FolderType.SentItems, ct).ConfigureAwait(false);
                    await store.AddEmailAsync(user.Id, sent.Id, new NewEmail(content, sentSummary), ct).ConfigureAwait(false);
                }

                if (original is not null)
                {
                    try
                    {
                        await store.UpdateEmailStateAsync(user.Id, original.Item.Id, new EmailStateChange(LastVerb: verb, LastVerbAt: now), ct).ConfigureAwait(false);
                    }
                    catch (MailboxException e) when (e.Reason == MailboxErrorReason.ItemNotFound)
                    {
                        // Deleted while the reply was being sent; the reply is sent all the same.
                    }
                }

                return result;
            },
            cancellationToken).ConfigureAwait(false);
        if (submitted is null)
        {
            LogDuplicate(command, user.Address, context.Device.DeviceId, request.ClientId!);
            return Fail(context, ComposeMailStatus.MessagePreviouslySent);
        }

        int local = submitted.Recipients.Count(r => r.Disposition == RecipientDisposition.Delivered);
        int remote = submitted.Recipients.Count(r => r.Disposition == RecipientDisposition.Queued);
        LogSent(command, user.Address, context.Device.DeviceId, local, remote, content.Length);

        if (sentSummary is not null)
        {
            await quotas.WarnIfCrossedAsync(user.Id, cancellationToken).ConfigureAwait(false);
        }

        return EasCommandResult.Status(200);
    }

    /// <summary>Finds and opens the original of a smart command; a status when it cannot be used.</summary>
    private async Task<(ComposeMailStatus? Status, OriginalMessage? Original)> OpenOriginalAsync(EasRequestContext context, ComposeMailRequest request, ComposeMailSource source, CancellationToken cancellationToken)
    {
        if (source.InstanceId is { } instance && !DateTimeOffset.TryParse(instance, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return (ComposeMailStatus.InvalidDateTime, null);
        }

        // A LongId is what Search hands out for a result: Pushbox uses the item's ServerId there.
        string? itemId = source.ItemId ?? source.LongId;
        if (itemId is null)
        {
            return (ComposeMailStatus.InvalidCombinationOfIds, null);
        }

        if (!ItemServerId.TryParse(itemId, out long folderId, out long id))
        {
            return (ComposeMailStatus.InvalidIds, null);
        }

        if (source.FolderId is { } folderText && source.ItemId is not null
            && (!long.TryParse(folderText, NumberStyles.None, CultureInfo.InvariantCulture, out long named) || named != folderId))
        {
            return (long.TryParse(folderText, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? ComposeMailStatus.ItemNotFound : ComposeMailStatus.InvalidIds, null);
        }

        StoredItem? item = await store.GetItemAsync(context.UserId, id, cancellationToken).ConfigureAwait(false);
        if (item is null || item.FolderId != folderId)
        {
            return (ComposeMailStatus.ItemNotFound, null);
        }

        if (item.Class != ItemClass.Email || item.BlobHash is null)
        {
            return (ComposeMailStatus.MessageReplyNotAllowed, null);
        }

        Stream? stream = await blobs.OpenReadAsync(item.BlobHash, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            LogOriginalMissing(item.Id, item.BlobHash);
            return (ComposeMailStatus.MessageReplyFailed, null);
        }

        try
        {
            MimeMessage parsed = await MimeMessage.LoadAsync(stream, persistent: stream.CanSeek, cancellationToken).ConfigureAwait(false);
            return (null, new OriginalMessage(item, parsed, stream));
        }
        catch (FormatException)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            return (request.ReplaceMime ? null : ComposeMailStatus.MessageReplyFailed, null);
        }
    }

    /// <summary>Writes the message to the blob store through a temporary file, so that a large message is never held twice in memory.</summary>
    private async Task<BlobRef> StoreAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Path.GetTempPath(), "pushbox-send-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await message.WriteToAsync(FormatOptions.Default, file, cancellationToken).ConfigureAwait(false);
            if (file.Length > options.MaxMessageSize)
            {
                throw new BlobTooLargeException(options.MaxMessageSize);
            }

            file.Position = 0;
            return await blobs.PutAsync(file, options.MaxMessageSize, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Parses the MIME without copying it; null when it is not a message (no header at all, or unreadable).</summary>
    private static MimeMessage? ParseMime(ReadOnlyMemory<byte> mime)
    {
        if (mime.IsEmpty)
        {
            return null;
        }

        MemoryStream stream = MemoryMarshal.TryGetArray(mime, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(mime.ToArray(), writable: false);
        try
        {
            var parser = new MimeParser(stream, MimeFormat.Entity, persistent: true);
            MimeMessage message = parser.ParseMessage();
            return message.Headers.Count == 0 || message.Body is null ? null : message;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool IsOwnAddress(User user, string? address) =>
        EmailAddress.TryNormalize(address ?? string.Empty, out string normalized)
        && (string.Equals(normalized, user.Address, StringComparison.OrdinalIgnoreCase)
            || user.Aliases.Any(a => string.Equals(a, normalized, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The user's one account answers to its id, its primary address or an alias.</summary>
    private static bool IsOwnAccount(User user, string accountId) =>
        accountId == user.Id.ToString(CultureInfo.InvariantCulture) || IsOwnAddress(user, accountId);

    /// <summary>A reply to anyone besides the original's sender (From and Reply-To) is a reply to all.</summary>
    private static bool IsReplyToAll(MimeMessage original, IReadOnlyList<string> recipients, User user)
    {
        var senders = new HashSet<string>(
            original.From.Mailboxes.Concat(original.ReplyTo.Mailboxes).Select(m => EmailAddress.TryNormalize(m.Address ?? string.Empty, out string a) ? a : string.Empty),
            StringComparer.OrdinalIgnoreCase);
        return recipients.Any(r => !senders.Contains(r) && !IsOwnAddress(user, r));
    }

    private static string DomainOf(string address)
    {
        int at = address.LastIndexOf('@');
        return at < 0 ? "localhost" : address[(at + 1)..];
    }

    private EasCommandResult Refused(EasRequestContext context, ComposeMailStatus status, string reason)
    {
        LogRefused(command, context.UserAddress, context.Device.DeviceId, (int)status, reason);
        return Fail(context, status);
    }

    private EasCommandResult Fail(EasRequestContext context, ComposeMailStatus status) =>
        context.Version >= EasVersion.V140
            ? EasCommandResult.Ok(writer => ComposeMailResponseWriter.Write(writer, command, status, context.Version))
            : EasCommandResult.Status(ComposeMailStatusCodes.HttpStatusFor(status));

    /// <summary>The original of a smart command: the item, its parsed MIME and the stream it is parsed from (disposed after sending).</summary>
    private sealed record OriginalMessage(StoredItem Item, MimeMessage Message, Stream Content);

    [LoggerMessage(EventId = 6401, Level = LogLevel.Information, Message = "{Command} by {User} from device {DeviceId}: delivered to {Local} local and queued for {Remote} remote recipient(s), {Bytes} bytes")]
    private partial void LogSent(EasCommand command, string user, string deviceId, int local, int remote, long bytes);

    [LoggerMessage(EventId = 6402, Level = LogLevel.Warning, Message = "{Command} by {User}: refused, From or Sender <{Address}> is not the user's address or an alias")]
    private partial void LogSpoofRefused(EasCommand command, string user, string address);

    [LoggerMessage(EventId = 6403, Level = LogLevel.Information, Message = "{Command} by {User} from device {DeviceId}: ClientId {ClientId} was sent already; nothing sent again")]
    private partial void LogDuplicate(EasCommand command, string user, string deviceId, string clientId);

    [LoggerMessage(EventId = 6404, Level = LogLevel.Information, Message = "{Command} by {User} from device {DeviceId}: refused with status {Status}: {Reason}")]
    private partial void LogRefused(EasCommand command, string user, string deviceId, int status, string reason);

    [LoggerMessage(EventId = 6405, Level = LogLevel.Warning, Message = "{Command} by {User}: could not build the reply or forward of item {ItemId}")]
    private partial void LogReplyFailed(EasCommand command, string user, long itemId, Exception exception);

    [LoggerMessage(EventId = 6406, Level = LogLevel.Error, Message = "The content {BlobHash} of item {ItemId} is missing from the blob store")]
    private partial void LogOriginalMissing(long itemId, string blobHash);
}
