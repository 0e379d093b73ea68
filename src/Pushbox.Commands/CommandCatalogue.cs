using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>
/// Every EAS command with the versions that have it (MS-ASCMD's per-command version tables) and
/// whether a device must be provisioned to use it (MS-ASPROV: everything but Provision itself). Which
/// of them Pushbox implements is decided by the registered handlers (<see cref="EasDispatcher"/>).
/// </summary>
public static class CommandCatalogue
{
    private static readonly EasVersion First = EasVersion.V25;
    private static readonly EasVersion Last = EasVersion.V161;

    /// <summary>The table.</summary>
    public static IReadOnlyDictionary<EasCommand, CommandInfo> All { get; } = new CommandInfo[]
    {
        new(EasCommand.Sync, First, Last, true),
        new(EasCommand.SendMail, First, Last, true),
        new(EasCommand.SmartForward, First, Last, true),
        new(EasCommand.SmartReply, First, Last, true),
        new(EasCommand.GetAttachment, First, EasVersion.V141, true),
        new(EasCommand.GetHierarchy, First, EasVersion.V121, true),
        new(EasCommand.FolderSync, First, Last, true),
        new(EasCommand.FolderCreate, First, Last, true),
        new(EasCommand.FolderDelete, First, Last, true),
        new(EasCommand.FolderUpdate, First, Last, true),
        new(EasCommand.MoveItems, First, Last, true),
        new(EasCommand.GetItemEstimate, First, Last, true),
        new(EasCommand.MeetingResponse, First, Last, true),
        new(EasCommand.Search, First, Last, true),
        new(EasCommand.Settings, EasVersion.V120, Last, true),
        new(EasCommand.Ping, First, Last, true),
        new(EasCommand.ItemOperations, EasVersion.V120, Last, true),
        new(EasCommand.Provision, First, Last, false),
        new(EasCommand.ResolveRecipients, EasVersion.V120, Last, true),
        new(EasCommand.ValidateCert, EasVersion.V120, Last, true),
        new(EasCommand.Find, EasVersion.V161, Last, true),
    }.ToDictionary(c => c.Command);
}
