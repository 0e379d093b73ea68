namespace Pushbox.Commands.Hierarchy;

/// <summary>How a device's FolderCreate, FolderUpdate or FolderDelete ended; each command maps it to its own status number.</summary>
public enum FolderChangeOutcome
{
    /// <summary>Done; the result carries the new sync key.</summary>
    Success,

    /// <summary>The sync key is not the device's current hierarchy key.</summary>
    InvalidSyncKey,

    /// <summary>A sibling already has this name.</summary>
    AlreadyExists,

    /// <summary>The folder is a standard folder, which cannot be renamed, moved or deleted.</summary>
    SpecialFolder,

    /// <summary>The parent folder does not exist (or would become a descendant of the folder).</summary>
    ParentNotFound,

    /// <summary>The folder does not exist.</summary>
    FolderNotFound,

    /// <summary>The name or type is not acceptable (empty, too long, control characters, not a user folder type).</summary>
    InvalidRequest,
}
