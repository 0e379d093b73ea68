namespace Pushbox.Mailbox.Devices;

/// <summary>Where a device's remote wipe stands (<see cref="DeviceWipe.State"/>).</summary>
public enum DeviceWipeState
{
    /// <summary>No wipe was ordered.</summary>
    None = 0,

    /// <summary>Ordered; the device has not been back since.</summary>
    Pending = 1,

    /// <summary>The directive went to the device, which has not acknowledged it yet.</summary>
    Sent = 2,

    /// <summary>The device reported that the wipe failed; it is sent the directive again.</summary>
    Failed = 3,

    /// <summary>The device reported that it wiped itself; it is refused until an administrator removes or allows it.</summary>
    Wiped = 4,
}
