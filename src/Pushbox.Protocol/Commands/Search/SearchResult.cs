using Pushbox.Protocol.Commands.ItemData;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>
/// One Result: a mailbox item (<see cref="Class"/>, <see cref="LongId"/>, <see cref="CollectionId"/> and its
/// properties written by <see cref="Item"/>) or a GAL entry (<see cref="Gal"/>).
/// </summary>
public sealed record SearchResult(string? Class, string? LongId, string? CollectionId, ItemDataWriter? Item, GalProperties? Gal)
{
    /// <summary>A mailbox item; <paramref name="longId"/> null before 14.1, which has no LongId in Search.</summary>
    public static SearchResult ForItem(string @class, string? longId, string collectionId, ItemDataWriter item) => new(@class, longId, collectionId, item, null);

    /// <summary>A GAL entry.</summary>
    public static SearchResult ForGal(GalProperties gal) => new(null, null, null, null, gal);
}
