namespace Pushbox.Protocol.Commands.Sync;

/// <summary>One <c>Collection</c> of a Sync request.</summary>
/// <param name="SyncKey">The key the client holds ("0" to start); may be null only in a Partial request, where it comes from the cache.</param>
/// <param name="CollectionId">The folder's ServerId.</param>
/// <param name="Class">The collection's <c>Class</c> (Email, Calendar, Contacts, Tasks), sent by 2.5 to 12.1 clients only (MS-ASCMD_R6290, R6292); null when absent.</param>
/// <param name="GetChanges">GetChanges as sent: null absent, true for an empty element or 1, false for 0.</param>
/// <param name="DeletesAsMoves">DeletesAsMoves as sent: null absent (the spec's default is true), true, false.</param>
/// <param name="WindowSize">The collection's WindowSize, 1 to 512 (the parser reads 0 and larger values as 512, MS-ASCMD_R4768); null when absent.</param>
/// <param name="ConversationMode">ConversationMode (14.0+), null when absent.</param>
/// <param name="Options">The Options elements, one per class; empty when absent.</param>
/// <param name="Commands">The client's Add, Change, Delete and Fetch commands in document order.</param>
/// <param name="Supported">
/// The tags (Contacts, Contacts2, Calendar) listed in <c>Supported</c>, the properties the client manages and
/// that are therefore not ghosted (MS-ASCMD 2.2.3.179): null when the element is absent (nothing is ghosted),
/// empty for an empty <c>Supported</c> (everything that can be ghosted is).
/// </param>
public sealed record SyncCollectionRequest(
    string? SyncKey,
    string CollectionId,
    string? Class = null,
    bool? GetChanges = null,
    bool? DeletesAsMoves = null,
    int? WindowSize = null,
    bool? ConversationMode = null,
    IReadOnlyList<SyncOptions>? Options = null,
    IReadOnlyList<SyncClientCommand>? Commands = null,
    IReadOnlyList<ushort>? Supported = null)
{
    /// <summary>The options, never null.</summary>
    public IReadOnlyList<SyncOptions> OptionList => Options ?? [];

    /// <summary>The client commands, never null.</summary>
    public IReadOnlyList<SyncClientCommand> CommandList => Commands ?? [];
}
