using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Protocol.Commands.Sync;

/// <summary>One <c>Options</c> element of a Sync collection.</summary>
/// <param name="Class">The class these options are for (14.0+ SMS and email in one folder), null when absent.</param>
/// <param name="FilterType">FilterType 0–8 (0: no filter; for email 1: one day … 5: one month), null when absent.</param>
/// <param name="Conflict">Conflict: 0 the client's change wins, 1 the server's (the default); null when absent.</param>
/// <param name="MaxItems">MaxItems (recipient information cache, 14.0+), null when absent.</param>
/// <param name="Body">The body options.</param>
public sealed record SyncOptions(
    string? Class,
    int? FilterType,
    int? Conflict,
    int? MaxItems,
    ItemBodyOptions Body);
