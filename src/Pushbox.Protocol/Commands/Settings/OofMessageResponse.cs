namespace Pushbox.Protocol.Commands.Settings;

/// <summary>One OofMessage of an Oof Get response: one per audience, even when disabled and empty (MS-ASCMD_R3504, R3505).</summary>
/// <param name="Audience">The audience.</param>
/// <param name="Enabled">Whether this audience gets a reply.</param>
/// <param name="ReplyMessage">The reply in <paramref name="BodyType"/>; null when there is none (then no BodyType is written either).</param>
/// <param name="BodyType">The format of <paramref name="ReplyMessage"/>: the one the Get asked for.</param>
public sealed record OofMessageResponse(OofAudience Audience, bool Enabled, string? ReplyMessage, OofBodyType BodyType);
