using Pushbox.Mailbox;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary><see cref="ISentClientIdStore"/> over the shared SQL layer: one row per (user, device, ClientId), its primary key. A second insert of the same key waits for the first (its row lock on PostgreSQL, the single writer on SQLite) and then does nothing, which is how a concurrent duplicate learns it is one.</summary>
internal sealed class SqlSentClientIdStore(PushboxDatabase database) : ISentClientIdStore
{
    private SqlDialect Dialect => database.Dialect;

    public Task<bool> ContainsAsync(long userId, string deviceId, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(clientId);
        return database.ReadAsync(
            async connection => await connection.ScalarAsync<long>(
                "SELECT COUNT(*) FROM sent_client_ids WHERE user_id = @UserId AND device_id = @DeviceId AND client_id = @ClientId",
                new { UserId = userId, DeviceId = deviceId, ClientId = clientId },
                null,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);
    }

    public Task<bool> TryRecordAsync(long userId, string deviceId, string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(clientId);
        DateTimeOffset now = database.Now();
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                await connection.RunAsync(
                    "DELETE FROM sent_client_ids WHERE user_id = @UserId AND created_at < @Cutoff",
                    new { UserId = userId, Cutoff = Dialect.ToDb(now - ISentClientIdStore.Retention) },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return await connection.RunAsync(
                    "INSERT INTO sent_client_ids (user_id, device_id, client_id, created_at) VALUES (@UserId, @DeviceId, @ClientId, @Now) " +
                    "ON CONFLICT (user_id, device_id, client_id) DO NOTHING",
                    new { UserId = userId, DeviceId = deviceId, ClientId = clientId, Now = Dialect.ToDb(now) },
                    transaction,
                    cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }
}
