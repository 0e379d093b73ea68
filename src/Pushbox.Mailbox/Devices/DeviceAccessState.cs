namespace Pushbox.Mailbox.Devices;

/// <summary>Whether a device may synchronise (Exchange's allow / block / quarantine).</summary>
public enum DeviceAccessState
{
    /// <summary>The device may synchronise.</summary>
    Allowed = 0,

    /// <summary>The device is refused.</summary>
    Blocked = 1,

    /// <summary>The device waits for an administrator's decision.</summary>
    Quarantined = 2,
}
