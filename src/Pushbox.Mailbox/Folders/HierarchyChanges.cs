namespace Pushbox.Mailbox.Folders;

/// <summary>Folder changes since a hierarchy sequence: folders added or changed, ids of folders deleted, and the sequence now.</summary>
public sealed record HierarchyChanges(IReadOnlyList<Folder> Changed, IReadOnlyList<long> Deleted, long HierarchySeq);
