namespace Pushbox.Testing.Eas;

/// <summary>A folder as FolderSync (Add, Update) or GetHierarchy lists it.</summary>
/// <param name="ServerId">The folder's id.</param>
/// <param name="ParentId">Its parent's id; "0" at the top.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Type">Its FolderHierarchy type (MS-ASCMD 2.2.3.186.3): 2 Inbox … 12 user mail.</param>
public sealed record HierarchyFolder(string ServerId, string ParentId, string DisplayName, int Type);
