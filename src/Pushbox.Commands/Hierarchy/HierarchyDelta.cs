namespace Pushbox.Commands.Hierarchy;

/// <summary>The answer to a FolderSync: the key the device holds afterwards, the folders added or updated, the ServerIds deleted.</summary>
public sealed record HierarchyDelta(string SyncKey, IReadOnlyList<HierarchyEntry> Changed, IReadOnlyList<string> Deleted)
{
    /// <summary>Whether anything changed.</summary>
    public bool IsEmpty => Changed.Count == 0 && Deleted.Count == 0;
}
