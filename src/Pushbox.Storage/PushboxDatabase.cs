using System.Data.Common;
using Dapper;
using System.Runtime.CompilerServices;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Changes;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage;

/// <summary>
/// The Pushbox database (SQLite or PostgreSQL, see <see cref="StorageOptions"/>): its schema and the
/// connections the stores use. Registered by <see cref="StorageServiceCollectionExtensions.AddPushboxStorage"/>;
/// the <c>serve</c> and <c>migrate</c> verbs call <see cref="MigrateAsync"/> before anything else.
/// Thread-safe; holds no connection between operations (the provider pools them).
/// </summary>
public sealed class PushboxDatabase : IDisposable
{
    private readonly IReadOnlyList<Migration> migrations;
    private readonly string dataDirectory;
    private volatile bool dataDirectoryExists;

    internal PushboxDatabase(StorageOptions options, TimeProvider time, IChangeNotifier? notifier = null)
    {
        Notifier = notifier ?? new ChangeHub();
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        dataDirectory = Path.GetFullPath(options.DataDirectory);
        Dialect = options.Provider == StorageProvider.Postgres
            ? new PostgresDialect(options.ConnectionString!)
            : new SqliteDialect(Path.Combine(dataDirectory, StorageOptions.SqliteFileName), options.BusyTimeout);
        Time = time;
        Relay = options.Provider == StorageProvider.Sqlite ? new SqliteChangeRelay(dataDirectory) : null;
        migrations = Migration.Load(Dialect.MigrationFolder);
    }

    /// <summary>The database in use.</summary>
    public StorageProvider Provider => Dialect.Provider;

    /// <summary>The schema version this Pushbox builds (the highest migration it carries).</summary>
    public int LatestSchemaVersion => migrations[^1].Version;

    internal SqlDialect Dialect { get; }

    internal TimeProvider Time { get; }

    /// <summary>Where committed changes are announced in this process (and, with PostgreSQL, to the other processes).</summary>
    internal IChangeNotifier Notifier { get; }

    /// <summary>With SQLite, carries committed changes to the server process when this is another one (the CLI); null with PostgreSQL, whose NOTIFY does that.</summary>
    internal SqliteChangeRelay? Relay { get; }

    /// <summary>The changes each open write transaction has made, announced when it commits.</summary>
    private readonly ConditionalWeakTable<DbTransaction, List<MailboxChange>> _changes = [];

    /// <summary>The unit of work (<see cref="RunUnitAsync"/>) the current flow runs in, if any.</summary>
    private readonly AsyncLocal<UnitOfWork?> _unit = new();

    /// <summary>Records that <paramref name="transaction"/> changed something; announced only if it commits.</summary>
    internal void Changed(DbTransaction transaction, MailboxChange change)
    {
        List<MailboxChange> list = _changes.GetOrCreateValue(transaction);
        if (!list.Contains(change))
        {
            list.Add(change);
        }
    }

    /// <summary>
    /// Brings the schema to <see cref="LatestSchemaVersion"/>: applies the missing migrations in order,
    /// each in its own transaction, and returns how many it applied (0 when the schema was current).
    /// Safe to run again and from several processes at once: they take turns (PostgreSQL: an advisory
    /// lock; SQLite: the write lock) and a migration is applied once.
    /// </summary>
    /// <exception cref="StorageException">The database is unreachable, or its schema is newer than this Pushbox.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await Dialect.PrepareDatabaseAsync(connection, cancellationToken).ConfigureAwait(false);
                int applied = 0;
                foreach (Migration migration in migrations)
                {
                    if (await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false))
                    {
                        applied++;
                    }
                }

                // A newer Pushbox may have migrated further; refuse to run an old one against it.
                await ApplyAsync(connection, null, cancellationToken).ConfigureAwait(false);
                return applied;
            }
        }
        catch (DbException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>The schema version of the database: 0 when it has never been migrated.</summary>
    /// <exception cref="StorageException">The database is unreachable.</exception>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync(
            async connection =>
            {
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(Dialect.TableExistsSql, new { Name = "schema_migrations" }, cancellationToken: cancellationToken)).ConfigureAwait(false) == 0)
                {
                    return 0;
                }

                return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Releases pooled connections.</summary>
    public void Dispose() => Dialect.Dispose();

    /// <summary>Now, truncated to the microsecond that both databases keep, so what a write returns equals what a read gives back.</summary>
    internal DateTimeOffset Now()
    {
        DateTimeOffset now = Time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Opens a connection with the dialect's per-connection settings applied.</summary>
    internal async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!dataDirectoryExists && Dialect.Provider == StorageProvider.Sqlite)
        {
            // SQLite creates the database file on first open, but not the folder it goes in.
            Directory.CreateDirectory(dataDirectory);
            dataDirectoryExists = true;
        }

        DbConnection connection = Dialect.CreateConnection();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await Dialect.InitializeConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs reads on one connection; provider errors become <see cref="StorageException"/>.</summary>
    internal async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection).ConfigureAwait(false);
            }
        }
        catch (DbException e)
        {
            throw Failure(e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. A lock or serialization
    /// conflict with another writer rolls back and runs the work again (up to
    /// <see cref="SqlDialect.MaxWriteAttempts"/> times, with a growing pause), then gives up with <see cref="MailboxErrorReason.Conflict"/>. A <see cref="MailboxException"/>
    /// from the work rolls back and propagates; a unique or foreign-key violation the work did not map
    /// itself, and any other provider error, becomes a <see cref="StorageException"/>.
    /// </summary>
    internal async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_unit.Value is { } unit)
        {
            try
            {
                return await unit.RunAsync(work, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (Dialect.Classify(e) != DbErrorKind.Conflict)
            {
                // A conflict goes up unchanged: the unit's own WriteAsync runs the whole unit again.
                throw Failure(e);
            }
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                DbConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    DbTransaction transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        T result = await work(connection, transaction).ConfigureAwait(false);
                        _changes.TryGetValue(transaction, out List<MailboxChange>? changes);
                        _changes.Remove(transaction);
                        if (changes is { Count: > 0 })
                        {
                            // PostgreSQL delivers the notification to every listening process at commit, or never.
                            await Dialect.NotifyAsync(connection, transaction, changes, cancellationToken).ConfigureAwait(false);
                        }

                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        if (changes is { Count: > 0 })
                        {
                            Notifier.Publish(changes);
                            Relay?.Send(changes);
                        }

                        return result;
                    }
                }
            }
            catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.Conflict)
            {
                if (attempt >= Dialect.MaxWriteAttempts)
                {
                    throw new MailboxException(MailboxErrorReason.Conflict, $"Another writer kept changing the same records ({attempt} attempts); try again.");
                }
            }
            catch (DbException e)
            {
                throw Failure(e);
            }

            // 10, 20, 40, 80 ms, with jitter so that two losers do not collide again in step.
            TimeSpan pause = TimeSpan.FromMilliseconds((10 << (attempt - 1)) * (0.5 + Random.Shared.NextDouble()));
            await Task.Delay(pause, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one write transaction: every <see cref="WriteAsync"/> of any store it calls (on this
    /// flow) joins it, each in a savepoint (a failure the work catches undoes only that write), and all of them commit
    /// together or not at all. A conflict anywhere rolls everything back and runs the whole work again (see
    /// <see cref="WriteAsync"/>), so the work must have no effect outside the database but through
    /// <see cref="AfterCommit"/>. Reads (<see cref="ReadAsync"/>) use a connection of their own and see only committed
    /// data. Called inside a unit, it joins that unit.
    /// </summary>
    internal async Task<T> RunUnitAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_unit.Value is not null)
        {
            return await work(cancellationToken).ConfigureAwait(false);
        }

        UnitOfWork? committed = null;
        T result = await WriteAsync(
            async (connection, transaction) =>
            {
                var unit = new UnitOfWork(connection, transaction);
                _unit.Value = unit;
                try
                {
                    T value = await work(cancellationToken).ConfigureAwait(false);
                    committed = unit;
                    return value;
                }
                finally
                {
                    _unit.Value = null;
                }
            },
            cancellationToken).ConfigureAwait(false);
        committed?.Committed();
        return result;
    }

    /// <summary>Runs <paramref name="action"/> once the current unit of work commits (never if it rolls back); at once outside a unit.</summary>
    internal void AfterCommit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (_unit.Value is { } unit)
        {
            unit.OnCommitted(action);
        }
        else
        {
            action();
        }
    }

    private async Task<bool> ApplyAsync(DbConnection connection, Migration? migration, CancellationToken cancellationToken)
    {
        DbTransaction transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await Dialect.LockMigrationsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(Dialect.MigrationsTableSql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            int current = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (current > LatestSchemaVersion)
            {
                throw new StorageException($"The {Dialect.DisplayName} has schema version {current}, newer than this Pushbox knows ({LatestSchemaVersion}); run the newer Pushbox that migrated it.");
            }

            if (migration is null || current >= migration.Version)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            if (current != migration.Version - 1)
            {
                throw new StorageException($"The {Dialect.DisplayName} has schema version {current}, but migration {migration.Name} needs {migration.Version - 1}.");
            }

            await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = Dialect.ToDb(Now()) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private StorageException Failure(DbException e) => new($"The {Dialect.DisplayName} failed: {e.Message}", e);
}
