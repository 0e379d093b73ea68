using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pushbox.Storage.Sql;

/// <summary>
/// SQLite: one file, WAL so readers never wait for the writer, <c>synchronous=FULL</c> so a committed
/// transaction survives power loss, foreign keys on, and a busy timeout so the server and the admin CLI
/// can share the file. Writers are serialised by the database (BEGIN IMMEDIATE), which is why the
/// lock methods do nothing here. Timestamps are INTEGER microseconds since the Unix epoch.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    // SQLite result codes (https://sqlite.org/rescode.html).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private readonly string connectionString;
    private readonly string initializeSql;

    public SqliteDialect(string databasePath, TimeSpan busyTimeout)
    {
        DatabasePath = databasePath;
        int busyMilliseconds = (int)busyTimeout.TotalMilliseconds;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // The driver's own wait for a locked database, in seconds; the pragma below makes SQLite wait too.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();

        // Per connection, not stored in the file: run on every open (pooled connections keep them, cheaply reset).
        initializeSql = string.Create(CultureInfo.InvariantCulture, $"PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = {busyMilliseconds};");
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string MigrationFolder => "Sqlite";

    public override string DisplayName => $"SQLite database {DatabasePath}";

    public override string MigrationsTableSql => "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);";

    public override string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Name";

    public override string ForUpdate => string.Empty;

    public override string ForUpdateSkipLocked => string.Empty;

    // SQLITE_BUSY reaches us only after SQLite has waited the whole busy timeout: one more try, not five.
    public override int MaxWriteAttempts => 2;

    public override DbConnection CreateConnection() => new SqliteConnection(connectionString);

    public override async Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.CommandText = initializeSql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL is a property of the file: set once, it stays for every later connection and process.
        using DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        object? mode = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException($"The {DisplayName} cannot use write-ahead logging (journal mode stays '{mode}'); put the data folder on a local file system.");
        }
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // BEGIN IMMEDIATE: take the write lock now (waiting up to the busy timeout) rather than at the first
        // write, where a deferred transaction that has read an older snapshot could only fail.
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
    }

    public override Task LockAddressAsync(DbConnection connection, DbTransaction transaction, string addressKey, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public override Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    // Dapper expands a list parameter into (@p1, @p2, …) for SQLite.
    public override string InList(string column, string parameter) => $"{column} IN {parameter}";

    public override object ToDb(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public override DateTimeOffset FromDb(object value) =>
        DateTimeOffset.UnixEpoch.AddTicks(Convert.ToInt64(value, CultureInfo.InvariantCulture) * TimeSpan.TicksPerMicrosecond);

    // Microsoft.Data.Sqlite's pool is per connection string and lives with the process; nothing to release.
    public override void Dispose()
    {
    }

    public override DbErrorKind Classify(DbException exception) => exception is SqliteException e
        ? e.SqliteExtendedErrorCode switch
        {
            SqliteConstraintUnique or SqliteConstraintPrimaryKey => DbErrorKind.UniqueViolation,
            SqliteConstraintForeignKey => DbErrorKind.ForeignKeyViolation,
            _ => e.SqliteErrorCode is SqliteBusy or SqliteLocked ? DbErrorKind.Conflict : DbErrorKind.Other,
        }
        : DbErrorKind.Other;
}
