namespace Pushbox.Testing.Eas;

/// <summary>One Collection of a Sync response.</summary>
/// <param name="SyncKey">The new key.</param>
/// <param name="CollectionId">The folder.</param>
/// <param name="Status">The collection's Status.</param>
/// <param name="MoreAvailable">Whether MoreAvailable was present.</param>
/// <param name="Commands">The server's commands in order.</param>
/// <param name="Responses">The answers to the client's commands in order.</param>
public sealed record SyncCollectionResult(string? SyncKey, string? CollectionId, int Status, bool MoreAvailable, IReadOnlyList<SyncItem> Commands, IReadOnlyList<SyncItem> Responses);
