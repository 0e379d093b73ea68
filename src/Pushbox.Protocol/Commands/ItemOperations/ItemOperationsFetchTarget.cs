namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>What a Fetch names, from the locator elements it carries (MS-ASCMD 2.2.3.67.1).</summary>
public enum ItemOperationsFetchTarget
{
    /// <summary>No locator at all (neither ServerId, LongId, FileReference nor LinkId): answer <see cref="ItemOperationsStatus.ProtocolError"/>.</summary>
    None,

    /// <summary>A mailbox item by <c>airsync:ServerId</c> (with <c>airsync:CollectionId</c> when sent).</summary>
    MailboxItem,

    /// <summary>A result of an earlier Search by <c>search:LongId</c>.</summary>
    SearchResult,

    /// <summary>An email attachment by <c>airsyncbase:FileReference</c>.</summary>
    Attachment,

    /// <summary>A document library item (SharePoint or UNC) by <c>documentlibrary:LinkId</c>.</summary>
    DocumentLibraryItem,

    /// <summary>More than one kind of locator: answer <see cref="ItemOperationsStatus.ProtocolError"/>.</summary>
    Ambiguous,
}
