using System.Data.Common;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IGlobalAddressList"/> over the shared SQL layer. A search matches <c>users.gal_key</c>, the
/// user's names and addresses normalised by <see cref="SearchText"/> with a space before every word, by
/// one <c>LIKE '% word%'</c> per query word: a scan of the users table, which holds one row per person of
/// the organisation. The key is rewritten by <see cref="RefreshKeyAsync"/> in every transaction that
/// changes one of its sources (the directory's user, display name and alias writes, the profile).
/// </summary>
internal sealed class SqlGlobalAddressList(PushboxDatabase database) : IGlobalAddressList
{
    private static readonly string[] PictureTypes = ["image/jpeg", "image/png", "image/gif"];

    private SqlDialect Dialect => database.Dialect;

    public Task<GalSearchResult> SearchAsync(string query, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        List<string> words = SearchText.Words(query).Take(SearchText.MaxQueryWords).ToList();
        if (words.Count == 0)
        {
            return Task.FromResult(new GalSearchResult(0, []));
        }

        var parameters = new Dapper.DynamicParameters();
        var conditions = new List<string> { "u.enabled = @Enabled" };
        parameters.Add("Enabled", true);
        for (int i = 0; i < words.Count; i++)
        {
            conditions.Add($"u.gal_key LIKE @W{i}");
            parameters.Add($"W{i}", "% " + words[i] + "%");
        }

        parameters.Add("Skip", skip);
        parameters.Add("Take", take);
        string where = string.Join(" AND ", conditions);
        return database.ReadAsync(
            async connection =>
            {
                long total = await connection.ScalarAsync<long>($"SELECT COUNT(*) FROM users u WHERE {where}", parameters, null, cancellationToken).ConfigureAwait(false);
                if (take == 0 || skip >= total)
                {
                    return new GalSearchResult(total, []);
                }

                IEnumerable<GalRow> rows = await connection.RowsAsync<GalRow>(
                    $"SELECT {GalRow.Columns} FROM users u LEFT JOIN user_pictures p ON p.user_id = u.id WHERE {where} " +
                    "ORDER BY lower(u.display_name), u.address_key LIMIT @Take OFFSET @Skip",
                    parameters,
                    null,
                    cancellationToken).ConfigureAwait(false);
                return new GalSearchResult(total, rows.Select(ToEntry).ToList());
            },
            cancellationToken);
    }

    public Task<GalEntry?> GetEntryAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                GalRow? row = await connection.RowAsync<GalRow>(
                    $"SELECT {GalRow.Columns} FROM users u LEFT JOIN user_pictures p ON p.user_id = u.id WHERE u.id = @Id",
                    new { Id = userId },
                    null,
                    cancellationToken).ConfigureAwait(false);
                return row is null ? null : ToEntry(row);
            },
            cancellationToken);

    public Task SetProfileAsync(long userId, UserProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        UserProfile clean = Clean(profile);
        return database.WriteAsync(
            async (connection, transaction) =>
            {
                int rows = await connection.RunAsync(
                    "UPDATE users SET first_name = @FirstName, last_name = @LastName, title = @Title, company = @Company, office = @Office, " +
                    "phone = @Phone, mobile_phone = @MobilePhone, home_phone = @HomePhone, alias = @Alias WHERE id = @Id",
                    new { Id = userId, clean.FirstName, clean.LastName, clean.Title, clean.Company, clean.Office, clean.Phone, clean.MobilePhone, clean.HomePhone, clean.Alias },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                if (rows == 0)
                {
                    throw UserNotFound(userId);
                }

                await RefreshKeyAsync(connection, transaction, userId, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task SetPictureAsync(long userId, UserPicture? picture, CancellationToken cancellationToken)
    {
        if (picture is not null)
        {
            if (picture.Data is not { Length: > 0 and <= UserPicture.MaxBytes })
            {
                throw new ArgumentException($"A picture has 1 to {UserPicture.MaxBytes} bytes.", nameof(picture));
            }

            if (!PictureTypes.Contains(picture.ContentType, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"A picture is one of {string.Join(", ", PictureTypes)}.", nameof(picture));
            }
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await connection.ScalarAsync<long?>($"SELECT id FROM users WHERE id = @Id{Dialect.ForUpdate}", new { Id = userId }, transaction, cancellationToken).ConfigureAwait(false)
                    ?? throw UserNotFound(userId);
                await connection.RunAsync("DELETE FROM user_pictures WHERE user_id = @Id", new { Id = userId }, transaction, cancellationToken).ConfigureAwait(false);
                if (picture is not null)
                {
                    await connection.RunAsync(
                        "INSERT INTO user_pictures (user_id, content_type, data, updated_at) VALUES (@Id, @ContentType, @Data, @Now)",
                        new { Id = userId, ContentType = picture.ContentType.ToLowerInvariant(), picture.Data, Now = Dialect.ToDb(database.Now()) },
                        transaction,
                        cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<UserPicture?> GetPictureAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync(
            async connection =>
            {
                PictureRow? row = await connection.RowAsync<PictureRow>(
                    "SELECT content_type AS ContentType, data AS Data FROM user_pictures WHERE user_id = @Id",
                    new { Id = userId },
                    null,
                    cancellationToken).ConfigureAwait(false);
                return row is null ? null : new UserPicture(row.ContentType, row.Data);
            },
            cancellationToken);

    public Task<UserCertificate> AddCertificateAsync(long userId, byte[] der, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(der);
        if (der.Length is 0 or > UserCertificate.MaxBytes)
        {
            throw new ArgumentException($"A certificate has 1 to {UserCertificate.MaxBytes} bytes.", nameof(der));
        }

        UserCertificate certificate;
        try
        {
            using X509Certificate2 parsed = X509CertificateLoader.LoadCertificate(der);
            certificate = new UserCertificate(parsed.Thumbprint, parsed.RawData, new DateTimeOffset(parsed.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The data is not a DER-encoded X.509 certificate.", nameof(der), e);
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                _ = await connection.ScalarAsync<long?>($"SELECT id FROM users WHERE id = @Id{Dialect.ForUpdate}", new { Id = userId }, transaction, cancellationToken).ConfigureAwait(false)
                    ?? throw UserNotFound(userId);
                var key = new { Id = userId, certificate.Thumbprint };
                if (await connection.ScalarAsync<long>("SELECT COUNT(*) FROM user_certificates WHERE user_id = @Id AND thumbprint = @Thumbprint", key, transaction, cancellationToken).ConfigureAwait(false) > 0)
                {
                    return certificate;
                }

                if (await connection.ScalarAsync<long>("SELECT COUNT(*) FROM user_certificates WHERE user_id = @Id", key, transaction, cancellationToken).ConfigureAwait(false) >= UserCertificate.MaxPerUser)
                {
                    throw new ArgumentException($"A user has at most {UserCertificate.MaxPerUser} certificates.", nameof(der));
                }

                await connection.RunAsync(
                    "INSERT INTO user_certificates (user_id, thumbprint, data, not_after, added_at) VALUES (@Id, @Thumbprint, @Data, @NotAfter, @Now)",
                    new { Id = userId, certificate.Thumbprint, certificate.Data, NotAfter = Dialect.ToDb(Microseconds(certificate.NotAfter)), Now = Dialect.ToDb(database.Now()) },
                    transaction,
                    cancellationToken).ConfigureAwait(false);
                return certificate;
            },
            cancellationToken);
    }

    public Task<bool> RemoveCertificateAsync(long userId, string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return database.WriteAsync(
            async (connection, transaction) => await connection.RunAsync(
                "DELETE FROM user_certificates WHERE user_id = @Id AND thumbprint = @Thumbprint",
                new { Id = userId, Thumbprint = thumbprint.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant() },
                transaction,
                cancellationToken).ConfigureAwait(false) > 0,
            cancellationToken);
    }

    public Task<IReadOnlyList<UserCertificate>> GetCertificatesAsync(long userId, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<UserCertificate>>(
            async connection => (await connection.RowsAsync<CertificateRow>(
                "SELECT thumbprint AS Thumbprint, data AS Data, not_after AS NotAfter FROM user_certificates WHERE user_id = @Id ORDER BY id",
                new { Id = userId },
                null,
                cancellationToken).ConfigureAwait(false)).Select(r => new UserCertificate(r.Thumbprint, r.Data, Dialect.FromDb(r.NotAfter))).ToList(),
            cancellationToken);

    /// <summary>
    /// Rewrites the user's <c>gal_key</c> from their display name, profile names, alias and addresses, in the
    /// transaction that changed one of them. Nothing when the user does not exist.
    /// </summary>
    internal static async Task RefreshKeyAsync(DbConnection connection, DbTransaction transaction, long userId, CancellationToken cancellationToken)
    {
        GalRow? row = await connection.RowAsync<GalRow>(
            $"SELECT {GalRow.Columns} FROM users u LEFT JOIN user_pictures p ON p.user_id = u.id WHERE u.id = @Id",
            new { Id = userId },
            transaction,
            cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return;
        }

        IEnumerable<string> aliases = await connection.RowsAsync<string>(
            "SELECT address FROM user_aliases WHERE user_id = @Id",
            new { Id = userId },
            transaction,
            cancellationToken).ConfigureAwait(false);
        string words = SearchText.Normalize(string.Join(' ', new[] { row.DisplayName, row.FirstName, row.LastName, row.Alias, row.Address }.Concat(aliases)));
        await connection.RunAsync(
            "UPDATE users SET gal_key = @Key WHERE id = @Id",
            new { Id = userId, Key = " " + words },
            transaction,
            cancellationToken).ConfigureAwait(false);
    }

    private static GalEntry ToEntry(GalRow row) =>
        new(
            row.Id,
            row.Address,
            row.DisplayName,
            new UserProfile(row.FirstName, row.LastName, row.Title, row.Company, row.Office, row.Phone, row.MobilePhone, row.HomePhone, row.Alias),
            row.PictureSize is { } size ? (int)size : null);

    private static UserProfile Clean(UserProfile profile) =>
        new(
            Field(profile.FirstName, nameof(profile.FirstName)),
            Field(profile.LastName, nameof(profile.LastName)),
            Field(profile.Title, nameof(profile.Title)),
            Field(profile.Company, nameof(profile.Company)),
            Field(profile.Office, nameof(profile.Office)),
            Field(profile.Phone, nameof(profile.Phone)),
            Field(profile.MobilePhone, nameof(profile.MobilePhone)),
            Field(profile.HomePhone, nameof(profile.HomePhone)),
            Field(profile.Alias, nameof(profile.Alias)));

    private static string? Field(string? value, string name)
    {
        string? trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > UserProfile.MaxFieldLength || trimmed.Any(char.IsControl))
        {
            throw new ArgumentException($"{name} has at most {UserProfile.MaxFieldLength} characters and no control characters.", name);
        }

        return trimmed;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static MailboxException UserNotFound(long userId) =>
        new(MailboxErrorReason.UserNotFound, $"There is no user {userId}.");
}
