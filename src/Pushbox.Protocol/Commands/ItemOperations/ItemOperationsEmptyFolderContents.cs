namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>An <c>EmptyFolderContents</c> operation (MS-ASCMD 2.2.3.58): delete every item of a folder, typically Deleted Items.</summary>
/// <param name="CollectionId">airsync:CollectionId, the folder to empty (1 to 64 characters).</param>
/// <param name="DeleteSubFolders">Whether Options/DeleteSubFolders was sent: delete the folder's subfolders too (MS-ASCMD_R2165).</param>
public sealed record ItemOperationsEmptyFolderContents(string CollectionId, bool DeleteSubFolders) : ItemOperation;
