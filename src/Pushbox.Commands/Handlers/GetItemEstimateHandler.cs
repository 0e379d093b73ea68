using System.Globalization;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.GetItemEstimate;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// GetItemEstimate (MS-ASCMD 2.2.1.9): for each collection, how many items the device's next Sync would
/// bring, from the sync state behind the key it holds; the state is not changed.
/// </summary>
internal sealed class GetItemEstimateHandler(CollectionSync sync, IMailboxStore store, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.GetItemEstimate;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        GetItemEstimateResponse response = GetItemEstimateResponse.Failure((GetItemEstimateStatus)status);
        return EasCommandResult.Ok(writer => GetItemEstimateResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        GetItemEstimateRequest request = GetItemEstimateRequestParser.Parse(body, context.Version, limits);
        var answers = new List<GetItemEstimateCollectionResponse>(request.Collections.Count);
        foreach (GetItemEstimateCollectionRequest collection in request.Collections)
        {
            answers.Add(await EstimateAsync(context, collection, cancellationToken).ConfigureAwait(false));
        }

        GetItemEstimateResponse response = GetItemEstimateResponse.Success(answers);
        return EasCommandResult.Ok(writer => GetItemEstimateResponseWriter.Write(writer, response, context.Version));
    }

    private async Task<GetItemEstimateCollectionResponse> EstimateAsync(EasRequestContext context, GetItemEstimateCollectionRequest collection, CancellationToken cancellationToken)
    {
        if (!long.TryParse(collection.CollectionId, NumberStyles.None, CultureInfo.InvariantCulture, out long folderId)
            || await store.GetFolderAsync(context.UserId, folderId, cancellationToken).ConfigureAwait(false) is not Folder folder
            || collection.Options.Any(o => o.MaxItems is not null))
        {
            // MaxItems belongs to the recipient information cache, which Pushbox does not keep (MS-ASCMD_R3265).
            return GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.InvalidCollection, collection.CollectionId);
        }

        (EstimateOutcome outcome, long estimate) = await sync.EstimateAsync(context, folder, collection.SyncKey, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            EstimateOutcome.Counted => GetItemEstimateCollectionResponse.Success(collection.CollectionId, (int)Math.Min(estimate, int.MaxValue)),
            EstimateOutcome.NotPrimed => GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.SyncStateNotPrimed, collection.CollectionId),
            _ => GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.InvalidSyncKey, collection.CollectionId),
        };
    }
}
