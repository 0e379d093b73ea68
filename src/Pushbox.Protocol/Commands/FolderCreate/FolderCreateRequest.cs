using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.FolderCreate;

/// <summary>A FolderCreate request (MS-ASCMD 2.2.1.3): create a folder under a parent.</summary>
/// <param name="SyncKey">The client's hierarchy SyncKey (1 to 64 characters); a mismatch is <see cref="FolderCreateStatus.InvalidSyncKey"/>.</param>
/// <param name="ParentId">The parent's ServerId (1 to 64 characters); "0" is the root of the mailbox.</param>
/// <param name="DisplayName">The new folder's name, 1 to 256 characters.</param>
/// <param name="Type">
/// The requested folder type, as sent: any number from 0 to 255 gets here. Only
/// <see cref="IsCreatableType"/> types may be created (MS-ASCMD 2.2.3.186.2); the handler answers any
/// other with <see cref="FolderCreateStatus.MalformedRequest"/>, a business outcome rather than a
/// malformed body.
/// </param>
public sealed record FolderCreateRequest(string SyncKey, string ParentId, string DisplayName, FolderType Type)
{
    /// <summary>Whether <see cref="Type"/> is one a client may create: 1 (generic) or 12 to 17 (user-created mail, calendar, contacts, tasks, journal, notes).</summary>
    public bool IsCreatableType => Type is FolderType.UserGeneric or (>= FolderType.UserMail and <= FolderType.UserNotes);

    /// <summary>Whether the folder is to be created at the root of the mailbox (ParentId "0").</summary>
    public bool IsAtRoot => ParentId == FolderHierarchyLimits.RootParentId;
}
