namespace Pushbox.Smtp.Protocol;

/// <summary>Where a session stands (RFC 5321 §4.1.4 command ordering). Flags so that a rule can allow several.</summary>
[Flags]
internal enum SessionState
{
    /// <summary>Connected (or just after STARTTLS): no greeting yet.</summary>
    Connected = 1,

    /// <summary>Greeted with EHLO, HELO or LHLO; no transaction.</summary>
    Greeted = 2,

    /// <summary>MAIL accepted; no recipient yet.</summary>
    HasSender = 4,

    /// <summary>At least one RCPT accepted.</summary>
    HasRecipients = 8,

    /// <summary>Every state.</summary>
    Any = Connected | Greeted | HasSender | HasRecipients,
}
