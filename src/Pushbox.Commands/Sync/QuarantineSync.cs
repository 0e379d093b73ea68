using System.Globalization;
using System.Text;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Commands.Sync;

/// <summary>
/// Sync for a quarantined device (<see cref="EasRequestContext.Quarantined"/>): its collections hold nothing but, in
/// the Inbox, one generated notice saying the device is quarantined and an administrator must allow it. Nothing of the
/// mailbox is read and nothing is stored: the keys are the fixed <c>Q1</c> (after the initial Sync) and <c>Q2</c> (the
/// Inbox after the notice), so any other key is one the device got before quarantine and is answered with Status 3,
/// which makes it drop what it holds and start over (MS-ASCMD 2.2.3.177.17). A device entering or leaving quarantine
/// also forgets its synchronisation state (<see cref="DeviceAccess"/>), so once allowed its next Sync of a <c>Q</c> key
/// is Status 3 as well and it resynchronises cleanly from the real mailbox. The device's own Adds are refused with
/// Status 5 (nothing it sends is accepted and then lost); Changes and Deletes of the notice succeed without effect,
/// of anything else are Status 8.
/// </summary>
internal sealed class QuarantineSync(IMailboxStore store, TimeProvider time)
{
    /// <summary>The ServerId of the notice.</summary>
    public const string NoticeServerId = "quarantine-notice";

    /// <summary>The key after the initial Sync.</summary>
    public const string InitialKey = "Q1";

    /// <summary>The Inbox's key once the notice was sent.</summary>
    public const string NoticeSentKey = "Q2";

    /// <summary>Answers one collection.</summary>
    public async Task<SyncCollectionResponse> SyncAsync(EasRequestContext context, SyncCollectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        string? className = context.Version <= EasVersion.V121 ? request.Class : null;
        if (!long.TryParse(request.CollectionId, NumberStyles.None, CultureInfo.InvariantCulture, out long folderId)
            || await store.GetFolderAsync(context.UserId, folderId, cancellationToken).ConfigureAwait(false) is not { } folder)
        {
            return new SyncCollectionResponse(request.SyncKey ?? "0", request.CollectionId, SyncStatus.FolderHierarchyChanged, className);
        }

        bool inbox = folder.Type == FolderType.Inbox;
        string? presented = request.SyncKey;
        if (presented == "0")
        {
            return new SyncCollectionResponse(InitialKey, request.CollectionId, SyncStatus.Success, className);
        }

        // A short request (no key, from the cached request) continues where the collection is.
        presented ??= inbox ? NoticeSentKey : InitialKey;
        if (presented is not (InitialKey or NoticeSentKey))
        {
            return new SyncCollectionResponse("0", request.CollectionId, SyncStatus.InvalidSyncKey, className);
        }

        List<SyncItemResponse> responses = [.. request.CommandList.Select(Answer)];
        if (inbox && presented == InitialKey && request.GetChanges != false)
        {
            var notice = new SyncServerCommand(SyncCommandKind.Add, NoticeServerId, ApplicationData: Notice(context, time.GetUtcNow()));
            return new SyncCollectionResponse(NoticeSentKey, request.CollectionId, SyncStatus.Success, className, Responses: responses, Commands: [notice]);
        }

        return new SyncCollectionResponse(presented, request.CollectionId, SyncStatus.Success, className, Responses: responses);
    }

    private static SyncItemResponse Answer(SyncClientCommand command) => command.Kind switch
    {
        SyncCommandKind.Add => new SyncItemResponse(SyncCommandKind.Add, SyncStatus.ServerError, ClientId: command.ClientId),
        SyncCommandKind.Change or SyncCommandKind.Delete when command.ServerId == NoticeServerId => new SyncItemResponse(command.Kind, SyncStatus.Success, command.ServerId),
        _ => new SyncItemResponse(command.Kind, SyncStatus.ObjectNotFound, command.ServerId),
    };

    /// <summary>The notice's subject.</summary>
    public const string NoticeSubject = "Your device is quarantined";

    /// <summary>The notice's text.</summary>
    internal static string NoticeText(EasRequestContext context) =>
        $"Your device {context.Device.DeviceType} ({context.Device.DeviceId}) is quarantined: it cannot synchronise your mailbox.\r\n\r\n" +
        "An administrator must allow it (pushbox device allow). Once it is allowed, the device synchronises again by itself; " +
        "your mail, calendar and contacts then appear here.\r\n";

    private static ItemDataWriter Notice(EasRequestContext context, DateTimeOffset received) => (output, _) =>
    {
        WbxmlWriter writer = output.Writer;
        string domain = context.UserAddress[(context.UserAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        string text = NoticeText(context);
        writer.WriteElementString(EmailTags.To, $"<{context.UserAddress}>");
        writer.WriteElementString(EmailTags.From, $"\"Pushbox\" <postmaster@{domain}>");
        writer.WriteElementString(EmailTags.Subject, NoticeSubject);
        writer.WriteElementString(EmailTags.DateReceived, received.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteElementString(EmailTags.DisplayTo, context.UserAddress);
        writer.WriteElementInt(EmailTags.Importance, 2);
        writer.WriteElementInt(EmailTags.Read, 0);
        int size = Encoding.UTF8.GetByteCount(text);
        if (context.Version >= EasVersion.V120)
        {
            writer.WriteStartElement(AirSyncBaseTags.Body);
            writer.WriteElementInt(AirSyncBaseTags.Type, 1);
            writer.WriteElementInt(AirSyncBaseTags.EstimatedDataSize, size);
            writer.WriteElementInt(AirSyncBaseTags.Truncated, 0);
            writer.WriteElementString(AirSyncBaseTags.Data, text);
            writer.WriteEndElement();
        }
        else
        {
            writer.WriteElementInt(EmailTags.BodyTruncated, 0);
            writer.WriteElementString(EmailTags.Body, text);
        }

        writer.WriteElementString(EmailTags.MessageClass, "IPM.Note");
        writer.WriteElementString(EmailTags.InternetCPID, "65001");
        if (context.Version >= EasVersion.V120)
        {
            writer.WriteElementString(EmailTags.ContentClass, "urn:content-classes:message");
            writer.WriteElementInt(AirSyncBaseTags.NativeBodyType, 1);
        }

        return ValueTask.CompletedTask;
    };
}
