namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// The Autodiscover <c>ErrorCode</c> values for a request the server cannot answer (MS-ASCMD 2.2.3.64),
/// sent in an <see cref="AutodiscoverErrorResponse"/> with HTTP 200.
/// </summary>
public enum AutodiscoverErrorCode
{
    /// <summary>600: an invalid request was sent: not well-formed XML, a DTD, the wrong root, a missing or repeated element, or a limit exceeded.</summary>
    InvalidRequest = 600,

    /// <summary>601: no provider handles the requested <c>AcceptableResponseSchema</c> (anything but the mobilesync response schema).</summary>
    ProviderNotFound = 601,
}
