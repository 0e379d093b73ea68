using Pushbox.Commands.Hierarchy;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderCreate;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>FolderCreate (MS-ASCMD 2.2.1.3): a user folder made by the device.</summary>
internal sealed class FolderCreateHandler(HierarchySync sync, WbxmlLimits limits) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.FolderCreate;

    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        FolderCreateResponse response = FolderCreateResponse.Failure((FolderCreateStatus)status);
        return EasCommandResult.Ok(writer => FolderCreateResponseWriter.Write(writer, response, context.Version));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        FolderCreateResponse response;
        if (!FolderRequests.TryParse(body, limits, FolderCreateRequestParser.Parse, out FolderCreateRequest? request))
        {
            response = FolderCreateResponse.Failure(FolderCreateStatus.MalformedRequest);
        }
        else
        {
            try
            {
                FolderChangeResult result = await sync.CreateAsync(
                    context.UserId, context.Device.Id, request.SyncKey, request.ParentId, request.DisplayName, (Mailbox.Folders.FolderType)(int)request.Type, cancellationToken).ConfigureAwait(false);
                response = result.Outcome switch
                {
                    FolderChangeOutcome.Success => FolderCreateResponse.Success(result.SyncKey!, result.ServerId!),
                    FolderChangeOutcome.InvalidSyncKey => FolderCreateResponse.Failure(FolderCreateStatus.InvalidSyncKey),
                    FolderChangeOutcome.AlreadyExists => FolderCreateResponse.Failure(FolderCreateStatus.FolderExists),
                    FolderChangeOutcome.SpecialFolder => FolderCreateResponse.Failure(FolderCreateStatus.SpecialParentFolder),
                    FolderChangeOutcome.ParentNotFound => FolderCreateResponse.Failure(FolderCreateStatus.ParentNotFound),
                    _ => FolderCreateResponse.Failure(FolderCreateStatus.MalformedRequest),
                };
            }
            catch (HierarchySyncConflictException)
            {
                response = FolderCreateResponse.Failure(FolderCreateStatus.ServerError);
            }
        }

        return EasCommandResult.Ok(writer => FolderCreateResponseWriter.Write(writer, response, context.Version));
    }
}
