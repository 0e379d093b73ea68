using Pushbox.Commands.Hierarchy;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderDelete;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>FolderDelete (MS-ASCMD 2.2.1.4): the device deletes a user folder with its contents.</summary>
internal sealed class FolderDeleteHandler(HierarchySync sync, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.FolderDelete;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        FolderDeleteResponse response = FolderDeleteResponse.Failure((FolderDeleteStatus)status);
        return EasCommandResult.Ok(writer => FolderDeleteResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        FolderDeleteResponse response;
        if (!FolderRequests.TryParse(body, limits, FolderDeleteRequestParser.Parse, out FolderDeleteRequest? request))
        {
            response = FolderDeleteResponse.Failure(FolderDeleteStatus.MalformedRequest);
        }
        else
        {
            try
            {
                FolderChangeResult result = await sync.DeleteAsync(context.UserId, context.Device.Id, request.SyncKey, request.ServerId, cancellationToken).ConfigureAwait(false);
                response = result.Outcome switch
                {
                    FolderChangeOutcome.Success => FolderDeleteResponse.Success(result.SyncKey!),
                    FolderChangeOutcome.InvalidSyncKey => FolderDeleteResponse.Failure(FolderDeleteStatus.InvalidSyncKey),
                    FolderChangeOutcome.SpecialFolder => FolderDeleteResponse.Failure(FolderDeleteStatus.SpecialFolder),
                    FolderChangeOutcome.FolderNotFound => FolderDeleteResponse.Failure(FolderDeleteStatus.FolderNotFound),
                    _ => FolderDeleteResponse.Failure(FolderDeleteStatus.MalformedRequest),
                };
            }
            catch (HierarchySyncConflictException)
            {
                response = FolderDeleteResponse.Failure(FolderDeleteStatus.ServerError);
            }
        }

        return EasCommandResult.Ok(writer => FolderDeleteResponseWriter.Write(writer, response, context.Version));
    }
}
