namespace Pushbox.Protocol.Commands.Provision;

/// <summary>
/// The <c>settings:Status</c> inside the <c>settings:DeviceInformation</c> of a Provision response
/// (MS-ASPROV 3.2.5.1.1; the values are the Settings command's, MS-ASCMD 2.2.3.177.14).
/// </summary>
public enum DeviceInformationStatus
{
    /// <summary>1: the device information was stored.</summary>
    Success = 1,

    /// <summary>2: protocol error, the DeviceInformation was malformed.</summary>
    ProtocolError = 2,

    /// <summary>3: access denied.</summary>
    AccessDenied = 3,

    /// <summary>4: the server is unavailable.</summary>
    ServerUnavailable = 4,

    /// <summary>5: invalid arguments.</summary>
    InvalidArguments = 5,

    /// <summary>6: conflicting arguments.</summary>
    ConflictingArguments = 6,

    /// <summary>7: denied by policy.</summary>
    DeniedByPolicy = 7,
}
