namespace Pushbox.Smtp.Relay;

/// <summary>How the connection to the relay is protected.</summary>
public enum RelaySecurity
{
    /// <summary>STARTTLS is required: a relay that does not offer it is treated as down (mail waits).</summary>
    StartTls,

    /// <summary>STARTTLS when the relay offers it, plain text otherwise (a relay on the same host or a trusted network).</summary>
    StartTlsWhenAvailable,

    /// <summary>TLS from the first byte (port 465, "submissions").</summary>
    SslOnConnect,

    /// <summary>Plain text only (a relay on loopback).</summary>
    None,
}
