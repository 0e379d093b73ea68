namespace Pushbox.Mailbox;

/// <summary>A mailbox operation was refused for a <see cref="MailboxErrorReason"/>; the message is safe to show an administrator.</summary>
public sealed class MailboxException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailboxException(MailboxErrorReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>The machine-readable reason.</summary>
    public MailboxErrorReason Reason { get; }
}
