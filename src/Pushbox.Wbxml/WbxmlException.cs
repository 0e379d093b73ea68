namespace Pushbox.Wbxml;

/// <summary>
/// A WBXML document (or its XML form) is malformed or exceeds a limit. Carries the byte offset
/// where the problem was found and a stable <see cref="WbxmlErrorReason"/>; the message is safe
/// to show an administrator and never contains document content beyond tag names.
/// </summary>
public sealed class WbxmlException : Exception
{
    /// <summary>Creates the exception for <paramref name="reason"/> found at <paramref name="offset"/>.</summary>
    public WbxmlException(WbxmlErrorReason reason, long offset, string detail)
        : base($"{detail} (at byte offset {offset}, reason {reason})")
    {
        Reason = reason;
        Offset = offset;
        Detail = detail;
    }

    /// <summary>Creates the exception for a problem that has no byte offset (XML input): <see cref="Offset"/> is -1.</summary>
    public WbxmlException(WbxmlErrorReason reason, string detail, Exception? innerException = null)
        : base($"{detail} (reason {reason})", innerException)
    {
        Reason = reason;
        Offset = -1;
        Detail = detail;
    }

    /// <summary>The machine-readable reason.</summary>
    public WbxmlErrorReason Reason { get; }

    /// <summary>Byte offset into the document where the problem was detected, or -1 for XML input.</summary>
    public long Offset { get; }

    /// <summary>The human-readable description without offset and reason.</summary>
    public string Detail { get; }
}
