using Pushbox.Protocol.Commands.AirSyncBase;

namespace Pushbox.Protocol.Commands.Search;

/// <summary>The Options of a Search store (MS-ASCMD 2.2.3.125.5).</summary>
/// <param name="Range">The results wanted; null: the default range.</param>
/// <param name="DeepTraversal">Mailbox: the named folders' subfolders are searched too.</param>
/// <param name="RebuildResults">Mailbox: the client asks for the results to be computed again rather than served from a cache.</param>
/// <param name="HasCredentials">UserName or Password was sent (document library only).</param>
/// <param name="Body">Mailbox: how result bodies are wanted.</param>
/// <param name="Picture">GAL (14.1+): the pictures wanted; null: none.</param>
public sealed record SearchOptions(
    SearchRange? Range,
    bool DeepTraversal,
    bool RebuildResults,
    bool HasCredentials,
    ItemBodyOptions Body,
    SearchPictureOptions? Picture)
{
    /// <summary>No Options element.</summary>
    public static SearchOptions None { get; } = new(null, false, false, false, ItemBodyOptions.None, null);
}
