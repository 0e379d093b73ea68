namespace Pushbox.Protocol.Commands.Settings;

/// <summary>The Get of an Oof response (MS-ASCMD 2.2.3.83).</summary>
/// <param name="State">The state.</param>
/// <param name="StartTime">The start of the period; written only with <see cref="OofState.TimeBased"/>.</param>
/// <param name="EndTime">The end of the period; written only with <see cref="OofState.TimeBased"/>.</param>
/// <param name="Messages">One message per audience, at most three.</param>
public sealed record OofGetResponse(OofState State, DateTimeOffset? StartTime, DateTimeOffset? EndTime, IReadOnlyList<OofMessageResponse> Messages);
