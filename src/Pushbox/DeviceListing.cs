using Pushbox.Mailbox.Devices;

namespace Pushbox;

/// <summary>One device as <c>pushbox device list</c> shows it (also its <c>--json</c> shape).</summary>
internal sealed record DeviceListing(
    string User,
    string DeviceId,
    string DeviceType,
    string? Model,
    string? OS,
    string ProtocolVersion,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    string Policy,
    DeviceAccessState Access,
    string AccessSetBy,
    DeviceWipeState Wipe,
    RemoteWipeKind? WipeKind,
    DateTimeOffset? WipeRequestedAt,
    DateTimeOffset? WipeSentAt,
    DateTimeOffset? WipeAcknowledgedAt,
    bool ProtocolLog,
    string UserAgent);
