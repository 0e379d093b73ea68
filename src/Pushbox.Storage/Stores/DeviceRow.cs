using Pushbox.Mailbox.Devices;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>devices</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class DeviceRow
{
    /// <summary>The columns, aliased to the property names, of <c>devices</c>.</summary>
    public const string Columns =
        "id AS Id, user_id AS UserId, device_id AS DeviceId, device_type AS DeviceType, user_agent AS UserAgent, " +
        "protocol_version AS ProtocolVersion, access_state AS AccessState, protocol_log AS ProtocolLog, first_seen AS FirstSeen, last_seen AS LastSeen, " +
        "pending_policy_key AS PendingPolicyKey, policy_key AS PolicyKey, policy_id AS PolicyId, policy_version AS PolicyVersion, " +
        "model AS Model, imei AS Imei, friendly_name AS FriendlyName, os AS OS, os_language AS OSLanguage, phone_number AS PhoneNumber, mobile_operator AS MobileOperator, " +
        "access_override AS AccessOverride, wipe_kind AS WipeKind, wipe_requested_at AS WipeRequestedAt, wipe_sent_at AS WipeSentAt, " +
        "wipe_acknowledged_at AS WipeAcknowledgedAt, wipe_status AS WipeStatus";

    public long Id { get; init; }

    public long UserId { get; init; }

    public string DeviceId { get; init; } = string.Empty;

    public string DeviceType { get; init; } = string.Empty;

    public string UserAgent { get; init; } = string.Empty;

    public string ProtocolVersion { get; init; } = string.Empty;

    public int AccessState { get; init; }

    public bool ProtocolLog { get; init; }

    public object FirstSeen { get; init; } = 0L;

    public object LastSeen { get; init; } = 0L;

    public long? PendingPolicyKey { get; init; }

    public long? PolicyKey { get; init; }

    public long? PolicyId { get; init; }

    public long? PolicyVersion { get; init; }

    public string? Model { get; init; }

    public string? Imei { get; init; }

    public string? FriendlyName { get; init; }

    public string? OS { get; init; }

    public string? OSLanguage { get; init; }

    public string? PhoneNumber { get; init; }

    public string? MobileOperator { get; init; }

    public int? AccessOverride { get; init; }

    public int? WipeKind { get; init; }

    public object? WipeRequestedAt { get; init; }

    public object? WipeSentAt { get; init; }

    public object? WipeAcknowledgedAt { get; init; }

    public int? WipeStatus { get; init; }

    public Device ToDevice(SqlDialect dialect) =>
        new(Id, UserId, DeviceId, DeviceType, UserAgent, ProtocolVersion, (DeviceAccessState)AccessState, ProtocolLog, dialect.FromDb(FirstSeen), dialect.FromDb(LastSeen),
            (uint?)PendingPolicyKey, (uint?)PolicyKey, PolicyId, PolicyVersion,
            new DeviceInformation(Model, Imei, FriendlyName, OS, OSLanguage, PhoneNumber, MobileOperator))
        {
            AccessOverride = (DeviceAccessState?)AccessOverride,
            Wipe = WipeKind is { } kind && WipeRequestedAt is not null
                ? new DeviceWipe(
                    (RemoteWipeKind)kind,
                    dialect.FromDb(WipeRequestedAt),
                    WipeSentAt is null ? null : dialect.FromDb(WipeSentAt),
                    WipeAcknowledgedAt is null ? null : dialect.FromDb(WipeAcknowledgedAt),
                    WipeStatus)
                : null,
        };
}
