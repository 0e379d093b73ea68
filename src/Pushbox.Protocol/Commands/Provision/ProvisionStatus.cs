namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// The Status of the Provision element (MS-ASPROV 2.2.2.54.2), global in scope. From protocol 14.0
/// the common status codes of MS-ASCMD 2.2.2 (101 and above, e.g. 139 and 141) may also be sent here
/// by casting their number; the writer refuses them for older versions.
/// </summary>
public enum ProvisionStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: protocol error, a syntax error in the request (MS-ASPROV_R497); the client fixes its code.</summary>
    ProtocolError = 2,

    /// <summary>3: general server error (misconfiguration, a transient problem); the client retries (MS-ASPROV_R504, R505).</summary>
    ServerError = 3,
}
