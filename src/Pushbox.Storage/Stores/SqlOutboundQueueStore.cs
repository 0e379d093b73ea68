using Pushbox.Mailbox;
using Pushbox.Mailbox.Outbound;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IOutboundQueueStore"/> over the shared SQL layer. A claim selects due, unleased rows and stamps
/// them with the holder in one write transaction: on PostgreSQL the select locks the rows and skips those
/// another claimer has locked (<see cref="SqlDialect.ForUpdateSkipLocked"/>); on SQLite the single writer
/// makes the two statements one step. Completion and rescheduling check the holder, so a sender whose
/// lease lapsed (and whose message another sender took) changes nothing.
/// </summary>
internal sealed class SqlOutboundQueueStore(PushboxDatabase database) : IOutboundQueueStore
{
    /// <summary>The longest error text kept: the relay's reply line, not a transcript.</summary>
    private const int MaxErrorLength = 1000;

    private SqlDialect Dialect => database.Dialect;

    public Task<QueuedMessage> EnqueueAsync(NewQueuedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Recipients is not { Count: > 0 })
        {
            throw new ArgumentException("A queued message needs at least one recipient.", nameof(message));
        }

        object now = Dialect.ToDb(database.Now());
        return database.WriteAsync(
            async (connection, transaction) => (await connection.RowAsync<QueueRow>(
                "INSERT INTO outbound_queue (blob_hash, size, reverse_path, recipients, created_at, next_attempt_at, attempts, last_error) " +
                "VALUES (@BlobHash, @Size, @ReversePath, @Recipients, @Now, @Now, 0, '') " +
                $"RETURNING {QueueRow.Columns}",
                new { message.BlobHash, message.Size, ReversePath = message.ReversePath ?? string.Empty, Recipients = QueueRow.RecipientsJson(message.Recipients), Now = now },
                transaction,
                cancellationToken).ConfigureAwait(false))!.ToMessage(Dialect),
            cancellationToken);
    }

    public Task<IReadOnlyList<QueuedMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        object at = Dialect.ToDb(Truncate(now));
        object until = Dialect.ToDb(Truncate(now + lease));
        return database.WriteAsync<IReadOnlyList<QueuedMessage>>(
            async (connection, transaction) =>
            {
                long[] ids = (await connection.RowsAsync<long>(
                    "SELECT id FROM outbound_queue WHERE next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until <= @Now) " +
                    $"ORDER BY next_attempt_at, id LIMIT @Max{Dialect.ForUpdateSkipLocked}",
                    new { Now = at, Max = max },
                    transaction,
                    cancellationToken).ConfigureAwait(false)).ToArray();
                if (ids.Length == 0)
                {
                    return [];
                }

                IEnumerable<QueueRow> rows = await connection.RowsAsync<QueueRow>(
                    "UPDATE outbound_queue SET lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1 " +
                    $"WHERE {Dialect.InList("id", "@Ids")} RETURNING {QueueRow.Columns}",
                    new { Owner = owner, Until = until, Ids = ids },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return rows.Select(r => r.ToMessage(Dialect)).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToList();
            },
            cancellationToken);
    }

    public Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "DELETE FROM outbound_queue WHERE id = @Id AND lease_owner = @Owner",
                new { Id = id, Owner = owner },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<IReadOnlyList<long>> CompleteAsync(IReadOnlyCollection<long> ids, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        return database.WriteAsync<IReadOnlyList<long>>(
            async (connection, transaction) => (await connection.RowsAsync<long>(
                $"DELETE FROM outbound_queue WHERE {Dialect.InList("id", "@Ids")} AND lease_owner = @Owner RETURNING id",
                new { Ids = ids.ToArray(), Owner = owner },
                transaction,
                cancellationToken).ConfigureAwait(false)).ToList(),
            cancellationToken);
    }

    public Task<IReadOnlyList<long>> RenewAsync(IReadOnlyCollection<long> ids, string owner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<long>>([]);
        }

        // Holding means being the owner: a lapsed lease nobody else claimed is still this sender's to renew.
        return database.WriteAsync<IReadOnlyList<long>>(
            async (connection, transaction) => (await connection.RowsAsync<long>(
                $"UPDATE outbound_queue SET lease_until = @Until WHERE {Dialect.InList("id", "@Ids")} AND lease_owner = @Owner RETURNING id",
                new { Ids = ids.ToArray(), Owner = owner, Until = Dialect.ToDb(Truncate(until)) },
                transaction,
                cancellationToken).ConfigureAwait(false)).ToList(),
            cancellationToken);
    }

    public Task<bool> RescheduleAsync(long id, string owner, IReadOnlyList<string> recipients, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("A rescheduled message needs at least one recipient; complete it instead.", nameof(recipients));
        }

        string error = lastError ?? string.Empty;
        if (error.Length > MaxErrorLength)
        {
            error = error[..MaxErrorLength];
        }

        return database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE outbound_queue SET recipients = @Recipients, next_attempt_at = @Next, last_error = @Error, lease_owner = NULL, lease_until = NULL " +
                "WHERE id = @Id AND lease_owner = @Owner",
                new { Id = id, Owner = owner, Recipients = QueueRow.RecipientsJson(recipients), Next = Dialect.ToDb(Truncate(nextAttemptAt)), Error = error },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);
    }

    public Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                object? next = await connection.ScalarAsync<object?>(
                    "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END) FROM outbound_queue",
                    null,
                    null,
                    cancellationToken).ConfigureAwait(false);
                return next is null or DBNull ? (DateTimeOffset?)null : Dialect.FromDb(next);
            },
            cancellationToken);

    public Task<IReadOnlyList<QueuedMessage>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<QueuedMessage>>(
            async connection => (await connection.RowsAsync<QueueRow>(
                $"SELECT {QueueRow.Columns} FROM outbound_queue ORDER BY id",
                null,
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => r.ToMessage(Dialect)).ToList(),
            cancellationToken);

    public Task<bool> RetryNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE outbound_queue SET next_attempt_at = @Now WHERE id = @Id",
                new { Id = id, Now = Dialect.ToDb(Truncate(now)) },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<bool> RemoveAsync(long id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "DELETE FROM outbound_queue WHERE id = @Id",
                new { Id = id },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
