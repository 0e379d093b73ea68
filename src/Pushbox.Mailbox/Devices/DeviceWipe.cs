namespace Pushbox.Mailbox.Devices;

/// <summary>
/// A remote wipe ordered for a device and how far it got: ordered by an administrator, sent to the device in a
/// Provision response, acknowledged by the device with the Status of its RemoteWipe or AccountOnlyRemoteWipe
/// (MS-ASPROV 3.2.5.1.2.2). A wipe stays pending until the device acknowledges success; a device that
/// reported failure is sent the directive again.
/// </summary>
/// <param name="Kind">Full or account-only.</param>
/// <param name="RequestedAt">When the administrator ordered it.</param>
/// <param name="SentAt">When the directive last went to the device; null while the device has not been back.</param>
/// <param name="AcknowledgedAt">When the device last acknowledged it; null until it does.</param>
/// <param name="AcknowledgementStatus">What the device reported: 1 wiped, 2 failed (MS-ASPROV 2.2.2.54.3); null until it does.</param>
public sealed record DeviceWipe(RemoteWipeKind Kind, DateTimeOffset RequestedAt, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, int? AcknowledgementStatus)
{
    /// <summary>The acknowledgement status of a device that wiped itself.</summary>
    public const int Succeeded = 1;

    /// <summary>Whether the device reported that it wiped itself: from then on it is refused.</summary>
    public bool Completed => AcknowledgementStatus == Succeeded;

    /// <summary>The state shown to administrators.</summary>
    public DeviceWipeState State =>
        Completed ? DeviceWipeState.Wiped
        : AcknowledgementStatus is not null ? DeviceWipeState.Failed
        : SentAt is not null ? DeviceWipeState.Sent
        : DeviceWipeState.Pending;
}
