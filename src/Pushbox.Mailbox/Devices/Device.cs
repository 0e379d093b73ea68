namespace Pushbox.Mailbox.Devices;

/// <summary>A phone or mail app of one user, identified by the DeviceId it sends.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="UserId">The owner; the same DeviceId under two users is two devices.</param>
/// <param name="DeviceId">The client's DeviceId (MS-ASHTTP), as sent.</param>
/// <param name="DeviceType">The client's DeviceType, as sent.</param>
/// <param name="UserAgent">The last User-Agent header seen.</param>
/// <param name="ProtocolVersion">The EAS protocol version of its latest request (e.g. "16.1").</param>
/// <param name="AccessState">Allowed, blocked or quarantined.</param>
/// <param name="ProtocolLog">Whether every request and response of this device is written to its protocol log (<c>pushbox device log</c>).</param>
/// <param name="FirstSeen">First request.</param>
/// <param name="LastSeen">Latest request.</param>
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
    DateTimeOffset LastSeen);
