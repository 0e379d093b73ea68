using Pushbox.Protocol.Commands.Search;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>One Result: an email (<see cref="Class"/>, <see cref="ServerId"/>, <see cref="CollectionId"/>, <see cref="Email"/>) or a GAL entry (<see cref="Gal"/>).</summary>
public sealed record FindResult(string? Class, string? ServerId, string? CollectionId, FindEmailProperties? Email, GalProperties? Gal)
{
    /// <summary>An email in folder <paramref name="collectionId"/>.</summary>
    public static FindResult ForEmail(string serverId, string collectionId, FindEmailProperties email) => new("Email", serverId, collectionId, email, null);

    /// <summary>A GAL entry.</summary>
    public static FindResult ForGal(GalProperties gal) => new(null, null, null, null, gal);
}
