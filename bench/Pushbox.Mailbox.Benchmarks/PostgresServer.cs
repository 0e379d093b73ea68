using Npgsql;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// The PostgreSQL server the benchmark creates its databases on (connection string from
/// <see cref="BenchSettings.PostgresVariable"/>). Admin statements run over unpooled connections to
/// the <c>postgres</c> database, so that nothing stays connected to a database being dropped.
/// </summary>
internal sealed class PostgresServer(string connectionString)
{
    private readonly NpgsqlConnectionStringBuilder admin = new(connectionString)
    {
        Database = "postgres",
        Pooling = false,
        Timeout = 5,
    };

    /// <summary>Where the server is, for messages (never the password).</summary>
    public string Describe() => $"{admin.Host}:{admin.Port} as {admin.Username}";

    /// <summary>Creates an empty database with a random name and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        // A random lower-case name needs no quoting and collides with nothing, including a parallel run.
        string name = "pushbox_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken);
        return name;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>, disconnecting whoever still uses it.</summary>
    public Task DropDatabaseAsync(string name) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);

    /// <summary>
    /// Makes commits in <paramref name="database"/> return before their WAL is flushed (for connections
    /// opened from now on). Only for the diagnostic run that shows what the flush costs.
    /// </summary>
    public Task DisableCommitFlushAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER DATABASE {database} SET synchronous_commit = off", cancellationToken);

    /// <summary>The connection string Pushbox gets for <paramref name="database"/>: pooled, as in production.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, Pooling = true, Timeout = 15 }.ConnectionString;

    /// <summary>
    /// The server-wide WAL counters (<c>pg_stat_wal</c>) and the commits of <paramref name="database"/>:
    /// their difference over a run says how many WAL flushes (fdatasync) its commits caused.
    /// </summary>
    public async Task<WalCounters> ReadWalCountersAsync(string database, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);

            // pg_stat_database is refreshed when a backend's transaction ends, so one read per snapshot is consistent enough.
            await using var command = new NpgsqlCommand(
                "SELECT w.wal_records, w.wal_bytes::bigint, w.wal_write, w.wal_sync, d.xact_commit " +
                "FROM pg_stat_wal w, pg_stat_database d WHERE d.datname = @name",
                connection);
            command.Parameters.AddWithValue("name", database);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new WalCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))
                : throw new InvalidOperationException($"PostgreSQL has no statistics for database {database}.");
        }
    }

    /// <summary>
    /// <see cref="ReadWalCountersAsync"/> once every backend has reported: PostgreSQL 15 keeps a busy
    /// backend's counters for up to a second and an idle one's for up to 10 s before publishing them,
    /// so the caller must be idle and this waits 11 s first.
    /// </summary>
    public async Task<WalCounters> ReadSettledWalCountersAsync(string database, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(11), cancellationToken);
        return await ReadWalCountersAsync(database, cancellationToken);
    }

    /// <summary>Opens the server once, to fail early with a readable message; returns its version.</summary>
    public async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = new NpgsqlConnection(admin.ConnectionString);
            await using (connection)
            {
                await connection.OpenAsync(cancellationToken);
                return connection.PostgreSqlVersion.ToString();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable at {Describe()}: {e.Message}. Start it (.ci/run does), point {BenchSettings.PostgresVariable} at one, or run with --db sqlite.",
                e);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
