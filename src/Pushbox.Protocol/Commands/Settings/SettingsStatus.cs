namespace Pushbox.Protocol.Commands.Settings;

/// <summary>
/// The Settings Status values (MS-ASCMD 2.2.3.177.15). As the child of <c>Settings</c> it says whether the request
/// could be processed at all (1, or 2 with no property responses: MS-ASCMD_R482, R483); as the first child of each
/// property response it says how that Get or Set went (MS-ASCMD_R485, R486). From protocol 14.0 the common status
/// codes (101 and above) may also be sent in the top-level Status by casting their number.
/// </summary>
public enum SettingsStatus
{
    /// <summary>1: success.</summary>
    Success = 1,

    /// <summary>2: protocol error, the XML is formatted incorrectly (MS-ASCMD_R4393, R5845); e.g. StartTime without EndTime (MS-ASCMD_R3992).</summary>
    ProtocolError = 2,

    /// <summary>3: access denied.</summary>
    AccessDenied = 3,

    /// <summary>4: the server is unavailable.</summary>
    ServerUnavailable = 4,

    /// <summary>5: invalid arguments, e.g. a recovery password longer than 255 characters (MS-ASCMD_R4400).</summary>
    InvalidArguments = 5,

    /// <summary>6: conflicting arguments, e.g. the same audience in two OofMessage elements (MS-ASCMD_R3526).</summary>
    ConflictingArguments = 6,

    /// <summary>7: denied by policy: the administrator has not enabled password recovery (MS-ASCMD_R4401, R4402).</summary>
    DeniedByPolicy = 7,
}
