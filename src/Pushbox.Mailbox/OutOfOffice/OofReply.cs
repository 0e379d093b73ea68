namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>The automatic reply for one audience.</summary>
/// <param name="Enabled">Whether this audience gets it.</param>
/// <param name="Message">The text, as the user wrote it; empty when there is none. User data: never log it.</param>
/// <param name="IsHtml">Whether <paramref name="Message"/> is HTML rather than plain text.</param>
public sealed record OofReply(bool Enabled, string Message, bool IsHtml)
{
    /// <summary>The longest message kept, in UTF-16 code units.</summary>
    public const int MaxMessageLength = 65536;

    /// <summary>Off, no message.</summary>
    public static OofReply None { get; } = new(false, string.Empty, false);
}
