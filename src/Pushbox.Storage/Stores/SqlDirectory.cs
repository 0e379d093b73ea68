using System.Data.Common;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IDirectory"/> over the shared SQL layer. Addresses are matched by a lower-cased key column
/// (not by collation, which the two databases do differently); a key is unique across primary addresses
/// and aliases, checked under <see cref="SqlDialect.LockAddressAsync"/> and backed by a unique index on
/// each table.
/// </summary>
internal sealed class SqlDirectory(PushboxDatabase database) : IDirectory
{
    private const string FindByKeySql =
        $"SELECT {UserRow.Columns} FROM users u WHERE u.address_key = @Key " +
        $"UNION ALL SELECT {UserRow.Columns} FROM users u JOIN user_aliases a ON a.user_id = u.id WHERE a.address_key = @Key";

    private SqlDialect Dialect => database.Dialect;

    public async Task<User> CreateUserAsync(NewUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.PasswordHash);
        string address = EmailAddress.Normalize(user.Address);
        string key = AddressKey(address);
        string displayName = (user.DisplayName ?? string.Empty).Trim();
        DateTimeOffset now = database.Now();
        return await database.WriteAsync(
            async (connection, transaction) =>
            {
                await Dialect.LockAddressAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
                if (await IsAddressTakenAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false))
                {
                    throw AddressInUse(address);
                }

                long id;
                try
                {
                    id = await connection.ScalarAsync<long>(
                        "INSERT INTO users (address, address_key, display_name, password_hash, enabled, credential_version, hierarchy_seq, created_at) " +
                        "VALUES (@Address, @Key, @DisplayName, @PasswordHash, @Enabled, 1, 1, @CreatedAt) RETURNING id",
                        new { Address = address, Key = key, DisplayName = displayName, user.PasswordHash, Enabled = true, CreatedAt = Dialect.ToDb(now) },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.UniqueViolation)
                {
                    throw AddressInUse(address);
                }

                // The standard folders, at hierarchy sequence 1: the user's first FolderSync lists them all.
                foreach ((string name, FolderType type) in StandardFolders.All)
                {
                    await connection.RunAsync(
                        "INSERT INTO folders (user_id, parent_id, name, name_key, type, modseq, hierarchy_seq) VALUES (@UserId, NULL, @Name, @NameKey, @Type, 0, 1)",
                        new { UserId = id, Name = name, NameKey = SqlMailboxStore.NameKey(name), Type = (int)type },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }

                await connection.RunAsync("INSERT INTO mailbox_usage (user_id, bytes) VALUES (@UserId, 0)", new { UserId = id }, transaction, cancellationToken).ConfigureAwait(false);
                await SqlGlobalAddressList.RefreshKeyAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
                return new User(id, address, displayName, Enabled: true, Aliases: [], CredentialVersion: 1, now);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<User?> FindUserAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!EmailAddress.TryNormalize(address, out string normalized))
        {
            return Task.FromResult<User?>(null);
        }

        return database.ReadAsync(
            async connection =>
            {
                UserRow? row = await connection.RowAsync<UserRow>(FindByKeySql, new { Key = AddressKey(normalized) }, null, cancellationToken).ConfigureAwait(false);
                return row is null ? null : await WithAliasesAsync(connection, row, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<User?> GetUserAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                UserRow? row = await connection.RowAsync<UserRow>($"SELECT {UserRow.Columns} FROM users u WHERE u.id = @Id", new { Id = userId }, null, cancellationToken).ConfigureAwait(false);
                return row is null ? null : await WithAliasesAsync(connection, row, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<User>> ListUsersAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<User>>(
            async connection =>
            {
                IEnumerable<UserRow> rows = await connection.RowsAsync<UserRow>($"SELECT {UserRow.Columns} FROM users u ORDER BY u.address_key, u.id", null, null, cancellationToken).ConfigureAwait(false);
                IEnumerable<AliasRow> aliases = await connection.RowsAsync<AliasRow>("SELECT user_id AS UserId, address AS Address FROM user_aliases ORDER BY user_id, address_key", null, null, cancellationToken).ConfigureAwait(false);
                ILookup<long, string> byUser = aliases.ToLookup(a => a.UserId, a => a.Address);
                return rows.Select(row => ToUser(row, [.. byUser[row.Id]])).ToList();
            },
            cancellationToken);

    public Task<UserCredentials?> FindCredentialsAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!EmailAddress.TryNormalize(address, out string normalized))
        {
            return Task.FromResult<UserCredentials?>(null);
        }

        return database.ReadAsync(
            async connection =>
            {
                UserRow? row = await connection.RowAsync<UserRow>(FindByKeySql, new { Key = AddressKey(normalized) }, null, cancellationToken).ConfigureAwait(false);
                return row is null ? null : new UserCredentials(row.Id, row.Address, row.PasswordHash, row.Enabled, row.CredentialVersion);
            },
            cancellationToken);
    }

    public Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        return UpdateUserAsync(
            userId,
            "UPDATE users SET password_hash = @PasswordHash, credential_version = credential_version + 1 WHERE id = @Id",
            new { Id = userId, PasswordHash = passwordHash },
            cancellationToken);
    }

    public Task SetEnabledAsync(long userId, bool enabled, CancellationToken cancellationToken) =>
        UpdateUserAsync(
            userId,
            "UPDATE users SET enabled = @Enabled, credential_version = credential_version + 1 WHERE id = @Id",
            new { Id = userId, Enabled = enabled },
            cancellationToken);

    public Task SetDisplayNameAsync(long userId, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        return UpdateUserAsync(
            userId,
            "UPDATE users SET display_name = @DisplayName WHERE id = @Id",
            new { Id = userId, DisplayName = displayName.Trim() },
            cancellationToken,
            refreshGalKey: true);
    }

    public async Task AddAliasAsync(long userId, string aliasAddress, CancellationToken cancellationToken)
    {
        string address = EmailAddress.Normalize(aliasAddress);
        string key = AddressKey(address);
        await database.WriteAsync(
            async (connection, transaction) =>
            {
                await Dialect.LockAddressAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
                long? exists = await connection.ScalarAsync<long?>($"SELECT id FROM users WHERE id = @Id{Dialect.ForUpdate}", new { Id = userId }, transaction, cancellationToken).ConfigureAwait(false);
                if (exists is null)
                {
                    throw UserNotFound(userId);
                }

                if (await IsAddressTakenAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false))
                {
                    throw AddressInUse(address);
                }

                try
                {
                    await connection.RunAsync(
                        "INSERT INTO user_aliases (user_id, address, address_key) VALUES (@UserId, @Address, @Key)",
                        new { UserId = userId, Address = address, Key = key },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbException e) when (Dialect.Classify(e) == DbErrorKind.UniqueViolation)
                {
                    throw AddressInUse(address);
                }

                await SqlGlobalAddressList.RefreshKeyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAliasAsync(long userId, string aliasAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliasAddress);
        if (!EmailAddress.TryNormalize(aliasAddress, out string normalized))
        {
            return Task.FromResult(false);
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                bool removed = await connection.RunAsync(
                    "DELETE FROM user_aliases WHERE user_id = @UserId AND address_key = @Key",
                    new { UserId = userId, Key = AddressKey(normalized) },
                    transaction,
                    cancellationToken).ConfigureAwait(false) > 0;
                await SqlGlobalAddressList.RefreshKeyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                return removed;
            },
            cancellationToken);
    }

    public Task DeleteUserAsync(long userId, CancellationToken cancellationToken) =>
        // Aliases, folders, items, both change logs, devices and their sync state go by ON DELETE CASCADE.
        UpdateUserAsync(userId, "DELETE FROM users WHERE id = @Id", new { Id = userId }, cancellationToken);

    /// <summary>The lookup key of a normalised address: lower case, so that matching ignores case in both databases alike.</summary>
    internal static string AddressKey(string normalizedAddress) => normalizedAddress.ToLowerInvariant();

    private static MailboxException AddressInUse(string address) =>
        new(MailboxErrorReason.AddressInUse, $"The address {address} already belongs to a user (as address or alias).");

    private static MailboxException UserNotFound(long userId) =>
        new(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");

    private User ToUser(UserRow row, IReadOnlyList<string> aliases) =>
        new(row.Id, row.Address, row.DisplayName, row.Enabled, aliases, row.CredentialVersion, Dialect.FromDb(row.CreatedAt));

    private async Task<User> WithAliasesAsync(DbConnection connection, UserRow row, CancellationToken cancellationToken)
    {
        IEnumerable<string> aliases = await connection.RowsAsync<string>(
            "SELECT address FROM user_aliases WHERE user_id = @UserId ORDER BY address_key",
            new { UserId = row.Id },
            null,
            cancellationToken).ConfigureAwait(false);
        return ToUser(row, [.. aliases]);
    }

    private static async Task<bool> IsAddressTakenAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        await connection.ScalarAsync<long>(
            "SELECT (SELECT COUNT(*) FROM users WHERE address_key = @Key) + (SELECT COUNT(*) FROM user_aliases WHERE address_key = @Key)",
            new { Key = key },
            transaction,
            cancellationToken).ConfigureAwait(false) > 0;

    public Task SetQuotaAsync(long userId, UserQuota quota, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(quota);
        return UpdateUserAsync(
            userId,
            "UPDATE users SET quota_warning = @Warning, quota_prohibit_send = @ProhibitSend, quota_prohibit_send_receive = @ProhibitSendReceive WHERE id = @Id",
            new { Id = userId, Warning = quota.Warning.ToStored(), ProhibitSend = quota.ProhibitSend.ToStored(), ProhibitSendReceive = quota.ProhibitSendReceive.ToStored() },
            cancellationToken);
    }

    private Task<bool> UpdateUserAsync(long userId, string sql, object parameters, CancellationToken cancellationToken, bool refreshGalKey = false) =>
        database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows = await connection.RunAsync(sql, parameters, transaction, cancellationToken).ConfigureAwait(false);
                if (rows == 0)
                {
                    throw UserNotFound(userId);
                }

                if (refreshGalKey)
                {
                    await SqlGlobalAddressList.RefreshKeyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
}
