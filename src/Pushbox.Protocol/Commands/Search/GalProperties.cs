namespace Pushbox.Protocol.Commands.Search;

/// <summary>The gal: properties of a GAL result (MS-ASCMD 2.2.3.137.2); null fields are left out.</summary>
public sealed record GalProperties(
    string DisplayName,
    string EmailAddress,
    string? Phone = null,
    string? Office = null,
    string? Title = null,
    string? Company = null,
    string? Alias = null,
    string? FirstName = null,
    string? LastName = null,
    string? HomePhone = null,
    string? MobilePhone = null,
    GalPicture? Picture = null);
