namespace Pushbox.Mailbox.Items;

/// <summary>
/// What a sync needs of an email without opening its MIME: header fields as the message carries them
/// (address lists as header text, decoded), the mutable state (read, flag, categories) and facts
/// about the structure.
/// </summary>
public sealed record EmailSummary(
    string From,
    string To,
    string Cc,
    string ReplyTo,
    string Subject,
    DateTimeOffset DateReceived,
    Importance Importance,
    string MessageClass,
    bool Read,
    EmailFlag? Flag,
    IReadOnlyList<string> Categories,
    bool HasAttachments,
    byte[] ConversationId,
    string MessageId,
    string ThreadTopic)
{
    /// <summary>The user's last reply to or forward of this email (SmartReply, SmartForward); null when never.</summary>
    public EmailLastVerb? LastVerb { get; init; }

    /// <summary>When <see cref="LastVerb"/> happened; null when never.</summary>
    public DateTimeOffset? LastVerbAt { get; init; }
}
