namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>users</c> as the directory reads it (Dapper fills it; column aliases match the names).</summary>
internal sealed class UserRow
{
    public long Id { get; init; }

    public string Address { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    public string PasswordHash { get; init; } = string.Empty;

    public bool Enabled { get; init; }

    public long CredentialVersion { get; init; }

    public object CreatedAt { get; init; } = 0L;

    /// <summary>The columns, aliased to the property names, of <c>users u</c>.</summary>
    public const string Columns =
        "u.id AS Id, u.address AS Address, u.display_name AS DisplayName, u.password_hash AS PasswordHash, " +
        "u.enabled AS Enabled, u.credential_version AS CredentialVersion, u.created_at AS CreatedAt";
}
