using System.Data.Common;
using Pushbox.Mailbox;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Storage.Secrets;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IUserSettingsStore"/> over the shared SQL layer. The once-per-sender record is one insert that does
/// nothing on conflict, guarded by the current generation, so of two deliveries racing for the same sender exactly
/// one gets true, whichever node they run on.
/// </summary>
internal sealed class SqlUserSettingsStore(PushboxDatabase database, RecoveryPasswordSealer sealer) : IUserSettingsStore
{
    private SqlDialect Dialect => database.Dialect;

    public Task<OofSettings> GetOofAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                OofSettingsRow? row = await connection.RowAsync<OofSettingsRow>(
                    $"SELECT {OofSettingsRow.Columns} FROM oof_settings WHERE user_id = @UserId", new { UserId = userId }, null, cancellationToken).ConfigureAwait(false);
                return row?.ToSettings(Dialect) ?? OofSettings.Off;
            },
            cancellationToken);

    public Task<OofSettings> SetOofAsync(long userId, OofSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                var parameters = new
                {
                    UserId = userId,
                    Mode = (int)settings.Mode,
                    Start = settings.Start is { } start ? Dialect.ToDb(start) : null,
                    End = settings.End is { } end ? Dialect.ToDb(end) : null,
                    InternalEnabled = settings.Internal.Enabled,
                    InternalMessage = settings.Internal.Message,
                    InternalHtml = settings.Internal.IsHtml,
                    KnownEnabled = settings.ExternalKnown.Enabled,
                    KnownMessage = settings.ExternalKnown.Message,
                    KnownHtml = settings.ExternalKnown.IsHtml,
                    UnknownEnabled = settings.ExternalUnknown.Enabled,
                    UnknownMessage = settings.ExternalUnknown.Message,
                    UnknownHtml = settings.ExternalUnknown.IsHtml,
                    Now = Dialect.ToDb(database.Now()),
                };
                long generation;
                try
                {
                    generation = await connection.ScalarAsync<long>(
                        "INSERT INTO oof_settings (user_id, mode, start_time, end_time, internal_enabled, internal_message, internal_html, " +
                        "known_enabled, known_message, known_html, unknown_enabled, unknown_message, unknown_html, generation, updated_at) " +
                        "VALUES (@UserId, @Mode, @Start, @End, @InternalEnabled, @InternalMessage, @InternalHtml, @KnownEnabled, @KnownMessage, @KnownHtml, " +
                        "@UnknownEnabled, @UnknownMessage, @UnknownHtml, 1, @Now) " +
                        "ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, start_time = excluded.start_time, end_time = excluded.end_time, " +
                        "internal_enabled = excluded.internal_enabled, internal_message = excluded.internal_message, internal_html = excluded.internal_html, " +
                        "known_enabled = excluded.known_enabled, known_message = excluded.known_message, known_html = excluded.known_html, " +
                        "unknown_enabled = excluded.unknown_enabled, unknown_message = excluded.unknown_message, unknown_html = excluded.unknown_html, " +
                        "generation = oof_settings.generation + 1, updated_at = excluded.updated_at " +
                        "RETURNING generation",
                        parameters,
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.ForeignKeyViolation)
                {
                    throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
                }

                await connection.RunAsync(
                    "DELETE FROM oof_replies WHERE user_id = @UserId AND generation < @Generation",
                    new { UserId = userId, Generation = generation },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return settings with { Generation = generation };
            },
            cancellationToken);
    }

    public Task<bool> TryRecordOofReplyAsync(long userId, long generation, string senderAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(senderAddress);
        string key = senderAddress.Trim().ToLowerInvariant();
        return database.WriteAsync(
            async (connection, transaction) =>
                await connection.RunAsync(
                    "INSERT INTO oof_replies (user_id, generation, sender_key, sent_at) " +
                    "SELECT user_id, generation, @Sender, @Now FROM oof_settings WHERE user_id = @UserId AND generation = @Generation " +
                    "ON CONFLICT (user_id, generation, sender_key) DO NOTHING",
                    new { UserId = userId, Generation = generation, Sender = key, Now = Dialect.ToDb(database.Now()) },
                    transaction,
                    cancellationToken).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task SetRecoveryPasswordAsync(long deviceId, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        byte[]? sealedValue = password.Length == 0 ? null : sealer.Seal(deviceId, password);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                long exists = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM devices WHERE id = @Id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false);
                if (exists == 0)
                {
                    throw new MailboxException(MailboxErrorReason.ItemNotFound, $"There is no device {deviceId}.");
                }

                if (sealedValue is null)
                {
                    await connection.RunAsync("DELETE FROM device_recovery_passwords WHERE device_id = @Id", new { Id = deviceId }, transaction, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await connection.RunAsync(
                        "INSERT INTO device_recovery_passwords (device_id, sealed, set_at) VALUES (@Id, @Sealed, @Now) " +
                        "ON CONFLICT (device_id) DO UPDATE SET sealed = excluded.sealed, set_at = excluded.set_at",
                        new { Id = deviceId, Sealed = sealedValue, Now = Dialect.ToDb(database.Now()) },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
    }

    public async Task<string?> GetRecoveryPasswordAsync(long deviceId, CancellationToken cancellationToken)
    {
        byte[]? sealedValue = await database.ReadAsync(
            connection => connection.ScalarAsync<byte[]?>("SELECT sealed FROM device_recovery_passwords WHERE device_id = @Id", new { Id = deviceId }, null, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return sealedValue is null ? null : sealer.Open(deviceId, sealedValue);
    }
}
