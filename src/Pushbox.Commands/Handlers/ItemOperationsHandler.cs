using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pushbox.Commands.Email;
using Pushbox.Commands.ItemOperations;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// ItemOperations (MS-ASCMD 2.2.1.10, protocol 12.0 and later): Fetch of a mailbox item or of an attachment's
/// bytes, EmptyFolderContents, and from 14.0 the conversation Move, run in request order with a status each
/// (MS-ASCMD_R193, R194). Attachment bytes go inline as base64 Data, or, when the client accepts a multipart answer
/// (<see cref="EasRequestContext.AcceptMultiPart"/>), as binary parts after the WBXML (MS-ASCMD 2.2.1.10.1); either
/// way they are read from the message blob while they are sent, never held whole.
/// </summary>
/// <remarks>
/// <para>Statuses (MS-ASCMD 2.2.3.177.8):</para>
/// <list type="bullet">
/// <item>A body the parser refuses as malformed: the global status 2, protocol error (R7238), not HTTP 400. A request
/// with more than 100 operations is refused the same way (the parser stops reading there; the spec's 11, R7490, is
/// not distinguished).</item>
/// <item>Fetch: a Store other than "Mailbox" — "DocumentLibrary" included, as Pushbox has no document library — and a
/// documentlibrary:LinkId: 9, unknown or unsupported store (R4161). No locator, or several: 2. A mailbox item whose
/// ServerId (or LongId) names nothing of the user's, or whose CollectionId is not the item's folder: 6 (R4158). An
/// item that is not an email (no renderer exists for the other classes yet): 14, conversion failure (R4165). Range,
/// UserName or Password with a mailbox item: 2, an option invalid for the operation (R3547). An empty FileReference,
/// or one that names no attachment of the user's: 15 (R4166, MS-ASAIRS_R214). Any option but Range with a
/// FileReference: 2 (R3573, R3717). A Range starting at or past the attachment's end: 8 (R4160); one running past
/// the end is cut at the last byte, and the Range answered is authoritative (R3713 to R3715). Multipart data past
/// <see cref="MaxMultipartDataBytes"/>: 11, data too large (R4163).</item>
/// <item>The mailbox policy (<see cref="EasRequestContext.Caps"/>): with AttachmentsEnabled false (MS-ASPROV_R206) an
/// attachment Fetch gets 16, access to the resource is denied (R4167); one larger than MaxAttachmentSize bytes
/// (MS-ASPROV_R738), whatever Range is asked, gets 11, the requested data size is too large (R4163). A fetched item's
/// body options are capped as Sync caps them (<see cref="Policies.PolicyCaps.CapBody"/>).</item>
/// <item>EmptyFolderContents: a CollectionId that names no folder of the user's: 6. A folder that does not hold mail
/// (calendar, contacts, the recipient information cache of R196 …): 16, access denied (R4167); the spec names mail
/// folders, Deleted Items first, as what the operation is for (R2245).</item>
/// <item>Move: no Options/MoveAlways: 155 (R3474, R3475). A DstFldId that names no mail folder of the user's: 156
/// (R4172, R4173). A conversation with no email of the user's: 6. A destination that vanishes after some items
/// moved: 17, partial success (R4168).</item>
/// </list>
/// <para>
/// Not yet done: in a multipart answer only attachment bytes become parts; a fetched item's body stays inline in
/// the WBXML part (airsyncbase:Data, where MS-ASAIRS 2.2.2.33 asks for itemoperations:Part), as the item renderer
/// writes it. A Fetch's Schema is not applied: the whole item is sent.
/// </para>
/// </remarks>
internal sealed partial class ItemOperationsHandler(IMailboxStore store, EmailItemRenderer renderer, WbxmlLimits limits, ILogger<ItemOperationsHandler> logger) : IEasCommandHandler
{
    /// <summary>
    /// The most attachment bytes one multipart answer carries: 1 GiB. The part table's offsets and lengths are
    /// 4-byte integers (<see cref="MultipartBody.MaxLength"/>); the cap keeps well below that whatever the WBXML part
    /// holds. A Fetch that would pass it is answered with status 11.
    /// </summary>
    public const long MaxMultipartDataBytes = 1L << 30;

    /// <summary>airsync:Class of a fetched email.</summary>
    private const string EmailClass = "Email";

    public EasCommand Command => EasCommand.ItemOperations;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Inline(context, ItemOperationsResponse.Failure((ItemOperationsStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ItemOperationsRequest request;
        try
        {
            request = ItemOperationsRequestParser.Parse(body, context.Version, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            return Inline(context, ItemOperationsResponse.Failure(ItemOperationsStatus.ProtocolError));
        }

        List<MultipartPart>? parts = context.AcceptMultiPart ? [] : null;
        var results = new List<ItemOperationsResult>(request.Operations.Count);
        foreach (ItemOperation operation in request.Operations)
        {
            results.Add(operation switch
            {
                ItemOperationsFetch fetch => await FetchAsync(context, fetch, parts, cancellationToken).ConfigureAwait(false),
                ItemOperationsEmptyFolderContents empty => new ItemOperationsEmptyFolderContentsResult(
                    await EmptyFolderContentsAsync(context, empty, cancellationToken).ConfigureAwait(false), empty.CollectionId),
                ItemOperationsMove move => new ItemOperationsMoveResult(
                    await MoveConversationAsync(context, move, cancellationToken).ConfigureAwait(false), move.ConversationId),
                _ => throw new UnreachableException($"Unknown operation {operation.GetType().Name}."),
            });
        }

        var response = ItemOperationsResponse.Success(results);
        if (parts is null)
        {
            return Inline(context, response);
        }

        // The WBXML part is written now, before the answer starts, because the part table states its length first.
        MultipartBody multipart = await MultipartBody.CreateAsync(response, context.Version, parts, cancellationToken).ConfigureAwait(false);
        return EasCommandResult.Raw(MultipartBody.ContentType, multipart.Length, async (stream, token) =>
        {
            await using (multipart.ConfigureAwait(false))
            {
                await multipart.WriteToAsync(stream, token).ConfigureAwait(false);
            }
        });
    }

    private static EasCommandResult Inline(EasRequestContext context, ItemOperationsResponse response) =>
        EasCommandResult.Streamed((output, cancellationToken) => ItemOperationsResponseWriter.WriteAsync(output, response, context.Version, cancellationToken));

    private static bool TryParseFolderId(string? text, out long folderId) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out folderId) && folderId > 0;

    private async Task<ItemOperationsFetchResult> FetchAsync(EasRequestContext context, ItemOperationsFetch fetch, List<MultipartPart>? parts, CancellationToken cancellationToken)
    {
        if (!fetch.IsMailboxStore || fetch.Target == ItemOperationsFetchTarget.DocumentLibraryItem)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.UnknownStore);
        }

        return fetch.Target switch
        {
            ItemOperationsFetchTarget.MailboxItem => await FetchItemAsync(context, fetch, fetch.ServerId!, cancellationToken).ConfigureAwait(false),

            // Pushbox has no Search yet; its LongIds will be ServerIds ("folder:item"), so a LongId is read as one.
            ItemOperationsFetchTarget.SearchResult => await FetchItemAsync(context, fetch, fetch.LongId!, cancellationToken).ConfigureAwait(false),
            ItemOperationsFetchTarget.Attachment => await FetchAttachmentAsync(context, fetch, parts, cancellationToken).ConfigureAwait(false),
            _ => ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ProtocolError),
        };
    }

    private async Task<ItemOperationsFetchResult> FetchItemAsync(EasRequestContext context, ItemOperationsFetch fetch, string serverId, CancellationToken cancellationToken)
    {
        ItemOperationsFetchOptions options = fetch.Options;
        if (options.Range is not null || options.UserName is not null || options.Password is not null)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ProtocolError);
        }

        if (!ItemServerId.TryParse(serverId, out long folderId, out long itemId)
            || (fetch.CollectionId is { } collectionId && (!TryParseFolderId(collectionId, out long named) || named != folderId)))
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ObjectNotFound);
        }

        StoredItem? item = await store.GetItemAsync(context.UserId, itemId, cancellationToken).ConfigureAwait(false);
        if (item is null || item.FolderId != folderId)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ObjectNotFound);
        }

        if (item.Email is null)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ConversionFailure);
        }

        // Schema is not applied: the whole item is sent, which a client that named fewer properties reads as well.
        return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.Success, renderer.Render(item, context.Caps.CapBody(options.Body), context.Version), @class: EmailClass);
    }

    private async Task<ItemOperationsFetchResult> FetchAttachmentAsync(EasRequestContext context, ItemOperationsFetch fetch, List<MultipartPart>? parts, CancellationToken cancellationToken)
    {
        if (fetch.FileReference is not { Length: > 0 } reference)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.InvalidAttachment);
        }

        if (!fetch.Options.HasOnlyRange)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ProtocolError);
        }

        if (!context.Caps.AttachmentsEnabled)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.ResourceAccessDenied);
        }

        OpenedAttachment? opened = await OpenedAttachment.OpenAsync(store, renderer, context.UserId, reference, cancellationToken).ConfigureAwait(false);
        if (opened is null)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.InvalidAttachment);
        }

        // Total is written before the data, so the length is learnt now (decoding once when the part is encoded),
        // and the blob is opened again when the data is sent.
        long total;
        string contentType;
        await using (opened.ConfigureAwait(false))
        {
            total = await opened.Attachment.GetLengthAsync(cancellationToken).ConfigureAwait(false);
            contentType = AttachmentContentType.Of(opened.Attachment.ContentType);
        }

        if (context.Caps.Attachment(total) is not null)
        {
            return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.DataTooLarge);
        }

        long first = 0;
        long count = total;
        ItemOperationsByteRange? range = null;
        if (fetch.Options.Range is { } asked)
        {
            if (asked.First >= total)
            {
                return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.InvalidByteRange);
            }

            range = new ItemOperationsByteRange(asked.First, Math.Min(asked.Last, total - 1));
            (first, count) = (range.Value.First, range.Value.Length);
        }

        StoredItem item = opened.Item;
        int partIndex = opened.PartIndex;
        ItemOperationsFetchData data;
        if (parts is null)
        {
            data = ItemOperationsFetchData.Inline(total, ItemOperationsData.FromStream(async token =>
                new AttachmentReadStream(await ReopenAsync(item, partIndex, token).ConfigureAwait(false), first, count)));
        }
        else
        {
            if (parts.Sum(p => p.Length) + count > MaxMultipartDataBytes)
            {
                return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.DataTooLarge);
            }

            parts.Add(new MultipartPart(count, async (stream, token) =>
            {
                EmailAttachment attachment = await ReopenAsync(item, partIndex, token).ConfigureAwait(false);
                await using (attachment.ConfigureAwait(false))
                {
                    return await attachment.CopyToAsync(stream, first, count, token).ConfigureAwait(false);
                }
            }));
            data = ItemOperationsFetchData.InPart(total, parts.Count);
        }

        // airsyncbase:ContentType exists in ItemOperations from 12.1 (MS-ASAIRS 2.2.2.18.2).
        data = data with { ContentType = context.Version >= EasVersion.V121 ? contentType : null, Range = range };
        return ItemOperationsFetchResult.For(fetch, ItemOperationsStatus.Success, data: data);
    }

    /// <summary>Opens a measured attachment again to send it; once the answer is under way, its disappearance can only abort it.</summary>
    private async Task<EmailAttachment> ReopenAsync(StoredItem item, int partIndex, CancellationToken cancellationToken) =>
        await renderer.OpenAttachmentAsync(item, partIndex, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Attachment {partIndex} of item {item.Id} went away while the answer was being sent.");

    /// <summary>
    /// Deletes the folder's items (and with DeleteSubFolders its subfolders, R2244). Nothing is recorded in the device's
    /// sync state: its next Sync of the folder reports each deletion, which a client that already cleared the folder
    /// ignores, and the next FolderSync the deleted subfolders.
    /// </summary>
    private async Task<ItemOperationsStatus> EmptyFolderContentsAsync(EasRequestContext context, ItemOperationsEmptyFolderContents empty, CancellationToken cancellationToken)
    {
        Folder? folder = TryParseFolderId(empty.CollectionId, out long folderId)
            ? await store.GetFolderAsync(context.UserId, folderId, cancellationToken).ConfigureAwait(false)
            : null;
        if (folder is null)
        {
            return ItemOperationsStatus.ObjectNotFound;
        }

        if (folder.ItemClass != ItemClass.Email)
        {
            return ItemOperationsStatus.ResourceAccessDenied;
        }

        try
        {
            int deleted = await store.EmptyFolderAsync(context.UserId, folder.Id, empty.DeleteSubFolders, cancellationToken).ConfigureAwait(false);
            LogEmptied(context.Device.DeviceId, folder.Id, deleted, empty.DeleteSubFolders);
            return ItemOperationsStatus.Success;
        }
        catch (MailboxException e) when (e.Reason == MailboxErrorReason.FolderNotFound)
        {
            return ItemOperationsStatus.ObjectNotFound;
        }
    }

    /// <summary>
    /// Moves the conversation's emails to the destination. Taken are those in the Inbox and in user mail folders;
    /// those in Drafts and the Outbox (not sent yet), Sent Items (the user's own copies) and Deleted Items stay
    /// where they are. MoveAlways's promise for future mail of the conversation is not kept: Pushbox has no
    /// conversation rules yet.
    /// </summary>
    /// <remarks>
    /// Unlike MoveItems, nothing is recorded in the device's sync states: the answer carries no new ServerIds, so the
    /// device learns where the items went only from its next Sync, which must report the Add in the destination
    /// (and the Delete in the source, harmless if the device already took them out).
    /// </remarks>
    private async Task<ItemOperationsStatus> MoveConversationAsync(EasRequestContext context, ItemOperationsMove move, CancellationToken cancellationToken)
    {
        if (!move.MoveAlways)
        {
            return ItemOperationsStatus.MoveAlwaysMissing;
        }

        Folder? destination = TryParseFolderId(move.DstFldId, out long destinationId)
            ? await store.GetFolderAsync(context.UserId, destinationId, cancellationToken).ConfigureAwait(false)
            : null;
        if (destination is not { ItemClass: ItemClass.Email })
        {
            return ItemOperationsStatus.InvalidDestinationFolder;
        }

        IReadOnlyList<StoredItem> items = await store.GetItemsByConversationAsync(context.UserId, move.ConversationId.ToArray(), cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            return ItemOperationsStatus.ObjectNotFound;
        }

        var folders = new Dictionary<long, Folder?>();
        int moved = 0;
        foreach (StoredItem item in items)
        {
            if (item.FolderId == destination.Id)
            {
                continue;
            }

            if (!folders.TryGetValue(item.FolderId, out Folder? source))
            {
                source = await store.GetFolderAsync(context.UserId, item.FolderId, cancellationToken).ConfigureAwait(false);
                folders[item.FolderId] = source;
            }

            if (source is not { ItemClass: ItemClass.Email } || source.Type is FolderType.Drafts or FolderType.Outbox or FolderType.SentItems or FolderType.DeletedItems)
            {
                continue;
            }

            try
            {
                await store.MoveItemAsync(context.UserId, item.Id, destination.Id, cancellationToken).ConfigureAwait(false);
                moved++;
            }
            catch (MailboxException e) when (e.Reason == MailboxErrorReason.ItemNotFound)
            {
                // Deleted or moved by someone else meanwhile: nothing left to move.
            }
            catch (MailboxException e) when (e.Reason is MailboxErrorReason.FolderNotFound or MailboxErrorReason.WrongFolderClass)
            {
                return moved > 0 ? ItemOperationsStatus.PartialSuccess : ItemOperationsStatus.InvalidDestinationFolder;
            }
        }

        LogConversationMoved(context.Device.DeviceId, moved, destination.Id);
        return ItemOperationsStatus.Success;
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Device {DeviceId} emptied folder {FolderId}: {Count} items deleted (subfolders too: {DeleteSubFolders})")]
    private partial void LogEmptied(string deviceId, long folderId, int count, bool deleteSubFolders);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Device {DeviceId} moved a conversation: {Count} items to folder {FolderId}")]
    private partial void LogConversationMoved(string deviceId, int count, long folderId);
}
