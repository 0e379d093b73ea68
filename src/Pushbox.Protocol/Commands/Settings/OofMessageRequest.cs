namespace Pushbox.Protocol.Commands.Settings;

/// <summary>One OofMessage of an Oof Set: the audience and whichever of its settings the client sent.</summary>
/// <param name="Audience">The audience (exactly one AppliesTo* element).</param>
/// <param name="Enabled">Whether to reply to this audience; null when not sent.</param>
/// <param name="ReplyMessage">The reply text, possibly empty; null when not sent.</param>
/// <param name="BodyType">The format of <paramref name="ReplyMessage"/>; present whenever it is (MS-ASCMD_R3785).</param>
public sealed record OofMessageRequest(OofAudience Audience, bool? Enabled, string? ReplyMessage, OofBodyType? BodyType);
