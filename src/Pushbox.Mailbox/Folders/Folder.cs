using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Folders;

/// <summary>A folder of one user's mailbox.</summary>
/// <param name="Id">Store-assigned identifier; stable for the folder's life (its EAS ServerId is <see cref="ServerId"/>).</param>
/// <param name="UserId">The owner.</param>
/// <param name="ParentId">The parent folder, or null at the top of the hierarchy.</param>
/// <param name="Name">The display name, unique among its siblings.</param>
/// <param name="Type">The EAS folder type.</param>
/// <param name="ModSeq">The highest modification sequence of the folder's items: it grows by one with every change to an item in it.</param>
/// <param name="HierarchySeq">The user's hierarchy sequence when this folder was last created, renamed or moved.</param>
public sealed record Folder(long Id, long UserId, long? ParentId, string Name, FolderType Type, long ModSeq, long HierarchySeq)
{
    /// <summary>The folder's EAS ServerId: the decimal identifier.</summary>
    public string ServerId => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The class of item the folder holds.</summary>
    public ItemClass ItemClass => StandardFolders.ClassOf(Type);

    /// <summary>Whether the folder is one of the standard set every user has (it cannot be renamed, moved or deleted).</summary>
    public bool IsStandard => StandardFolders.IsStandard(Type);
}
