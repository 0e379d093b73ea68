using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.GetHierarchy;

/// <summary>
/// A GetHierarchy response (MS-ASCMD 2.2.1.8, protocol 2.5 to 12.1): the mailbox's email folders. The
/// request has no body and the response no status; a failure is HTTP 500 (MS-ASCMD_R6033), so there is
/// no failure form here.
/// </summary>
public sealed class GetHierarchyResponse
{
    /// <summary>Creates the response.</summary>
    /// <param name="folders">
    /// The email folders only (no Calendar, Contacts…, MS-ASCMD_R6026), at least one. Each type must be 1
    /// to 6 (MS-ASCMD 2.2.3.186.4): report a user-created mail folder as <see cref="FolderType.UserGeneric"/>.
    /// </param>
    /// <exception cref="ArgumentException">The list is empty or a folder's type is not 1 to 6.</exception>
    public GetHierarchyResponse(IReadOnlyList<HierarchyFolder> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Count == 0)
        {
            throw new ArgumentException("GetHierarchy returns at least one folder (Folder is 1...N).", nameof(folders));
        }

        foreach (HierarchyFolder folder in folders)
        {
            if (folder.Type is < FolderType.UserGeneric or > FolderType.Outbox)
            {
                throw new ArgumentException($"GetHierarchy folder types are 1 to 6; {folder.Type} is not one.", nameof(folders));
            }
        }

        Folders = [.. folders];
    }

    /// <summary>The folders, in the order they are written.</summary>
    public IReadOnlyList<HierarchyFolder> Folders { get; }
}
