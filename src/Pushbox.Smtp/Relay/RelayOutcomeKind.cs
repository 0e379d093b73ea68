namespace Pushbox.Smtp.Relay;

/// <summary>The class of a relay's answer for one recipient.</summary>
internal enum RelayOutcomeKind
{
    /// <summary>The relay took responsibility (250 after DATA).</summary>
    Accepted,

    /// <summary>A 4xx reply, or no answer at all (connection refused, timeout, TLS failure): try again later.</summary>
    Transient,

    /// <summary>A 5xx reply: never going to work; the sender gets a notification.</summary>
    Permanent,
}
