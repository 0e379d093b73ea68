using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Mailbox;

/// <summary>
/// Folders and items of users' mailboxes, with the change log a sync reads. Every write to a folder's
/// items advances that folder's modification sequence by one and stamps the item (or its tombstone)
/// with it, in the same transaction; reading "what changed since N" costs an index range, whatever the
/// folder size. Every method takes the owner's user id and refuses folders and items of other users
/// as not found.
/// </summary>
public interface IMailboxStore
{
    /// <summary>The user's folders, parents before children.</summary>
    Task<IReadOnlyList<Folder>> GetFoldersAsync(long userId, CancellationToken cancellationToken);

    /// <summary>One folder, or null when the user has no such folder.</summary>
    Task<Folder?> GetFolderAsync(long userId, long folderId, CancellationToken cancellationToken);

    /// <summary>The user's default folder of a standard type (Inbox, Sent Items, …).</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/> when the type is not a standard one.</exception>
    Task<Folder> GetStandardFolderAsync(long userId, FolderType type, CancellationToken cancellationToken);

    /// <summary>Creates a user folder under <paramref name="parentId"/> (null: top level).</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.InvalidFolderName"/>, <see cref="MailboxErrorReason.FolderNotFound"/> for the parent.</exception>
    Task<Folder> CreateFolderAsync(long userId, long? parentId, string name, FolderType type, CancellationToken cancellationToken);

    /// <summary>Renames and/or moves a user folder.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.StandardFolder"/>, <see cref="MailboxErrorReason.InvalidParent"/>, <see cref="MailboxErrorReason.InvalidFolderName"/>, <see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task<Folder> UpdateFolderAsync(long userId, long folderId, long? parentId, string name, CancellationToken cancellationToken);

    /// <summary>Deletes a user folder with its subfolders and their items.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.StandardFolder"/>, <see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task DeleteFolderAsync(long userId, long folderId, CancellationToken cancellationToken);

    /// <summary>Folders created, changed or deleted after hierarchy sequence <paramref name="sinceSeq"/> (0: all folders).</summary>
    Task<HierarchyChanges> GetHierarchyChangesAsync(long userId, long sinceSeq, CancellationToken cancellationToken);

    /// <summary>Item count and bytes of each of the user's folders.</summary>
    Task<IReadOnlyList<FolderStats>> GetFolderStatsAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Adds an email to a mail folder.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>, <see cref="MailboxErrorReason.WrongFolderClass"/>.</exception>
    Task<StoredItem> AddEmailAsync(long userId, long folderId, NewEmail email, CancellationToken cancellationToken);

    /// <summary>
    /// Adds emails to one mail folder in one transaction (import, seeding): all or none. Each gets its
    /// own modification sequence, in list order, exactly as if added one by one.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>, <see cref="MailboxErrorReason.WrongFolderClass"/>.</exception>
    Task<IReadOnlyList<StoredItem>> AddEmailsAsync(long userId, long folderId, IReadOnlyList<NewEmail> emails, CancellationToken cancellationToken);

    /// <summary>Adds a structured item (calendar, contact, task, note) whose record is <paramref name="properties"/> (JSON).</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>, <see cref="MailboxErrorReason.WrongFolderClass"/>.</exception>
    Task<StoredItem> AddItemAsync(long userId, long folderId, ItemClass itemClass, string properties, CancellationToken cancellationToken);

    /// <summary>Replaces a structured item's record.</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/>.</exception>
    Task<StoredItem> UpdateItemAsync(long userId, long itemId, string properties, CancellationToken cancellationToken);

    /// <summary>
    /// Changes an email's read state, flag or categories. A change that leaves all three exactly as they
    /// are changes nothing (no new modification sequence) and returns the item as stored.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/>.</exception>
    Task<StoredItem> UpdateEmailStateAsync(long userId, long itemId, EmailStateChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an item to another folder of the same class: a deletion in the source, an addition in the
    /// destination (its <see cref="StoredItem.AddedModSeq"/> becomes the destination's new sequence).
    /// Moving it to the folder it is in changes nothing.
    /// </summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.ItemNotFound"/>, <see cref="MailboxErrorReason.FolderNotFound"/>, <see cref="MailboxErrorReason.WrongFolderClass"/>.</exception>
    Task<StoredItem> MoveItemAsync(long userId, long itemId, long destinationFolderId, CancellationToken cancellationToken);

    /// <summary>Deletes an item, leaving a tombstone in its folder's change log; false when it was already gone.</summary>
    Task<bool> DeleteItemAsync(long userId, long itemId, CancellationToken cancellationToken);

    /// <summary>One item, or null when the user has no such item.</summary>
    Task<StoredItem?> GetItemAsync(long userId, long itemId, CancellationToken cancellationToken);

    /// <summary>
    /// The items among <paramref name="itemIds"/> that exist and belong to the user, in any folder,
    /// ordered by id; ids of missing or other users' items are left out without error. Any number of ids
    /// (they are read in batches, so the answer is not one snapshot: an item moved meanwhile may show in
    /// either folder).
    /// </summary>
    Task<IReadOnlyList<StoredItem>> GetItemsAsync(long userId, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken);

    /// <summary>
    /// The user's emails whose <see cref="EmailSummary.ConversationId"/> is <paramref name="conversationId"/>,
    /// in any folder, ordered by id. An empty id names no conversation: the answer is empty.
    /// </summary>
    Task<IReadOnlyList<StoredItem>> GetItemsByConversationAsync(long userId, byte[] conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every item of a folder, each leaving a tombstone in the folder's change log as
    /// <see cref="DeleteItemAsync"/> does, in one transaction; with <paramref name="deleteSubfolders"/>
    /// also deletes the folder's subfolders with their items, as <see cref="DeleteFolderAsync"/> does
    /// (one hierarchy change). The folder itself stays, standard or not.
    /// </summary>
    /// <returns>How many items were deleted from the folder itself (items of deleted subfolders are not counted).</returns>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task<int> EmptyFolderAsync(long userId, long folderId, bool deleteSubfolders, CancellationToken cancellationToken);

    /// <summary>
    /// Changes in a folder after <paramref name="sinceModSeq"/>, oldest first: items added, changed or
    /// moved in, and items deleted or moved out, at most <paramref name="limit"/> entries of both together.
    /// An item added and deleted after "since" shows only as deleted, so a reader must ignore deletions
    /// of items it never had (<see cref="ItemDeletion.AddedModSeq"/> tells). One answer never names an
    /// item both changed and deleted.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="folderId">The folder.</param>
    /// <param name="sinceModSeq">The sequence the reader has everything up to (0: from the start).</param>
    /// <param name="limit">The most entries to return (at least 1).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="receivedSince">
    /// A date window: items and deletions whose received date is earlier are left out, and do not count
    /// against <paramref name="limit"/>; those without a date (not email) are always in. Null: no window.
    /// Compared to the microsecond.
    /// </param>
    /// <returns>
    /// The changes, and <see cref="ItemChanges.UpToModSeq"/>: the reader now has every change (in the
    /// window) up to it, so it is the next "since". <see cref="ItemChanges.MoreAvailable"/> is true when
    /// the limit stopped the answer before the folder's current sequence.
    /// </returns>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task<ItemChanges> GetChangesAsync(long userId, long folderId, long sinceModSeq, int limit, CancellationToken cancellationToken, DateTimeOffset? receivedSince = null);

    /// <summary>
    /// An estimate for GetItemEstimate: the entries <see cref="GetChangesAsync"/> would report after
    /// <paramref name="sinceModSeq"/> with this date window and no limit, less the deletions of items
    /// that entered the folder after "since" (no device at "since" can have had them). Every changed item
    /// counts once, whether the device has it or not; a deletion counts when the item entered at or
    /// before "since", or when that is unknown.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="folderId">The folder.</param>
    /// <param name="sinceModSeq">The sequence the device has everything up to (0: from the start).</param>
    /// <param name="receivedSince">The device's date window, as for <see cref="GetChangesAsync"/>; null: none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task<long> CountChangesAsync(long userId, long folderId, long sinceModSeq, DateTimeOffset? receivedSince, CancellationToken cancellationToken);

    /// <summary>
    /// The items of a folder received in [<paramref name="from"/>, <paramref name="before"/>) that
    /// entered the folder at or before <paramref name="maxAddedModSeq"/>, ordered by received date and
    /// then id, strictly after the cursor <paramref name="after"/>, at most <paramref name="limit"/>.
    /// For a device whose date window moved on: which items it was sent that are now outside the window
    /// (pass the device's acknowledged sequence, and the last answer's last entry to page on). Items
    /// without a received date (not email) are never returned.
    /// </summary>
    /// <param name="userId">The owner.</param>
    /// <param name="folderId">The folder.</param>
    /// <param name="from">The earliest received date included.</param>
    /// <param name="before">The first received date no longer included.</param>
    /// <param name="maxAddedModSeq">Only items whose <see cref="StoredItem.AddedModSeq"/> is at most this.</param>
    /// <param name="after">The cursor: only entries after it in (date, id) order; null: from the start.</param>
    /// <param name="limit">The most entries to return (at least 1); fewer means there are no more.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.FolderNotFound"/>.</exception>
    Task<IReadOnlyList<ReceivedItem>> GetItemsReceivedBetweenAsync(
        long userId,
        long folderId,
        DateTimeOffset from,
        DateTimeOffset before,
        long maxAddedModSeq,
        ReceivedItem? after,
        int limit,
        CancellationToken cancellationToken);

    /// <summary>
    /// The user's mailbox size (the sum of their items' sizes, kept by every write that adds, changes or removes
    /// items, in its own transaction) with their own limits; null when there is no such user. One primary-key read.
    /// </summary>
    Task<MailboxUsage?> GetMailboxUsageAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Every user's <see cref="GetMailboxUsageAsync"/>, by user id.</summary>
    Task<IReadOnlyList<MailboxUsage>> ListMailboxUsageAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records that the user is being warned about <paramref name="warningBytes"/>: true for the one caller that
    /// records it while the mailbox is at least that large and no warning is recorded; false otherwise (warned already,
    /// or shrunk meanwhile). The record is cleared when the mailbox shrinks below it, or by <see cref="ClearQuotaWarningAsync"/>.
    /// </summary>
    Task<bool> TryMarkQuotaWarnedAsync(long userId, long warningBytes, CancellationToken cancellationToken);

    /// <summary>Forgets that the user was warned (their warning size went up past their mailbox size).</summary>
    Task ClearQuotaWarningAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Recomputes the user's mailbox size from their items and returns it (repairs a size kept wrong by a bug or a hand edit).</summary>
    /// <exception cref="MailboxException"><see cref="MailboxErrorReason.UserNotFound"/>.</exception>
    Task<long> RecountMailboxSizeAsync(long userId, CancellationToken cancellationToken);

    /// <summary>An email in the folder with exactly this content, or null (re-running an import adds nothing twice).</summary>
    Task<StoredItem?> FindEmailByContentAsync(long userId, long folderId, string blobHash, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="hashes"/> some item or message in the outbound queue still refers to (blob garbage collection).</summary>
    Task<IReadOnlySet<string>> GetReferencedBlobsAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);
}
