namespace Pushbox.Commands;

/// <summary>What <see cref="DeviceAccessGate"/> decided for one request.</summary>
/// <param name="RefusalStatus">The common status to refuse the request with; null when it may proceed.</param>
/// <param name="Quarantined">The device is quarantined: it sees a notice instead of the mailbox.</param>
/// <param name="WipePending">A remote wipe waits for the device: Provision sends the directive.</param>
public sealed record DeviceAdmission(int? RefusalStatus, bool Quarantined = false, bool WipePending = false)
{
    /// <summary>The device may proceed as usual.</summary>
    public static DeviceAdmission Admitted { get; } = new(RefusalStatus: null);

    /// <summary>A quarantined device may proceed with this command.</summary>
    public static DeviceAdmission QuarantineOnly { get; } = new(RefusalStatus: null, Quarantined: true);

    /// <summary>Provision proceeds, and carries the wipe directive.</summary>
    public static DeviceAdmission ProvisionForWipe { get; } = new(RefusalStatus: null, WipePending: true);

    /// <summary>Refused with <paramref name="status"/>.</summary>
    public static DeviceAdmission Refuse(int status) => new(status);
}
