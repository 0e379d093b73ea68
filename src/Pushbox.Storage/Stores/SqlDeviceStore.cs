using System.Data.Common;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Mailbox.Devices;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IDeviceStore"/> over the shared SQL layer. Sync state uses optimistic concurrency in one
/// statement each: an insert that does nothing on conflict (expected version 0) or an update guarded
/// by the expected version; of two writers expecting the same version exactly one changes a row.
/// </summary>
internal sealed class SqlDeviceStore(PushboxDatabase database) : IDeviceStore
{
    /// <summary>How stale a device's recorded last contact may get before a request writes it again.</summary>
    public static readonly TimeSpan LastSeenPrecision = TimeSpan.FromMinutes(1);

    private SqlDialect Dialect => database.Dialect;

    public Task<Device> TouchDeviceAsync(long userId, string deviceId, string deviceType, string userAgent, string protocolVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(deviceType);
        ArgumentNullException.ThrowIfNull(userAgent);
        ArgumentNullException.ThrowIfNull(protocolVersion);
        return TouchAsync(userId, deviceId, deviceType, userAgent, protocolVersion, cancellationToken);
    }

    /// <summary>
    /// Every request touches its device, so the common case is a read: when nothing recorded has changed
    /// and the last contact was written less than <see cref="LastSeenPrecision"/> ago, nothing is written
    /// (a write costs a commit, with SQLite an fsync, on the hot path of every Sync and Ping).
    /// </summary>
    private async Task<Device> TouchAsync(long userId, string deviceId, string deviceType, string userAgent, string protocolVersion, CancellationToken cancellationToken)
    {
        DateTimeOffset now = database.Now();
        DeviceRow? current = await database.ReadAsync(
            connection => connection.RowAsync<DeviceRow>(
                $"SELECT {DeviceRow.Columns} FROM devices WHERE user_id = @UserId AND device_id = @DeviceId",
                new { UserId = userId, DeviceId = deviceId },
                null,
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            Device known = current.ToDevice(Dialect);
            if (known.DeviceType == deviceType && known.UserAgent == userAgent && known.ProtocolVersion == protocolVersion
                && now - known.LastSeen < LastSeenPrecision && now >= known.LastSeen)
            {
                return known;
            }
        }

        return await UpsertAsync(userId, deviceId, deviceType, userAgent, protocolVersion, Dialect.ToDb(now), cancellationToken).ConfigureAwait(false);
    }

    private Task<Device> UpsertAsync(long userId, string deviceId, string deviceType, string userAgent, string protocolVersion, object now, CancellationToken cancellationToken)
    {
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                try
                {
                    DeviceRow row = (await connection.RowAsync<DeviceRow>(
                        "INSERT INTO devices (user_id, device_id, device_type, user_agent, protocol_version, access_state, first_seen, last_seen) " +
                        "VALUES (@UserId, @DeviceId, @DeviceType, @UserAgent, @ProtocolVersion, @AccessState, @Now, @Now) " +
                        "ON CONFLICT (user_id, device_id) DO UPDATE SET device_type = excluded.device_type, user_agent = excluded.user_agent, " +
                        "protocol_version = excluded.protocol_version, last_seen = excluded.last_seen " +
                        $"RETURNING {DeviceRow.Columns}",
                        new { UserId = userId, DeviceId = deviceId, DeviceType = deviceType, UserAgent = userAgent, ProtocolVersion = protocolVersion, AccessState = (int)DeviceAccessState.Allowed, Now = now },
                        transaction,
                        cancellationToken).ConfigureAwait(false))!;
                    return row.ToDevice(Dialect);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.ForeignKeyViolation)
                {
                    throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
                }
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Device>> ListDevicesAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Device>>(
            async connection => (await connection.RowsAsync<DeviceRow>(
                $"SELECT {DeviceRow.Columns} FROM devices WHERE user_id = @UserId ORDER BY last_seen DESC, id DESC",
                new { UserId = userId },
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => r.ToDevice(Dialect)).ToList(),
            cancellationToken);

    public Task<Device?> GetDeviceAsync(long deviceId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection => (await connection.RowAsync<DeviceRow>(
                $"SELECT {DeviceRow.Columns} FROM devices WHERE id = @Id",
                new { Id = deviceId },
                null,
                cancellationToken).ConfigureAwait(false))?.ToDevice(Dialect),
            cancellationToken);

    public Task<IReadOnlyList<Device>> ListAllDevicesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Device>>(
            async connection => (await connection.RowsAsync<DeviceRow>(
                $"SELECT {DeviceRow.Columns} FROM devices ORDER BY user_id, last_seen DESC, id DESC",
                null,
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => r.ToDevice(Dialect)).ToList(),
            cancellationToken);

    public Task SetAccessOverrideAsync(long deviceId, DeviceAccessState? state, CancellationToken cancellationToken)
    {
        if (state is { } value && !Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown access state.");
        }

        // An allowed device that had wiped itself starts over: its completed wipe no longer refuses it.
        string clearWipe = state == DeviceAccessState.Allowed
            ? ", wipe_kind = CASE WHEN wipe_status = 1 THEN NULL ELSE wipe_kind END, wipe_requested_at = CASE WHEN wipe_status = 1 THEN NULL ELSE wipe_requested_at END, " +
              "wipe_sent_at = CASE WHEN wipe_status = 1 THEN NULL ELSE wipe_sent_at END, wipe_acknowledged_at = CASE WHEN wipe_status = 1 THEN NULL ELSE wipe_acknowledged_at END, " +
              "wipe_status = CASE WHEN wipe_status = 1 THEN NULL ELSE wipe_status END"
            : string.Empty;
        return UpdateAndWakeAsync(deviceId, "access_override = @State" + clearWipe, new { Id = deviceId, State = (int?)state }, cancellationToken);
    }

    public Task SetAccessStateAsync(long deviceId, DeviceAccessState state, bool forgetSyncState, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown access state.");
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows = await connection.RunAsync(
                    "UPDATE devices SET access_state = @State WHERE id = @Id",
                    new { Id = deviceId, State = (int)state },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                if (rows == 0)
                {
                    throw DeviceNotFound(deviceId);
                }

                if (forgetSyncState)
                {
                    await connection.RunAsync("DELETE FROM sync_states WHERE device_id = @Id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
    }

    public Task RequestWipeAsync(long deviceId, RemoteWipeKind kind, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown wipe kind.");
        }

        return UpdateAndWakeAsync(
            deviceId,
            "wipe_kind = @Kind, wipe_requested_at = @Now, wipe_sent_at = NULL, wipe_acknowledged_at = NULL, wipe_status = NULL",
            new { Id = deviceId, Kind = (int)kind, Now = Dialect.ToDb(database.Now()) },
            cancellationToken);
    }

    public Task<bool> MarkWipeSentAsync(long deviceId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE devices SET wipe_sent_at = @Now WHERE id = @Id AND wipe_kind IS NOT NULL AND (wipe_status IS NULL OR wipe_status <> 1)",
                new { Id = deviceId, Now = Dialect.ToDb(database.Now()) },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<bool> RecordWipeAcknowledgementAsync(long deviceId, RemoteWipeKind kind, int status, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE devices SET wipe_acknowledged_at = @Now, wipe_status = @Status WHERE id = @Id AND wipe_kind = @Kind",
                new { Id = deviceId, Kind = (int)kind, Status = status, Now = Dialect.ToDb(database.Now()) },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<bool> ClearWipeAsync(long deviceId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE devices SET wipe_kind = NULL, wipe_requested_at = NULL, wipe_sent_at = NULL, wipe_acknowledged_at = NULL, wipe_status = NULL " +
                "WHERE id = @Id AND wipe_kind IS NOT NULL",
                new { Id = deviceId },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<DeviceAccessRules> GetAccessRulesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                // One round trip would need a UNION of unlike rows; the settings row is tiny and the rules are few.
                int access = await connection.ScalarAsync<int>("SELECT default_access FROM device_access_settings WHERE id = 1", null, null, cancellationToken).ConfigureAwait(false);
                IEnumerable<AccessRuleRow> rows = await connection.RowsAsync<AccessRuleRow>(
                    $"SELECT {AccessRuleRow.Columns} FROM device_access_rules ORDER BY id", null, null, cancellationToken).ConfigureAwait(false);
                return new DeviceAccessRules((DeviceAccessState)access, [.. rows.Select(r => r.ToRule(Dialect))]);
            },
            cancellationToken);

    public Task SetDefaultAccessAsync(DeviceAccessState access, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(access))
        {
            throw new ArgumentOutOfRangeException(nameof(access), access, "Unknown access state.");
        }

        return database.WriteAsync(
            (connection, transaction) => connection.RunAsync(
                "UPDATE device_access_settings SET default_access = @Access WHERE id = 1", new { Access = (int)access }, transaction, cancellationToken),
            cancellationToken);
    }

    public Task<DeviceAccessRule> SaveAccessRuleAsync(DeviceCharacteristic characteristic, string pattern, DeviceAccessState access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string trimmed = pattern.Trim();
        if (trimmed.Length == 0 || trimmed == "*" || trimmed.Length > DeviceAccessRule.MaxPatternLength)
        {
            throw new ArgumentException($"A rule's pattern must be 1 to {DeviceAccessRule.MaxPatternLength} characters and not only '*'.", nameof(pattern));
        }

        if (!Enum.IsDefined(characteristic) || !Enum.IsDefined(access))
        {
            throw new ArgumentOutOfRangeException(nameof(characteristic), "Unknown characteristic or access state.");
        }

        return database.WriteAsync(
            async (connection, transaction) => (await connection.RowAsync<AccessRuleRow>(
                "INSERT INTO device_access_rules (characteristic, pattern, pattern_key, access_level, created_at) VALUES (@Characteristic, @Pattern, @Key, @Access, @Now) " +
                "ON CONFLICT (characteristic, pattern_key) DO UPDATE SET pattern = excluded.pattern, access_level = excluded.access_level " +
                $"RETURNING {AccessRuleRow.Columns}",
                new { Characteristic = (int)characteristic, Pattern = trimmed, Key = trimmed.ToLowerInvariant(), Access = (int)access, Now = Dialect.ToDb(database.Now()) },
                transaction,
                cancellationToken).ConfigureAwait(false))!.ToRule(Dialect),
            cancellationToken);
    }

    public Task<bool> RemoveAccessRuleAsync(long ruleId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
                await connection.RunAsync("DELETE FROM device_access_rules WHERE id = @Id", new { Id = ruleId }, transaction, cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task SetProtocolLogAsync(long deviceId, bool enabled, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows = await connection.RunAsync(
                    "UPDATE devices SET protocol_log = @Enabled WHERE id = @Id",
                    new { Id = deviceId, Enabled = enabled },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return rows > 0 ? true : throw DeviceNotFound(deviceId);
            },
            cancellationToken);

    public Task SetPendingPolicyKeyAsync(long deviceId, uint key, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(key);
        return UpdateDeviceAsync(deviceId, "pending_policy_key = @Key", new { Id = deviceId, Key = (long)key }, cancellationToken);
    }

    public Task<bool> ConfirmPolicyKeyAsync(long deviceId, uint expectedPendingKey, uint newKey, long policyId, long policyVersion, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(expectedPendingKey);
        ArgumentOutOfRangeException.ThrowIfZero(newKey);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows;
                try
                {
                    // The guard on the pending key makes this the compare-and-set: of two acknowledgements of
                    // one download, exactly one changes the row.
                    rows = await connection.RunAsync(
                        "UPDATE devices SET policy_key = @NewKey, policy_id = @PolicyId, policy_version = @PolicyVersion, pending_policy_key = NULL " +
                        "WHERE id = @Id AND pending_policy_key = @Expected",
                        new { Id = deviceId, Expected = (long)expectedPendingKey, NewKey = (long)newKey, PolicyId = policyId, PolicyVersion = policyVersion },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.ForeignKeyViolation)
                {
                    throw new MailboxException(MailboxErrorReason.PolicyNotFound, $"There is no policy {policyId}.");
                }

                if (rows > 0)
                {
                    return true;
                }

                long exists = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE id = @Id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false);
                return exists > 0 ? false : throw DeviceNotFound(deviceId);
            },
            cancellationToken);
    }

    public Task ClearPolicyKeysAsync(long deviceId, CancellationToken cancellationToken) =>
        UpdateDeviceAsync(
            deviceId,
            "pending_policy_key = NULL, policy_key = NULL, policy_id = NULL, policy_version = NULL",
            new { Id = deviceId },
            cancellationToken);

    public Task SetDeviceInformationAsync(long deviceId, DeviceInformation information, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(information);
        if (information.Fields.Any(f => f?.Length > DeviceInformation.MaxFieldLength))
        {
            throw new ArgumentException($"A device information field is longer than {DeviceInformation.MaxFieldLength} characters.", nameof(information));
        }

        return UpdateDeviceAsync(
            deviceId,
            "model = @Model, imei = @Imei, friendly_name = @FriendlyName, os = @OS, os_language = @OSLanguage, phone_number = @PhoneNumber, mobile_operator = @MobileOperator",
            new { Id = deviceId, information.Model, information.Imei, information.FriendlyName, information.OS, information.OSLanguage, information.PhoneNumber, information.MobileOperator },
            cancellationToken);
    }

    public Task<bool> DeleteDeviceAsync(long deviceId, CancellationToken cancellationToken) =>
        // Its sync state goes by ON DELETE CASCADE.
        database.WriteAsync(
            async (connection, transaction) =>
            {
                long? userId = await connection.ScalarAsync<long?>("DELETE FROM devices WHERE id = @Id RETURNING user_id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false);
                if (userId is { } owner)
                {
                    database.Changed(transaction, new MailboxChange(owner, null));
                }

                return userId is not null;
            },
            cancellationToken);

    public Task<SyncStateRecord?> GetSyncStateAsync(long deviceId, string collectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collectionId);
        return database.ReadAsync(
            async connection =>
            {
                SyncStateRow? row = await connection.RowAsync<SyncStateRow>(
                    "SELECT version AS Version, format_version AS FormatVersion, data AS Data, updated_at AS UpdatedAt FROM sync_states WHERE device_id = @DeviceId AND collection_id = @CollectionId",
                    new { DeviceId = deviceId, CollectionId = collectionId },
                    null,
                    cancellationToken).ConfigureAwait(false);
                return row is null ? null : new SyncStateRecord(row.Version, row.FormatVersion, row.Data, Dialect.FromDb(row.UpdatedAt));
            },
            cancellationToken);
    }

    public Task<SyncStateRecord?> TrySaveSyncStateAsync(long deviceId, string collectionId, long expectedVersion, int formatVersion, byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collectionId);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        DateTimeOffset now = database.Now();
        var parameters = new { DeviceId = deviceId, CollectionId = collectionId, Expected = expectedVersion, FormatVersion = formatVersion, Data = data, Now = Dialect.ToDb(now) };
        string sql = expectedVersion == 0
            ? "INSERT INTO sync_states (device_id, collection_id, version, format_version, data, updated_at) VALUES (@DeviceId, @CollectionId, 1, @FormatVersion, @Data, @Now) " +
              "ON CONFLICT (device_id, collection_id) DO NOTHING RETURNING version"
            : "UPDATE sync_states SET version = version + 1, format_version = @FormatVersion, data = @Data, updated_at = @Now " +
              "WHERE device_id = @DeviceId AND collection_id = @CollectionId AND version = @Expected RETURNING version";
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                try
                {
                    long? version = await connection.ScalarAsync<long?>(sql, parameters, transaction, cancellationToken).ConfigureAwait(false);
                    return version is { } v ? new SyncStateRecord(v, formatVersion, data, now) : null;
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.ForeignKeyViolation)
                {
                    throw DeviceNotFound(deviceId);
                }
            },
            cancellationToken);
    }

    public Task DeleteSyncStateAsync(long deviceId, string? collectionId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.RunAsync(
                collectionId is null
                    ? "DELETE FROM sync_states WHERE device_id = @DeviceId"
                    : "DELETE FROM sync_states WHERE device_id = @DeviceId AND collection_id = @CollectionId",
                new { DeviceId = deviceId, CollectionId = collectionId },
                transaction,
                cancellationToken),
            cancellationToken);

    /// <summary>Runs <c>UPDATE devices SET <paramref name="assignments"/> WHERE id = @Id</c>; no such device is <see cref="MailboxErrorReason.ItemNotFound"/>.</summary>
    private Task<bool> UpdateDeviceAsync(long deviceId, string assignments, object parameters, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows = await connection.RunAsync($"UPDATE devices SET {assignments} WHERE id = @Id", parameters, transaction, cancellationToken).ConfigureAwait(false);
                return rows > 0 ? true : throw DeviceNotFound(deviceId);
            },
            cancellationToken);

    /// <summary>
    /// Like <see cref="UpdateDeviceAsync"/>, and announces a hierarchy change of the device's user at commit: the
    /// notifier's only way to reach a request the device holds (a Ping) is through its user's mailbox, and the
    /// waiting request re-reads the device on a hierarchy change (with PostgreSQL this reaches every server process).
    /// </summary>
    private Task<bool> UpdateAndWakeAsync(long deviceId, string assignments, object parameters, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                long? userId = await connection.ScalarAsync<long?>($"UPDATE devices SET {assignments} WHERE id = @Id RETURNING user_id", parameters, transaction, cancellationToken).ConfigureAwait(false);
                if (userId is not { } owner)
                {
                    throw DeviceNotFound(deviceId);
                }

                database.Changed(transaction, new MailboxChange(owner, null));
                return true;
            },
            cancellationToken);

    private static MailboxException DeviceNotFound(long deviceId) =>
        new(MailboxErrorReason.ItemNotFound, $"There is no device {deviceId}.");
}
