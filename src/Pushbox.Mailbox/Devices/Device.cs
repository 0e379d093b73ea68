namespace Pushbox.Mailbox.Devices;

/// <summary>A phone or mail app of one user, identified by the DeviceId it sends.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="UserId">The owner; the same DeviceId under two users is two devices.</param>
/// <param name="DeviceId">The client's DeviceId (MS-ASHTTP), as sent.</param>
/// <param name="DeviceType">The client's DeviceType, as sent.</param>
/// <param name="UserAgent">The last User-Agent header seen.</param>
/// <param name="ProtocolVersion">The EAS protocol version of its latest request (e.g. "16.1").</param>
/// <param name="AccessState">Allowed, blocked or quarantined: the device's access as the server last decided it at a request (see <see cref="AccessOverride"/>).</param>
/// <param name="ProtocolLog">Whether every request and response of this device is written to its protocol log (<c>pushbox device log</c>).</param>
/// <param name="FirstSeen">First request.</param>
/// <param name="LastSeen">Latest request.</param>
/// <param name="PendingPolicyKey">The temporary policy key of a Provision download the device has not yet acknowledged (MS-ASPROV 3.1.5.1.1); null when none is outstanding.</param>
/// <param name="PolicyKey">The policy key the device acknowledged, which it sends in X-MS-PolicyKey; null until it has provisioned.</param>
/// <param name="PolicyId">The policy <see cref="PolicyKey"/> was issued for; null when not provisioned or that policy was deleted.</param>
/// <param name="PolicyVersion">The version of that policy when the key was issued; a different version means the device must provision again.</param>
/// <param name="Information">What the device last said about itself in Settings; <see cref="DeviceInformation.None"/> until it does.</param>
public sealed record Device(
    long Id,
    long UserId,
    string DeviceId,
    string DeviceType,
    string UserAgent,
    string ProtocolVersion,
    DeviceAccessState AccessState,
    bool ProtocolLog,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    uint? PendingPolicyKey,
    uint? PolicyKey,
    long? PolicyId,
    long? PolicyVersion,
    DeviceInformation Information)
{
    /// <summary>
    /// The administrator's decision for this one device (<c>pushbox device allow|block|quarantine</c>), which takes
    /// precedence over the access rules and the default access level; null when there is none.
    /// </summary>
    public DeviceAccessState? AccessOverride { get; init; }

    /// <summary>The remote wipe ordered for the device; null when none was.</summary>
    public DeviceWipe? Wipe { get; init; }

    /// <summary>Where the device's remote wipe stands.</summary>
    public DeviceWipeState WipeState => Wipe?.State ?? DeviceWipeState.None;
}
