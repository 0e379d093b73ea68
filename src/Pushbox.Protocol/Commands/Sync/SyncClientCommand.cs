using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>A command the client sends in a Sync collection's <c>Commands</c>.</summary>
/// <param name="Kind">Add, Change, Delete or Fetch.</param>
/// <param name="ServerId">The item's ServerId (Change, Delete, Fetch); null for Add.</param>
/// <param name="ClientId">The client's id for a new item (Add); null otherwise.</param>
/// <param name="Class">The Add's Class (14.0+, e.g. SMS in an email folder, MS-ASCMD_R6293), null when absent.</param>
/// <param name="ApplicationData">The item's data (Add, Change); empty otherwise.</param>
/// <param name="InstanceId">
/// The <c>airsyncbase:InstanceId</c> of a Change or Delete (16.0+): the occurrence of the recurring series
/// <paramref name="ServerId"/> that is changed or deleted (MS-ASCMD_R6238, R6420); null otherwise.
/// </param>
/// <param name="Send">An <c>email2:Send</c> child of the Add or Change (16.0+): send the draft rather than save it (MS-ASEMAIL_R1386, R1389).</param>
public sealed record SyncClientCommand(
    SyncCommandKind Kind,
    string? ServerId,
    string? ClientId,
    string? Class,
    IReadOnlyList<ItemDataElement> ApplicationData,
    string? InstanceId = null,
    bool Send = false);
