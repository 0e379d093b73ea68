namespace Pushbox.Mailbox.Folders;

/// <summary>Walks a user's folder hierarchy as <see cref="IMailboxStore.GetFoldersAsync"/> lists it (parents before children).</summary>
public static class FolderTree
{
    /// <summary>
    /// Adds to <paramref name="scope"/> every folder below the folders in it, at any depth (a search's DeepTraversal).
    /// One pass suffices because <paramref name="parentsFirst"/> lists every parent before its children.
    /// </summary>
    public static void AddSubfolders(IReadOnlyList<Folder> parentsFirst, ISet<long> scope)
    {
        ArgumentNullException.ThrowIfNull(parentsFirst);
        ArgumentNullException.ThrowIfNull(scope);
        foreach (Folder folder in parentsFirst)
        {
            if (folder.ParentId is { } parent && scope.Contains(parent))
            {
                scope.Add(folder.Id);
            }
        }
    }
}
