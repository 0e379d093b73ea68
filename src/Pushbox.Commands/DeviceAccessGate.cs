using Pushbox.Mailbox.Devices;
using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>
/// Whether a device may run a command, from its remote wipe and its access (allowed, blocked, quarantined, as
/// <see cref="DeviceAccessRules.Decide"/> decided it at this request), before provisioning is checked. The table:
/// <list type="bullet">
/// <item>A wipe ordered and not yet acknowledged as done: Provision proceeds (it carries the directive, MS-ASPROV
/// 3.2.5.1); every other command is refused with 140 RemoteWipeRequested (MS-ASCMD 2.2.2), HTTP 449 before 14.0, so
/// that the device provisions. An account-only wipe can only be said to a 16.1 device (MS-ASPROV 2.2.2.1): at an
/// older version the device is refused with 129 until it speaks 16.1 or the administrator changes the order, rather
/// than be told to wipe more than was asked.</item>
/// <item>A wipe the device acknowledged as done, or a blocked device: 129 DeviceIsBlockedForThisUser, HTTP 403 before
/// 14.0 (MS-ASHTTP 2.2.2.1.1), Provision included: a blocked device must not even obtain a policy key.</item>
/// <item>A quarantined device: Provision, Settings (it may say what it is), FolderSync, Sync and Ping proceed (it sees
/// its folders and a notice in its Inbox, nothing else); any other command gets 129. MS-ASCMD has no status of its own for quarantine.</item>
/// </list>
/// Pure: the caller passes the device as recorded and its decided access.
/// </summary>
public static class DeviceAccessGate
{
    /// <summary>Common status 129, DeviceIsBlockedForThisUser (MS-ASCMD 2.2.2): the device is not allowed to synchronise.</summary>
    public const int DeviceIsBlockedForThisUser = 129;

    /// <summary>Common status 140, RemoteWipeRequested (MS-ASCMD 2.2.2): the device must provision to get the wipe directive.</summary>
    public const int RemoteWipeRequested = 140;

    /// <summary>HTTP 403 Forbidden: what protocol versions before 14.0 get instead of a common status.</summary>
    public const int ForbiddenHttpStatus = 403;

    /// <summary>The commands a quarantined device may run.</summary>
    private static readonly HashSet<EasCommand> QuarantineCommands = [EasCommand.Provision, EasCommand.Settings, EasCommand.FolderSync, EasCommand.Sync, EasCommand.Ping];

    /// <summary>What the gate decided.</summary>
    /// <param name="device">The device as recorded at this request.</param>
    /// <param name="access">Its access as decided at this request.</param>
    /// <param name="command">The command asked for.</param>
    /// <param name="version">The request's protocol version.</param>
    public static DeviceAdmission Check(Device device, DeviceAccessState access, EasCommand command, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.Wipe is { } wipe)
        {
            if (wipe.Completed)
            {
                return DeviceAdmission.Refuse(DeviceIsBlockedForThisUser);
            }

            if (wipe.Kind == RemoteWipeKind.AccountOnly && version < EasVersion.V161)
            {
                return DeviceAdmission.Refuse(DeviceIsBlockedForThisUser);
            }

            return command == EasCommand.Provision ? DeviceAdmission.ProvisionForWipe : DeviceAdmission.Refuse(RemoteWipeRequested);
        }

        return access switch
        {
            DeviceAccessState.Allowed => DeviceAdmission.Admitted,
            DeviceAccessState.Quarantined when QuarantineCommands.Contains(command) => DeviceAdmission.QuarantineOnly,

            // Blocked, a quarantined device asking for more, or a state a newer version stored: fail closed.
            _ => DeviceAdmission.Refuse(DeviceIsBlockedForThisUser),
        };
    }

    /// <summary>
    /// The HTTP status a protocol version before 14.0 gets instead of a common status: 449 Retry After Provisioning
    /// for 140, 142 and 144 (MS-ASCMD 2.2.2: the device must provision), 403 for anything else (129).
    /// </summary>
    public static int LegacyHttpStatus(int commonStatus) =>
        commonStatus is RemoteWipeRequested or ProvisioningGate.DeviceNotProvisioned or ProvisioningGate.InvalidPolicyKey
            ? ProvisioningGate.RetryAfterProvisioningHttpStatus
            : ForbiddenHttpStatus;
}
