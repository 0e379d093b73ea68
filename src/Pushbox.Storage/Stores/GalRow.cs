namespace Pushbox.Storage.Stores;

/// <summary>A user's global address list fields (Dapper fills it; column aliases match the names).</summary>
internal sealed class GalRow
{
    /// <summary>The columns, aliased to the property names, of <c>users u</c> (and the picture's size, of <c>user_pictures p</c> joined on the left).</summary>
    public const string Columns =
        "u.id AS Id, u.address AS Address, u.display_name AS DisplayName, u.first_name AS FirstName, u.last_name AS LastName, " +
        "u.title AS Title, u.company AS Company, u.office AS Office, u.phone AS Phone, u.mobile_phone AS MobilePhone, " +
        "u.home_phone AS HomePhone, u.alias AS Alias, LENGTH(p.data) AS PictureSize";

    public long Id { get; init; }

    public string Address { get; init; } = string.Empty;

    public string DisplayName { get; init; } = string.Empty;

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Title { get; init; }

    public string? Company { get; init; }

    public string? Office { get; init; }

    public string? Phone { get; init; }

    public string? MobilePhone { get; init; }

    public string? HomePhone { get; init; }

    public string? Alias { get; init; }

    public long? PictureSize { get; init; }
}
