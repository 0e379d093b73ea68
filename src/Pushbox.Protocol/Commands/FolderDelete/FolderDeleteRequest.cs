namespace Pushbox.Protocol.Commands.FolderDelete;

/// <summary>A FolderDelete request (MS-ASCMD 2.2.1.4): delete a folder with everything in it.</summary>
/// <param name="SyncKey">The client's hierarchy SyncKey (1 to 64 characters); a mismatch is <see cref="FolderDeleteStatus.InvalidSyncKey"/>.</param>
/// <param name="ServerId">The folder to delete (1 to 64 characters).</param>
public sealed record FolderDeleteRequest(string SyncKey, string ServerId);
