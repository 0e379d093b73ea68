namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// A <c>Fetch</c> operation (MS-ASCMD 2.2.3.67.1): retrieve a mailbox item, a search result, an attachment or a
/// document library item. The locator elements are kept as sent; <see cref="Target"/> says which one the Fetch
/// names, and whether the combination is usable at all.
/// </summary>
/// <param name="Store">The store, as sent (1 to 256 characters): "Mailbox" or "DocumentLibrary"; any other is answered with <see cref="ItemOperationsStatus.UnknownStore"/>.</param>
/// <param name="CollectionId">airsync:CollectionId, the folder of a mailbox item; null when absent.</param>
/// <param name="ServerId">airsync:ServerId of a mailbox item; null when absent.</param>
/// <param name="LongId">search:LongId of an earlier Search result (up to 256 characters); null when absent.</param>
/// <param name="FileReference">
/// airsyncbase:FileReference of an attachment; null when absent, and "" when sent empty, which the handler answers
/// with <see cref="ItemOperationsStatus.InvalidAttachment"/> (MS-ASAIRS_R214).
/// </param>
/// <param name="LinkId">documentlibrary:LinkId, the URI of a document library item; null when absent.</param>
/// <param name="Options">The Fetch options; <see cref="ItemOperationsFetchOptions.None"/> when absent.</param>
public sealed record ItemOperationsFetch(
    string Store,
    string? CollectionId,
    string? ServerId,
    string? LongId,
    string? FileReference,
    string? LinkId,
    ItemOperationsFetchOptions Options) : ItemOperation
{
    /// <summary>The Store value for mailbox items and attachments.</summary>
    public const string MailboxStore = "Mailbox";

    /// <summary>The Store value for SharePoint and UNC documents.</summary>
    public const string DocumentLibraryStore = "DocumentLibrary";

    /// <summary>Whether <see cref="Store"/> is "Mailbox" (compared without regard to case).</summary>
    public bool IsMailboxStore => string.Equals(Store, MailboxStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <see cref="Store"/> is "DocumentLibrary" (compared without regard to case).</summary>
    public bool IsDocumentLibraryStore => string.Equals(Store, DocumentLibraryStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Which kind of item the Fetch names: by ServerId, LongId, FileReference or LinkId, exactly one of which may
    /// be present; <see cref="ItemOperationsFetchTarget.None"/> or <see cref="ItemOperationsFetchTarget.Ambiguous"/>
    /// otherwise. CollectionId only accompanies a ServerId and does not count.
    /// </summary>
    public ItemOperationsFetchTarget Target
    {
        get
        {
            int count = (ServerId is null ? 0 : 1) + (LongId is null ? 0 : 1) + (FileReference is null ? 0 : 1) + (LinkId is null ? 0 : 1);
            return count switch
            {
                0 => ItemOperationsFetchTarget.None,
                > 1 => ItemOperationsFetchTarget.Ambiguous,
                _ when ServerId is not null => ItemOperationsFetchTarget.MailboxItem,
                _ when LongId is not null => ItemOperationsFetchTarget.SearchResult,
                _ when FileReference is not null => ItemOperationsFetchTarget.Attachment,
                _ => ItemOperationsFetchTarget.DocumentLibraryItem,
            };
        }
    }
}
