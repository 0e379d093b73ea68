namespace Pushbox.Commands.Hierarchy;

/// <summary>The outcome of a device's folder change, the device's new hierarchy key on success, and the folder's ServerId (FolderCreate).</summary>
public sealed record FolderChangeResult(FolderChangeOutcome Outcome, string? SyncKey = null, string? ServerId = null);
