namespace Pushbox.Protocol.Commands.FolderHierarchy;

/// <summary>
/// One folder as a response describes it: a FolderSync <c>Add</c> or <c>Update</c> (MS-ASCMD 2.2.3.7.1,
/// 2.2.3.190) or a GetHierarchy <c>Folder</c> (2.2.3.71.1). The identifiers are checked on
/// construction, so a writer never emits one a client cannot store.
/// </summary>
public sealed record HierarchyFolder
{
    /// <summary>Creates the folder description.</summary>
    /// <param name="serverId">The folder's ServerId: 1 to 64 characters, opaque to the client.</param>
    /// <param name="parentId">The ServerId of its parent, or <see cref="FolderHierarchyLimits.RootParentId"/> ("0") at the top of the mailbox.</param>
    /// <param name="displayName">The name shown to the user. Not limited here (a stored name is never refused at sync time), but it cannot contain U+0000.</param>
    /// <param name="type">The folder type.</param>
    /// <exception cref="ArgumentException">An identifier is empty or longer than 64 characters, or a value contains U+0000.</exception>
    public HierarchyFolder(string serverId, string parentId, string displayName, FolderType type)
    {
        ServerId = FolderValues.Require(serverId, FolderHierarchyLimits.MaxServerIdLength, nameof(serverId));
        ParentId = FolderValues.Require(parentId, FolderHierarchyLimits.MaxParentIdLength, nameof(parentId));
        ArgumentNullException.ThrowIfNull(displayName);
        if (displayName.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("The value contains U+0000, which WBXML strings cannot carry.", nameof(displayName));
        }

        DisplayName = displayName;
        Type = type;
    }

    /// <summary>The folder's ServerId (1 to 64 characters).</summary>
    public string ServerId { get; }

    /// <summary>The parent's ServerId; "0" for a folder at the root.</summary>
    public string ParentId { get; }

    /// <summary>The name shown to the user.</summary>
    public string DisplayName { get; }

    /// <summary>The folder type.</summary>
    public FolderType Type { get; }
}
