using Pushbox.Mailbox.Folders;

namespace Pushbox.Commands.Hierarchy;

/// <summary>One folder as a device sees it in a FolderSync change: added (new to the device) or updated.</summary>
public sealed record HierarchyEntry(bool IsAdd, string ServerId, string ParentId, string DisplayName, FolderType Type);
