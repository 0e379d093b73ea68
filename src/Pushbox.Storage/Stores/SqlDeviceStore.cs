using System.Data.Common;
using Pushbox.Mailbox;
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

    public Task SetAccessStateAsync(long deviceId, DeviceAccessState state, CancellationToken cancellationToken)
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
                return rows > 0 ? true : throw DeviceNotFound(deviceId);
            },
            cancellationToken);
    }

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
                await connection.RunAsync("DELETE FROM devices WHERE id = @Id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false) > 0,
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

    private static MailboxException DeviceNotFound(long deviceId) =>
        new(MailboxErrorReason.ItemNotFound, $"There is no device {deviceId}.");
}
