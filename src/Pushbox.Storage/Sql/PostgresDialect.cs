using System.Buffers.Binary;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Pushbox.Storage.Sql;

/// <summary>
/// PostgreSQL: READ COMMITTED transactions made safe by row locks (the folder row for its modification
/// sequence, the user row for the hierarchy, <c>FOR UPDATE</c> on an item being changed) and by
/// transaction-scoped advisory locks where a check spans two tables (addresses) or the schema itself
/// (migrations). Timestamps are <c>timestamptz</c>; lists bind as arrays.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    // Advisory lock keys. The one-key (bigint) and two-key (int, int) spaces of PostgreSQL are distinct;
    // migrations use the first, addresses the second with their own class id.
    private const long MigrationLockKey = 0x50757368_626F7801; // "Pushbox" + 1
    private const int AddressLockClass = 0x50420001;

    private readonly NpgsqlDataSource dataSource;

    public PostgresDialect(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        DisplayName = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} at {builder.Host}:{builder.Port}";
        dataSource = NpgsqlDataSource.Create(builder);

        // The listener holds one connection for as long as the process runs: outside the pool, and with the
        // password (a data source's ConnectionString leaves it out).
        ListenerConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString;
    }

    public override StorageProvider Provider => StorageProvider.Postgres;

    public override string MigrationFolder => "Postgres";

    public override string DisplayName { get; }

    public override string MigrationsTableSql => "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL);";

    public override string TableExistsSql => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @Name";

    public override string ForUpdate => " FOR UPDATE";

    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    // Deadlocks and serialization failures are detected at once; a retry usually succeeds.
    public override int MaxWriteAttempts => 5;

    public override DbConnection CreateConnection() => dataSource.CreateConnection();

    /// <summary>Names this store's notifications, so that its listener skips what this process announced itself.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>The connection string of the notification listener's own long-lived connection.</summary>
    public string ListenerConnectionString { get; }

    public override async Task NotifyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<Pushbox.Mailbox.Changes.MailboxChange> changes, CancellationToken cancellationToken)
    {
        foreach (string payload in ChangeNotifications.Encode(Origin, changes))
        {
            await connection.RunAsync("SELECT pg_notify(@Channel, @Payload)", new { ChangeNotifications.Channel, Payload = payload }, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override async Task LockAddressAsync(DbConnection connection, DbTransaction transaction, string addressKey, CancellationToken cancellationToken)
    {
        int key = BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(addressKey)));
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@c, @k)", [("c", AddressLockClass), ("k", key)], cancellationToken).ConfigureAwait(false);
    }

    public override Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@k)", [("k", MigrationLockKey)], cancellationToken);

    // Dapper binds a list as one array parameter for Npgsql.
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override object ToDb(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset FromDb(object value) => value switch
    {
        DateTimeOffset o => o.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"A timestamp column returned {value.GetType().Name}."),
    };

    public override DbErrorKind Classify(DbException exception) => exception is PostgresException e
        ? e.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => DbErrorKind.UniqueViolation,
            PostgresErrorCodes.ForeignKeyViolation => DbErrorKind.ForeignKeyViolation,
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable => DbErrorKind.Conflict,
            _ => DbErrorKind.Other,
        }
        : DbErrorKind.Other;

    public override void Dispose() => dataSource.Dispose();

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
