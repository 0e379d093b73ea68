using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.FolderUpdate;

/// <summary>A FolderUpdate request (MS-ASCMD 2.2.1.6): rename a folder, move it, or both.</summary>
/// <param name="SyncKey">The client's hierarchy SyncKey (1 to 64 characters); a mismatch is <see cref="FolderUpdateStatus.InvalidSyncKey"/>.</param>
/// <param name="ServerId">The folder to update (1 to 64 characters).</param>
/// <param name="ParentId">The folder's parent afterwards (1 to 64 characters); "0" is the root. Equal to the current parent for a rename.</param>
/// <param name="DisplayName">The folder's name afterwards, 1 to 256 characters. Equal to the current name for a move.</param>
public sealed record FolderUpdateRequest(string SyncKey, string ServerId, string ParentId, string DisplayName)
{
    /// <summary>Whether the folder is to sit at the root of the mailbox afterwards (ParentId "0").</summary>
    public bool IsAtRoot => ParentId == FolderHierarchyLimits.RootParentId;
}
