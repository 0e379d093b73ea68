using Pushbox.Mailbox;
using Pushbox.Mailbox.Quotas;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>The mailbox sizes: <c>mailbox_usage</c>, kept by the item writes (<see cref="UsageDeltaSql"/>), read by primary key.</summary>
internal sealed partial class SqlMailboxStore
{
    public Task<MailboxUsage?> GetMailboxUsageAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection => (await connection.RowAsync<UsageRow>(
                $"SELECT {UsageRow.Columns} FROM users u LEFT JOIN mailbox_usage m ON m.user_id = u.id WHERE u.id = @UserId",
                new { UserId = userId },
                null,
                cancellationToken).ConfigureAwait(false))?.ToUsage(),
            cancellationToken);

    public Task<IReadOnlyList<MailboxUsage>> ListMailboxUsageAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<MailboxUsage>>(
            async connection => (await connection.RowsAsync<UsageRow>(
                $"SELECT {UsageRow.Columns} FROM users u LEFT JOIN mailbox_usage m ON m.user_id = u.id ORDER BY u.id",
                null,
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => r.ToUsage()).ToList(),
            cancellationToken);

    public Task<bool> TryMarkQuotaWarnedAsync(long userId, long warningBytes, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE mailbox_usage SET warned_at = @Warning WHERE user_id = @UserId AND warned_at IS NULL AND bytes >= @Warning",
                new { UserId = userId, Warning = warningBytes },
                transaction,
                cancellationToken).ConfigureAwait(false) == 1,
            cancellationToken);

    public Task ClearQuotaWarningAsync(long userId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction) => connection.RunAsync("UPDATE mailbox_usage SET warned_at = NULL WHERE user_id = @UserId", new { UserId = userId }, transaction, cancellationToken),
            cancellationToken);

    public Task<long> RecountMailboxSizeAsync(long userId, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await connection.ScalarAsync<long?>("SELECT id FROM users WHERE id = @UserId", new { UserId = userId }, transaction, cancellationToken).ConfigureAwait(false)
                    ?? throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");

                // Take the usage row first (an item write takes it last, after its items): a write that has not reached
                // it yet commits its items after the sum below and then adds its own delta; one that has, commits first.
                await connection.RunAsync(UsageDeltaSql, new { UserId = userId, Delta = 0 }, transaction, cancellationToken).ConfigureAwait(false);
                long bytes = await connection.ScalarAsync<long>(
                    "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM items WHERE user_id = @UserId",
                    new { UserId = userId },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                await connection.RunAsync(
                    "UPDATE mailbox_usage SET bytes = @Bytes, warned_at = CASE WHEN @Bytes < warned_at THEN NULL ELSE warned_at END WHERE user_id = @UserId",
                    new { UserId = userId, Bytes = bytes },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return bytes;
            },
            cancellationToken);
}
