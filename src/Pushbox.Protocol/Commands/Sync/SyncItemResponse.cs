using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>The server's answer to one client command, in a collection's <c>Responses</c>.</summary>
/// <param name="Kind">Add, Change, Delete or Fetch: the command answered.</param>
/// <param name="Status">The per-item status.</param>
/// <param name="ServerId">The item's ServerId (a successful Add gets its new one; null for a failed Add).</param>
/// <param name="ClientId">The client's id, for Add.</param>
/// <param name="Class">The item's Class for an Add or Change whose class is not the folder's (14.0+, e.g. SMS, MS-ASCMD_R6293, R944); null otherwise.</param>
/// <param name="ApplicationData">
/// Writes the item's data: for a successful Fetch (any version), and from 16.0 for an Add or Change of a
/// draft whose attachments got their FileReference; null otherwise.
/// </param>
/// <param name="InstanceId">The occurrence a Change or Delete applied to (16.0+, MS-ASAIRS_R1178); null otherwise.</param>
public sealed record SyncItemResponse(
    SyncCommandKind Kind,
    SyncStatus Status,
    string? ServerId = null,
    string? ClientId = null,
    string? Class = null,
    ItemDataWriter? ApplicationData = null,
    string? InstanceId = null);
