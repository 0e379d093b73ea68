namespace Pushbox.Protocol;

/// <summary>
/// A request is malformed, exceeds a limit or is not allowed in its protocol version: the one
/// exception type Pushbox.Protocol throws for bad input. <see cref="Reason"/> decides the HTTP status
/// (mapped in one place by Pushbox.Http); the message is safe to log and to show an administrator,
/// as it never holds request content beyond parameter and command names, numbers and byte offsets.
/// It is never sent to the client.
/// </summary>
public sealed class EasProtocolException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/>; <paramref name="detail"/> must hold no request content.</summary>
    public EasProtocolException(EasProtocolError reason, string detail, Exception? innerException = null)
        : base($"{detail} (reason {reason})", innerException)
    {
        Reason = reason;
        Detail = detail;
        Offset = -1;
    }

    /// <summary>
    /// Creates the exception for a problem found at byte <paramref name="offset"/> of a decoded base64
    /// query (or of a body, for a parser that reads bytes).
    /// </summary>
    public EasProtocolException(EasProtocolError reason, int offset, string detail, Exception? innerException = null)
        : base($"{detail} (at byte offset {offset}, reason {reason})", innerException)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        Reason = reason;
        Detail = detail;
        Offset = offset;
    }

    /// <summary>The machine-readable reason.</summary>
    public EasProtocolError Reason { get; }

    /// <summary>The human-readable description without offset and reason.</summary>
    public string Detail { get; }

    /// <summary>Byte offset where the problem was detected, or -1 when there is none (plain query, headers).</summary>
    public int Offset { get; }
}
