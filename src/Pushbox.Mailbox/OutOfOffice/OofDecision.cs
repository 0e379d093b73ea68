namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>The outcome of <see cref="OofReplyDecision.Decide"/>: a reply to send, or why not.</summary>
/// <param name="Skip">Why no reply goes out; null when one does.</param>
/// <param name="Audience">The sender's audience (meaningful once the message passed the automatic-mail checks).</param>
/// <param name="Reply">The reply to send; null exactly when <paramref name="Skip"/> is set.</param>
/// <param name="Recipient">Where the reply goes: the envelope sender, normalised.</param>
public sealed record OofDecision(OofSkipReason? Skip, OofAudienceKind Audience, OofReply? Reply, string Recipient)
{
    /// <summary>Whether a reply goes out.</summary>
    public bool ShouldReply => Skip is null;

    /// <summary>No reply, for <paramref name="reason"/>.</summary>
    public static OofDecision No(OofSkipReason reason, OofAudienceKind audience = OofAudienceKind.ExternalUnknown, string recipient = "") => new(reason, audience, null, recipient);
}
