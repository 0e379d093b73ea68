namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// An Autodiscover request cannot be answered with settings. Unlike other bad requests this is not an
/// HTTP error: the endpoint answers HTTP 200 with an <see cref="AutodiscoverErrorResponse"/> carrying
/// <see cref="ErrorCode"/>. The message names elements and limits only, never request content.
/// </summary>
public sealed class AutodiscoverRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AutodiscoverRequestException(AutodiscoverErrorCode errorCode, string detail, Exception? innerException = null)
        : base($"{detail} (Autodiscover error {(int)errorCode})", innerException)
    {
        ErrorCode = errorCode;
        Detail = detail;
    }

    /// <summary>600 (invalid request) or 601 (no provider for the requested schema).</summary>
    public AutodiscoverErrorCode ErrorCode { get; }

    /// <summary>The human-readable description without the code.</summary>
    public string Detail { get; }
}
