using Pushbox.Commands.Hierarchy;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderUpdate;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>FolderUpdate (MS-ASCMD 2.2.1.6): the device renames or moves a user folder.</summary>
internal sealed class FolderUpdateHandler(HierarchySync sync, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.FolderUpdate;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        FolderUpdateResponse response = FolderUpdateResponse.Failure((FolderUpdateStatus)status);
        return EasCommandResult.Ok(writer => FolderUpdateResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        FolderUpdateResponse response;
        if (!FolderRequests.TryParse(body, limits, FolderUpdateRequestParser.Parse, out FolderUpdateRequest? request))
        {
            response = FolderUpdateResponse.Failure(FolderUpdateStatus.MalformedRequest);
        }
        else
        {
            try
            {
                FolderChangeResult result = await sync.UpdateAsync(
                    context.UserId, context.Device.Id, request.SyncKey, request.ServerId, request.ParentId, request.DisplayName, cancellationToken).ConfigureAwait(false);
                response = result.Outcome switch
                {
                    FolderChangeOutcome.Success => FolderUpdateResponse.Success(result.SyncKey!),
                    FolderChangeOutcome.InvalidSyncKey => FolderUpdateResponse.Failure(FolderUpdateStatus.InvalidSyncKey),
                    FolderChangeOutcome.AlreadyExists or FolderChangeOutcome.SpecialFolder => FolderUpdateResponse.Failure(FolderUpdateStatus.FolderExistsOrSpecial),
                    FolderChangeOutcome.FolderNotFound => FolderUpdateResponse.Failure(FolderUpdateStatus.FolderNotFound),
                    FolderChangeOutcome.ParentNotFound => FolderUpdateResponse.Failure(FolderUpdateStatus.ParentNotFound),
                    _ => FolderUpdateResponse.Failure(FolderUpdateStatus.MalformedRequest),
                };
            }
            catch (HierarchySyncConflictException)
            {
                response = FolderUpdateResponse.Failure(FolderUpdateStatus.ServerError);
            }
        }

        return EasCommandResult.Ok(writer => FolderUpdateResponseWriter.Write(writer, response, context.Version));
    }
}
