namespace Pushbox.Mailbox.Users;

/// <summary>
/// What the global address list shows of a user besides the display name and addresses. Every field is
/// optional (null: not set) and at most <see cref="MaxFieldLength"/> characters.
/// </summary>
public sealed record UserProfile(
    string? FirstName = null,
    string? LastName = null,
    string? Title = null,
    string? Company = null,
    string? Office = null,
    string? Phone = null,
    string? MobilePhone = null,
    string? HomePhone = null,
    string? Alias = null)
{
    /// <summary>The longest value of a field, in UTF-16 code units.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>No field set.</summary>
    public static UserProfile Empty { get; } = new();
}
