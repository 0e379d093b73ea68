namespace Pushbox.Smtp.Sessions;

/// <summary>Unwinds a session to its loop, which answers as <see cref="Reason"/> says and closes.</summary>
internal sealed class SessionEndException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionEndException(SessionEndReason reason)
        : base($"SMTP session ended: {reason}.")
    {
        Reason = reason;
    }

    /// <summary>Creates the exception around the failure that caused it.</summary>
    public SessionEndException(SessionEndReason reason, Exception inner)
        : base($"SMTP session ended: {reason}.", inner)
    {
        Reason = reason;
    }

    /// <summary>Why.</summary>
    public SessionEndReason Reason { get; }
}
