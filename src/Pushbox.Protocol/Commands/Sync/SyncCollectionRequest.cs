namespace Pushbox.Protocol.Commands.Sync;

/// <summary>One <c>Collection</c> of a Sync request.</summary>
/// <param name="SyncKey">The key the client holds ("0" to start); may be null only in a Partial request, where it comes from the cache.</param>
/// <param name="CollectionId">The folder's ServerId.</param>
/// <param name="Class">The 2.5 <c>Class</c> (Email, Calendar, Contacts, Tasks); null when absent.</param>
/// <param name="GetChanges">GetChanges as sent: null absent, true for an empty element or 1, false for 0.</param>
/// <param name="DeletesAsMoves">DeletesAsMoves as sent: null absent (the spec's default is true), true, false.</param>
/// <param name="WindowSize">The collection's WindowSize, null when absent.</param>
/// <param name="ConversationMode">ConversationMode (14.0+), null when absent.</param>
/// <param name="Options">The Options elements, one per class; empty when absent.</param>
/// <param name="Commands">The client's Add, Change, Delete and Fetch commands in document order.</param>
public sealed record SyncCollectionRequest(
    string? SyncKey,
    string CollectionId,
    string? Class = null,
    bool? GetChanges = null,
    bool? DeletesAsMoves = null,
    int? WindowSize = null,
    bool? ConversationMode = null,
    IReadOnlyList<SyncOptions>? Options = null,
    IReadOnlyList<SyncClientCommand>? Commands = null)
{
    /// <summary>The options, never null.</summary>
    public IReadOnlyList<SyncOptions> OptionList => Options ?? [];

    /// <summary>The client commands, never null.</summary>
    public IReadOnlyList<SyncClientCommand> CommandList => Commands ?? [];
}
