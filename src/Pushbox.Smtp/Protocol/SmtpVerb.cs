namespace Pushbox.Smtp.Protocol;

/// <summary>The commands a session recognises (RFC 5321 §4.1, RFC 2033 LHLO, RFC 3207 STARTTLS).</summary>
internal enum SmtpVerb
{
    /// <summary>Not a command of SMTP or LMTP.</summary>
    Unknown,

    /// <summary>A real SMTP command Pushbox does not implement (EXPN, AUTH, BDAT, TURN, …): <c>502 5.5.1</c>.</summary>
    NotImplemented,

    /// <summary>HELO: plain SMTP greeting.</summary>
    Helo,

    /// <summary>EHLO: extended SMTP greeting.</summary>
    Ehlo,

    /// <summary>LHLO: the LMTP greeting.</summary>
    Lhlo,

    /// <summary>MAIL FROM: starts a transaction.</summary>
    Mail,

    /// <summary>RCPT TO: adds a recipient.</summary>
    Rcpt,

    /// <summary>DATA: the message follows.</summary>
    Data,

    /// <summary>RSET: abandons the transaction.</summary>
    Rset,

    /// <summary>NOOP.</summary>
    Noop,

    /// <summary>QUIT.</summary>
    Quit,

    /// <summary>VRFY: always 252, so addresses cannot be harvested.</summary>
    Vrfy,

    /// <summary>HELP.</summary>
    Help,

    /// <summary>STARTTLS (RFC 3207).</summary>
    StartTls,
}
