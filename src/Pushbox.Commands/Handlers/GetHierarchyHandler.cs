using System.Globalization;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Protocol.Commands.GetHierarchy;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// GetHierarchy (MS-ASCMD 2.2.1.8, protocol 2.5 to 12.1): the mail folders, without sync keys. Its folder
/// types stop at 6 (Outbox), so user-created mail folders (Junk Email among them) are reported as 1.
/// </summary>
internal sealed class GetHierarchyHandler(IMailboxStore store) : IEasCommandHandler
{
    public EasCommand Command => EasCommand.GetHierarchy;

    /// <summary>GetHierarchy ends at 12.1, before common status codes: a refusal is always 449 (MS-ASPROV 3.2.5.2).</summary>
    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status) => EasCommandResult.Status(449);

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        IReadOnlyList<Folder> folders = await store.GetFoldersAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        var response = new GetHierarchyResponse(
        [
            .. folders.Where(f => f.ItemClass == ItemClass.Email).Select(f => new HierarchyFolder(
                f.ServerId,
                f.ParentId?.ToString(CultureInfo.InvariantCulture) ?? Hierarchy.HierarchySync.RootParentId,
                f.Name,
                f.Type is >= Mailbox.Folders.FolderType.Inbox and <= Mailbox.Folders.FolderType.Outbox
                    ? (Protocol.Commands.FolderHierarchy.FolderType)(int)f.Type
                    : Protocol.Commands.FolderHierarchy.FolderType.UserGeneric)),
        ]);
        return EasCommandResult.Ok(writer => GetHierarchyResponseWriter.Write(writer, response, context.Version));
    }
}
