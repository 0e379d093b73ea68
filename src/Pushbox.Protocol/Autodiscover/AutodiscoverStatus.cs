namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// The Autodiscover <c>Status</c> values of an <c>Action/Error</c> (MS-ASCMD 2.2.3.177.1). The Status
/// element is sent only with an error, so <see cref="Success"/> never appears in a response (MS-ASCMD_R4001).
/// </summary>
public enum AutodiscoverStatus
{
    /// <summary>1: success; never written.</summary>
    Success = 1,

    /// <summary>2: protocol error, e.g. the directory could not be reached or the user is unknown.</summary>
    ProtocolError = 2,
}
