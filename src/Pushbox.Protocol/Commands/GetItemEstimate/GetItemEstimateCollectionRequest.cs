namespace Pushbox.Protocol.Commands.GetItemEstimate;

/// <summary>One <c>Collection</c> of a GetItemEstimate request: which folder, at which sync state, filtered how.</summary>
/// <param name="SyncKey">
/// The collection's current SyncKey from the last Sync response (1 to 64 characters). The server checks it
/// against the key the next Sync expects and does not advance it (MS-ASCMD_R4591, R4594).
/// </param>
/// <param name="CollectionId">The folder's ServerId (1 to 64 characters).</param>
/// <param name="ConversationMode">
/// ConversationMode (14.0+): true widens the estimate to items of the same conversations in this collection
/// (MS-ASCMD_R2097); null when absent.
/// </param>
/// <param name="Options">
/// The filters, at most two and at most one per class. Empty: every item counts (MS-ASCMD_R3543). A 2.5 to
/// 12.1 request's collection-level Class and FilterType come here as one entry.
/// </param>
public sealed record GetItemEstimateCollectionRequest(
    string SyncKey,
    string CollectionId,
    bool? ConversationMode,
    IReadOnlyList<GetItemEstimateOptions> Options);
