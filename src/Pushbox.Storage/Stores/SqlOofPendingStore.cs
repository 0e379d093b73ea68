using System.Text.Json;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IOofPendingStore"/> over the shared SQL layer, claimed as <see cref="SqlOutboundQueueStore"/> claims: select
/// unleased rows (skipping rows another claimer has locked on PostgreSQL) and stamp them in one write transaction.
/// </summary>
internal sealed class SqlOofPendingStore(PushboxDatabase database) : IOofPendingStore
{
    private const string Columns = "id AS Id, blob_hash AS BlobHash, reverse_path AS ReversePath, user_ids AS UserIds, attempts AS Attempts";

    private SqlDialect Dialect => database.Dialect;

    public Task AddAsync(string blobHash, string reversePath, IReadOnlyList<long> userIds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobHash);
        ArgumentException.ThrowIfNullOrEmpty(reversePath);
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count == 0)
        {
            throw new ArgumentException("A pending reply needs at least one user.", nameof(userIds));
        }

        string users = JsonSerializer.Serialize(userIds.ToArray(), StorageJson.Default.Int64Array);
        return database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "INSERT INTO oof_pending (blob_hash, reverse_path, user_ids, created_at, attempts) VALUES (@BlobHash, @ReversePath, @Users, @Now, 0)",
                new { BlobHash = blobHash, ReversePath = reversePath, Users = users, Now = Dialect.ToDb(database.Now()) },
                transaction,
                cancellationToken).ConfigureAwait(false),
            cancellationToken);
    }

    public Task<IReadOnlyList<PendingOofReply>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        object at = Dialect.ToDb(now);
        object until = Dialect.ToDb(now + lease);
        return database.WriteAsync<IReadOnlyList<PendingOofReply>>(
            async (connection, transaction) =>
            {
                long[] ids = (await connection.RowsAsync<long>(
                    "SELECT id FROM oof_pending WHERE lease_until IS NULL OR lease_until <= @Now " +
                    $"ORDER BY id LIMIT @Max{Dialect.ForUpdateSkipLocked}",
                    new { Now = at, Max = max },
                    transaction,
                    cancellationToken).ConfigureAwait(false)).ToArray();
                if (ids.Length == 0)
                {
                    return [];
                }

                IEnumerable<Row> rows = await connection.RowsAsync<Row>(
                    "UPDATE oof_pending SET lease_owner = @Owner, lease_until = @Until, attempts = attempts + 1 " +
                    $"WHERE {Dialect.InList("id", "@Ids")} RETURNING {Columns}",
                    new { Owner = owner, Until = until, Ids = ids },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return rows.OrderBy(r => r.Id).Select(r => r.ToPending()).ToList();
            },
            cancellationToken);
    }

    public Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "DELETE FROM oof_pending WHERE id = @Id AND lease_owner = @Owner",
                new { Id = id, Owner = owner },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<bool> ReleaseAsync(long id, string owner, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "UPDATE oof_pending SET lease_owner = NULL, lease_until = NULL WHERE id = @Id AND lease_owner = @Owner",
                new { Id = id, Owner = owner },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection => (int)await connection.ScalarAsync<long>("SELECT COUNT(*) FROM oof_pending", null, null, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <summary>A row of <c>oof_pending</c> (Dapper fills it).</summary>
    private sealed class Row
    {
        public long Id { get; set; }

        public string BlobHash { get; set; } = string.Empty;

        public string ReversePath { get; set; } = string.Empty;

        public string UserIds { get; set; } = "[]";

        public int Attempts { get; set; }

        public PendingOofReply ToPending() =>
            new(Id, BlobHash, ReversePath, JsonSerializer.Deserialize(UserIds, StorageJson.Default.Int64Array) ?? [], Attempts);
    }
}
