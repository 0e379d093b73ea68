using System.Globalization;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.MoveItems;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// MoveItems (MS-ASCMD 2.2.1.12): each move on its own. A moved item keeps its identity (the store moves
/// the row; its ServerId changes with the folder part only), and the device's sync states of both folders
/// learn of the move so that neither echoes it back as a Delete and an Add.
/// </summary>
internal sealed class MoveItemsHandler(CollectionSync sync, IMailboxStore store, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.MoveItems;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        MoveItemsResponse response = MoveItemsResponse.Failure((MoveItemsStatus)status);
        return EasCommandResult.Ok(writer => MoveItemsResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MoveItemsRequest request = MoveItemsRequestParser.Parse(body, limits);
        IReadOnlyList<Folder> folders = await store.GetFoldersAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        var answers = new List<MoveItemsMoveResponse>(request.Moves.Count);
        foreach (MoveItemsMove move in request.Moves)
        {
            answers.Add(await MoveAsync(context, folders, move, cancellationToken).ConfigureAwait(false));
        }

        MoveItemsResponse response = MoveItemsResponse.Success(answers);
        return EasCommandResult.Ok(writer => MoveItemsResponseWriter.Write(writer, response, context.Version));
    }

    private async Task<MoveItemsMoveResponse> MoveAsync(EasRequestContext context, IReadOnlyList<Folder> folders, MoveItemsMove move, CancellationToken cancellationToken)
    {
        if (move.IsSameFolder)
        {
            return MoveItemsMoveResponse.Failure(move.SrcMsgId, MoveItemsStatus.SameSourceAndDestination);
        }

        Folder? source = Find(folders, move.SrcFldId);
        StoredItem? item = null;
        if (source is not null && ItemServerId.TryParse(move.SrcMsgId, out long itemFolder, out long itemId) && itemFolder == source.Id)
        {
            item = await store.GetItemAsync(context.UserId, itemId, cancellationToken).ConfigureAwait(false);
        }

        if (source is null || item is null || item.FolderId != source.Id)
        {
            return MoveItemsMoveResponse.Failure(move.SrcMsgId, MoveItemsStatus.InvalidSourceCollectionId);
        }

        if (Find(folders, move.DstFldId) is not { } destination || destination.ItemClass != source.ItemClass)
        {
            return MoveItemsMoveResponse.Failure(move.SrcMsgId, MoveItemsStatus.InvalidDestinationCollectionId);
        }

        StoredItem moved;
        try
        {
            moved = await store.MoveItemAsync(context.UserId, item.Id, destination.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (MailboxException e) when (e.Reason == MailboxErrorReason.ItemNotFound)
        {
            return MoveItemsMoveResponse.Failure(move.SrcMsgId, MoveItemsStatus.InvalidSourceCollectionId); // moved away meanwhile
        }
        catch (MailboxException e) when (e.Reason is MailboxErrorReason.FolderNotFound or MailboxErrorReason.WrongFolderClass)
        {
            return MoveItemsMoveResponse.Failure(move.SrcMsgId, MoveItemsStatus.InvalidDestinationCollectionId);
        }

        await sync.RecordOwnMoveAsync(context.Device.Id, source, arrived: null, left: item.Id, cancellationToken).ConfigureAwait(false);
        await sync.RecordOwnMoveAsync(context.Device.Id, destination, arrived: moved, left: null, cancellationToken).ConfigureAwait(false);
        return MoveItemsMoveResponse.Moved(move.SrcMsgId, moved.ServerId);
    }

    private static Folder? Find(IReadOnlyList<Folder> folders, string serverId) =>
        long.TryParse(serverId, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? folders.FirstOrDefault(f => f.Id == id) : null;
}
