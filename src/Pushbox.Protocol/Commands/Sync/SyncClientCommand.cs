using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>A command the client sends in a Sync collection's <c>Commands</c>.</summary>
/// <param name="Kind">Add, Change, Delete or Fetch.</param>
/// <param name="ServerId">The item's ServerId (Change, Delete, Fetch); null for Add.</param>
/// <param name="ClientId">The client's id for a new item (Add); null otherwise.</param>
/// <param name="Class">The 2.5 per-command Class, null when absent.</param>
/// <param name="ApplicationData">The item's data (Add, Change); empty otherwise.</param>
public sealed record SyncClientCommand(
    SyncCommandKind Kind,
    string? ServerId,
    string? ClientId,
    string? Class,
    IReadOnlyList<ItemDataElement> ApplicationData);
