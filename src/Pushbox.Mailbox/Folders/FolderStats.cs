namespace Pushbox.Mailbox.Folders;

/// <summary>How many items a folder holds and their total size in bytes.</summary>
public sealed record FolderStats(Folder Folder, long Items, long Bytes);
