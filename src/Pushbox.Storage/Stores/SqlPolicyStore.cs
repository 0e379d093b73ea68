using System.Data.Common;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Policies;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IPolicyStore"/> over the shared SQL layer. Names are matched by a lower-cased key column
/// with a unique index. At most one default is enforced by a partial unique index; a policy in use cannot
/// vanish under a concurrent assignment because the delete locks the policy row before counting its
/// users, and an assignment's foreign-key check waits for that lock (SQLite: one writer at a time).
/// </summary>
internal sealed class SqlPolicyStore(PushboxDatabase database) : IPolicyStore
{
    private SqlDialect Dialect => database.Dialect;

    public Task<IReadOnlyList<Policy>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Policy>>(
            async connection => (await connection.RowsAsync<PolicyRow>(
                $"SELECT {PolicyRow.Columns} FROM policies ORDER BY name_key, id",
                null,
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => r.ToPolicy(Dialect)).ToList(),
            cancellationToken);

    public Task<Policy?> GetAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = NameKey(name.Trim());
        return database.ReadAsync(
            async connection => (await connection.RowAsync<PolicyRow>(
                $"SELECT {PolicyRow.Columns} FROM policies WHERE name_key = @Key",
                new { Key = key },
                null,
                cancellationToken).ConfigureAwait(false))?.ToPolicy(Dialect),
            cancellationToken);
    }

    public Task<Policy> SaveAsync(string name, string settingsJson, bool allowNonProvisionableDevices, CancellationToken cancellationToken)
    {
        string trimmed = ValidateName(name);
        ArgumentNullException.ThrowIfNull(settingsJson);
        DateTimeOffset now = database.Now();
        return database.WriteAsync(
            async (connection, transaction) => (await connection.RowAsync<PolicyRow>(
                "INSERT INTO policies (name, name_key, is_default, settings, version, allow_non_provisionable, updated_at) " +
                "VALUES (@Name, @Key, @IsDefault, @Settings, 1, @Allow, @Now) " +
                "ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, settings = excluded.settings, " +
                "allow_non_provisionable = excluded.allow_non_provisionable, version = policies.version + 1, updated_at = excluded.updated_at " +
                $"RETURNING {PolicyRow.Columns}",
                new { Name = trimmed, Key = NameKey(trimmed), IsDefault = false, Settings = settingsJson, Allow = allowNonProvisionableDevices, Now = Dialect.ToDb(now) },
                transaction,
                cancellationToken).ConfigureAwait(false))!.ToPolicy(Dialect),
            cancellationToken);
    }

    public Task SetDefaultAsync(string? name, CancellationToken cancellationToken)
    {
        string? key = name is null ? null : NameKey(name.Trim());
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                // Two statements, clear then set: a unique index is checked row by row, so one UPDATE
                // flipping both rows could trip over the old default still being set.
                await connection.RunAsync("UPDATE policies SET is_default = @False WHERE is_default = @True", new { False = false, True = true }, transaction, cancellationToken).ConfigureAwait(false);
                if (key is null)
                {
                    return true;
                }

                int rows;
                try
                {
                    rows = await connection.RunAsync("UPDATE policies SET is_default = @True WHERE name_key = @Key", new { Key = key, True = true }, transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.UniqueViolation)
                {
                    // Another transaction made a different policy the default after our clear (PostgreSQL only).
                    throw new MailboxException(MailboxErrorReason.Conflict, "Another default policy was set at the same moment; try again.");
                }

                return rows > 0 ? true : throw PolicyNotFound(name!);
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = NameKey(name.Trim());
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                PolicyRow? policy = await connection.RowAsync<PolicyRow>(
                    $"SELECT {PolicyRow.Columns} FROM policies WHERE name_key = @Key{Dialect.ForUpdate}",
                    new { Key = key },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                if (policy is null)
                {
                    return false;
                }

                if (policy.IsDefault)
                {
                    throw new MailboxException(MailboxErrorReason.PolicyInUse, $"Policy '{policy.Name}' is the default; make another policy the default, or clear the default, first.");
                }

                long users = await connection.ScalarAsync<long>("SELECT COUNT(*) FROM users WHERE policy_id = @Id", new { policy.Id }, transaction, cancellationToken).ConfigureAwait(false);
                if (users > 0)
                {
                    throw new MailboxException(MailboxErrorReason.PolicyInUse, $"Policy '{policy.Name}' is assigned to {users} user(s); assign them another policy first.");
                }

                // Devices confirmed against it lose their policy id (ON DELETE SET NULL) and provision again.
                await connection.RunAsync("DELETE FROM policies WHERE id = @Id", new { policy.Id }, transaction, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task AssignAsync(long userId, string? name, CancellationToken cancellationToken)
    {
        string? key = name is null ? null : NameKey(name.Trim());
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                long? policyId = null;
                if (key is not null)
                {
                    policyId = await connection.ScalarAsync<long?>("SELECT id FROM policies WHERE name_key = @Key", new { Key = key }, transaction, cancellationToken).ConfigureAwait(false)
                        ?? throw PolicyNotFound(name!);
                }

                int rows;
                try
                {
                    rows = await connection.RunAsync("UPDATE users SET policy_id = @PolicyId WHERE id = @UserId", new { UserId = userId, PolicyId = policyId }, transaction, cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.ForeignKeyViolation)
                {
                    // Deleted between our read and the update.
                    throw PolicyNotFound(name!);
                }

                return rows > 0 ? true : throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
            },
            cancellationToken);
    }

    public Task<Policy?> GetEffectiveAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                // One row when the user exists; its policy columns are null when no policy applies.
                IEnumerable<PolicyRow> rows = await connection.RowsAsync<PolicyRow>(
                    $"SELECT {PolicyRow.JoinColumns} FROM users u " +
                    "LEFT JOIN policies p ON p.id = COALESCE(u.policy_id, (SELECT d.id FROM policies d WHERE d.is_default = @True)) " +
                    "WHERE u.id = @UserId",
                    new { UserId = userId, True = true },
                    null,
                    cancellationToken).ConfigureAwait(false);
                PolicyRow row = rows.SingleOrDefault() ?? throw new MailboxException(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
                return row.Id is null ? null : row.ToPolicy(Dialect);
            },
            cancellationToken);

    internal static string NameKey(string trimmedName) => trimmedName.ToLowerInvariant();

    private static string ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.Trim();
        if (trimmed.Length == 0)
        {
            throw new MailboxException(MailboxErrorReason.InvalidPolicyName, "A policy name cannot be empty.");
        }

        if (trimmed.Length > Policy.MaxNameLength)
        {
            throw new MailboxException(MailboxErrorReason.InvalidPolicyName, $"A policy name cannot be longer than {Policy.MaxNameLength} characters.");
        }

        return trimmed;
    }

    private static MailboxException PolicyNotFound(string name) =>
        new(MailboxErrorReason.PolicyNotFound, $"There is no policy '{name.Trim()}'.");
}
