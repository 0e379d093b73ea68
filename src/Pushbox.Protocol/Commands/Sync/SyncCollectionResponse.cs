namespace Pushbox.Protocol.Commands.Sync;

/// <summary>One <c>Collection</c> of a Sync response.</summary>
/// <param name="SyncKey">The key the client holds from now on (on failure, the key it sent, or "0" for Status 3).</param>
/// <param name="CollectionId">The folder's ServerId.</param>
/// <param name="Status">The collection's status.</param>
/// <param name="Class">The collection's Class echoed back to a 2.5 to 12.1 client (MS-ASCMD_R6290); null from 14.0 on.</param>
/// <param name="MoreAvailable">More server changes wait beyond this window.</param>
/// <param name="Responses">Answers to the client's commands (Add, Change, Delete failures, Fetch).</param>
/// <param name="Commands">The server's changes (Add, Change, Delete, SoftDelete).</param>
public sealed record SyncCollectionResponse(
    string SyncKey,
    string CollectionId,
    SyncStatus Status,
    string? Class = null,
    bool MoreAvailable = false,
    IReadOnlyList<SyncItemResponse>? Responses = null,
    IReadOnlyList<SyncServerCommand>? Commands = null);
