namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// An Oof Set (MS-ASCMD 2.2.3.167): what the client sent; anything absent keeps its stored value. StartTime and EndTime
/// come together or not at all (the parser refuses one alone, MS-ASCMD_R3991, R3992), and are stored only with
/// <see cref="OofState.TimeBased"/> (MS-ASCMD_R7544).
/// </summary>
/// <param name="State">The new state; null when not sent.</param>
/// <param name="StartTime">The start of the period, UTC.</param>
/// <param name="EndTime">The end of the period, UTC.</param>
/// <param name="Messages">The OofMessage elements, at most one per audience.</param>
public sealed record OofSetRequest(OofState? State, DateTimeOffset? StartTime, DateTimeOffset? EndTime, IReadOnlyList<OofMessageRequest> Messages);
