using Pushbox.Mailbox.Devices;

namespace Pushbox.Commands;

/// <summary>
/// Whether a device's <see cref="DeviceAccessState"/> lets it run any command, Provision included: a blocked
/// device must not even obtain a policy key. MS-ASCMD 2.2.2 has one common status for this,
/// 129 DeviceIsBlockedForThisUser, and none for quarantine, so a quarantined device is refused the same way
/// until an administrator allows or blocks it. Protocol versions before 14.0 have no common status codes and
/// get HTTP 403 instead (MS-ASHTTP 2.2.2.1.1). Pure: the caller passes the device as recorded at this request.
/// </summary>
public static class DeviceAccessGate
{
    /// <summary>Common status 129, DeviceIsBlockedForThisUser (MS-ASCMD 2.2.2): the device is not allowed to synchronise.</summary>
    public const int DeviceIsBlockedForThisUser = 129;

    /// <summary>HTTP 403 Forbidden: what protocol versions before 14.0 get instead of a common status.</summary>
    public const int ForbiddenHttpStatus = 403;

    /// <summary>Null when the device may proceed; otherwise the common status to refuse the request with.</summary>
    /// <param name="device">The device as recorded at this request.</param>
    public static int? Check(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        // Anything but Allowed (including a state a newer version stored) is refused: fail closed.
        return device.AccessState == DeviceAccessState.Allowed ? null : DeviceIsBlockedForThisUser;
    }
}
