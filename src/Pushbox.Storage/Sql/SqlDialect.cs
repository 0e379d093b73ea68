using System.Data.Common;

namespace Pushbox.Storage.Sql;

/// <summary>
/// What differs between the databases, and nothing else: how to open and prepare a connection, start
/// a write transaction, take the locks SQLite gets for free from its single writer, bind lists and
/// timestamps, and read the provider's errors. Every query lives in the shared repositories; a
/// dialect holds fragments only.
/// </summary>
internal abstract class SqlDialect : IDisposable
{
    /// <summary>The provider this dialect speaks.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>The folder under <c>Migrations/</c> whose scripts build this dialect's schema.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>Names the database for messages: a path or host/port/database, never a password.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Creates the <c>schema_migrations</c> table when missing (the one table outside the migration scripts).</summary>
    public abstract string MigrationsTableSql { get; }

    /// <summary>A query counting the tables named <c>@Name</c> in the database (0 or 1).</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>Appended to a single-table SELECT that reads a row the transaction is about to change.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>
    /// Appended to a single-table SELECT that claims rows of a work queue: locks them and passes over rows
    /// another transaction holds (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>); nothing for SQLite, whose
    /// single writer already makes the claim atomic.
    /// </summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>How often a write transaction runs before a lock or serialization conflict is given up as <see cref="Mailbox.MailboxErrorReason.Conflict"/>.</summary>
    public abstract int MaxWriteAttempts { get; }

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection CreateConnection();

    /// <summary>Runs the per-connection settings after open (pragmas for SQLite).</summary>
    public abstract Task InitializeConnectionAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Once per database before migrating: settings that persist in the database itself (SQLite's WAL mode).</summary>
    public abstract Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Starts a transaction that will write: SQLite takes the write lock at once (BEGIN IMMEDIATE), so it never fails half way on an upgrade.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises writers that check and then claim an address (user addresses and aliases live in two
    /// tables, so no single unique index covers both). Held until the transaction ends.
    /// </summary>
    public abstract Task LockAddressAsync(DbConnection connection, DbTransaction transaction, string addressKey, CancellationToken cancellationToken);

    /// <summary>Serialises schema migration across processes; held until the transaction ends.</summary>
    public abstract Task LockMigrationsAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>A condition "<paramref name="column"/> is one of the list bound to <paramref name="parameter"/>" (bind a <c>string[]</c> or <c>long[]</c>).</summary>
    public abstract string InList(string column, string parameter);

    /// <summary>The value to bind for a timestamp column (already truncated to microseconds by the caller).</summary>
    public abstract object ToDb(DateTimeOffset value);

    /// <summary>A timestamp column's value as read.</summary>
    public abstract DateTimeOffset FromDb(object value);

    /// <summary>What a provider exception means.</summary>
    public abstract DbErrorKind Classify(DbException exception);

    /// <summary>Releases pooled connections.</summary>
    /// <summary>
    /// Announces <paramref name="changes"/> to the other server processes when <paramref name="transaction"/> commits
    /// (PostgreSQL NOTIFY); nothing for an embedded database, whose changes only this process makes.
    /// </summary>
    public virtual Task NotifyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<Pushbox.Mailbox.Changes.MailboxChange> changes, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public abstract void Dispose();
}
