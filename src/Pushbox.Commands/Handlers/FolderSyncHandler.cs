using Pushbox.Commands.Hierarchy;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderSync;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>FolderSync (MS-ASCMD 2.2.1.5): the folder hierarchy, or its changes since the device's key.</summary>
internal sealed class FolderSyncHandler(HierarchySync sync, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.FolderSync;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        FolderSyncResponse response = FolderSyncResponse.Failure((FolderSyncStatus)status);
        return EasCommandResult.Ok(writer => FolderSyncResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        FolderSyncResponse response;
        if (!FolderRequests.TryParse(body, limits, FolderSyncRequestParser.Parse, out FolderSyncRequest? request))
        {
            response = FolderSyncResponse.Failure(FolderSyncStatus.MalformedRequest);
        }
        else
        {
            try
            {
                HierarchyDelta? delta = await sync.SyncAsync(context.UserId, context.Device.Id, request.SyncKey, cancellationToken).ConfigureAwait(false);
                response = delta is null
                    ? FolderSyncResponse.Failure(FolderSyncStatus.InvalidSyncKey)
                    : FolderSyncResponse.Success(
                        delta.SyncKey,
                        [.. delta.Changed.Where(e => e.IsAdd).Select(FolderRequests.ToProtocol)],
                        [.. delta.Changed.Where(e => !e.IsAdd).Select(FolderRequests.ToProtocol)],
                        delta.Deleted);
            }
            catch (HierarchySyncConflictException)
            {
                response = FolderSyncResponse.Failure(FolderSyncStatus.ServerError);
            }
        }

        return EasCommandResult.Ok(writer => FolderSyncResponseWriter.Write(writer, response, context.Version));
    }
}
