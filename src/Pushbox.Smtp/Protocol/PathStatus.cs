namespace Pushbox.Smtp.Protocol;

/// <summary>The outcome of parsing the argument of MAIL or RCPT.</summary>
internal enum PathStatus
{
    /// <summary>Parsed.</summary>
    Ok,

    /// <summary>Not <c>FROM:&lt;path&gt;</c> / <c>TO:&lt;path&gt;</c> at all (501 5.5.4).</summary>
    Syntax,

    /// <summary>The path is there but is not a mailbox (501 5.1.7 for a sender, 5.1.3 for a recipient).</summary>
    BadAddress,

    /// <summary>An ESMTP parameter is not <c>keyword[=value]</c> (501 5.5.4).</summary>
    BadParameter,
}
