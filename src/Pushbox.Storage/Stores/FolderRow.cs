using Pushbox.Mailbox.Folders;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>folders</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class FolderRow
{
    /// <summary>The columns, aliased to the property names, of <c>folders f</c>.</summary>
    public const string Columns =
        "f.id AS Id, f.user_id AS UserId, f.parent_id AS ParentId, f.name AS Name, f.type AS Type, f.modseq AS ModSeq, f.hierarchy_seq AS HierarchySeq";

    public long Id { get; init; }

    public long UserId { get; init; }

    public long? ParentId { get; init; }

    public string Name { get; init; } = string.Empty;

    public int Type { get; init; }

    public long ModSeq { get; init; }

    public long HierarchySeq { get; init; }

    public Folder ToFolder() => new(Id, UserId, ParentId, Name, (FolderType)Type, ModSeq, HierarchySeq);
}
