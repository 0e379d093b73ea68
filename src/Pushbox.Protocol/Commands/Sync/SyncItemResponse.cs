using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>The server's answer to one client command, in a collection's <c>Responses</c>.</summary>
/// <param name="Kind">Add, Change, Delete or Fetch: the command answered.</param>
/// <param name="Status">The per-item status.</param>
/// <param name="ServerId">The item's ServerId (a successful Add gets its new one; null for a failed Add).</param>
/// <param name="ClientId">The client's id, for Add.</param>
/// <param name="Class">The 2.5 per-command Class; null from 12.0 on.</param>
/// <param name="ApplicationData">For a successful Fetch: writes the item's data.</param>
public sealed record SyncItemResponse(
    SyncCommandKind Kind,
    SyncStatus Status,
    string? ServerId = null,
    string? ClientId = null,
    string? Class = null,
    ItemDataWriter? ApplicationData = null);
