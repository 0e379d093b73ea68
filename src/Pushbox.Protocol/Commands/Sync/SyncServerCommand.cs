using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>A change the server sends in a collection's <c>Commands</c>.</summary>
/// <param name="Kind">Add, Change, Delete or SoftDelete.</param>
/// <param name="ServerId">The item's ServerId.</param>
/// <param name="Class">The item's Class for an Add, Change or Delete whose class is not the folder's (14.0+, e.g. SMS, MS-ASCMD_R6293, R944); null otherwise.</param>
/// <param name="ApplicationData">Writes the item's data for Add and Change; null for Delete and SoftDelete.</param>
public sealed record SyncServerCommand(SyncCommandKind Kind, string ServerId, string? Class = null, ItemDataWriter? ApplicationData = null);
