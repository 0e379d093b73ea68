using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// The real mailbox store, with the two calls delivery makes per message (<see cref="GetStandardFolderAsync"/>
/// and <see cref="AddEmailAsync"/>) timed into a <see cref="StageClock"/>; everything else passes through.
/// </summary>
internal sealed class TimedMailboxStore(IMailboxStore inner, StageClock clock) : IMailboxStore
{
    public async Task<Folder> GetStandardFolderAsync(long userId, FolderType type, CancellationToken cancellationToken)
    {
        long started = StageClock.Start();
        Folder folder = await inner.GetStandardFolderAsync(userId, type, cancellationToken);
        clock.Stop(StageClock.Stage.FolderLookup, started);
        return folder;
    }

    public async Task<StoredItem> AddEmailAsync(long userId, long folderId, NewEmail email, CancellationToken cancellationToken)
    {
        long started = StageClock.Start();
        StoredItem item = await inner.AddEmailAsync(userId, folderId, email, cancellationToken);
        clock.Stop(StageClock.Stage.AddEmail, started);
        return item;
    }

    public Task<IReadOnlyList<Folder>> GetFoldersAsync(long userId, CancellationToken cancellationToken) => inner.GetFoldersAsync(userId, cancellationToken);

    public Task<Folder?> GetFolderAsync(long userId, long folderId, CancellationToken cancellationToken) => inner.GetFolderAsync(userId, folderId, cancellationToken);

    public Task<Folder> CreateFolderAsync(long userId, long? parentId, string name, FolderType type, CancellationToken cancellationToken) =>
        inner.CreateFolderAsync(userId, parentId, name, type, cancellationToken);

    public Task<Folder> UpdateFolderAsync(long userId, long folderId, long? parentId, string name, CancellationToken cancellationToken) =>
        inner.UpdateFolderAsync(userId, folderId, parentId, name, cancellationToken);

    public Task DeleteFolderAsync(long userId, long folderId, CancellationToken cancellationToken) => inner.DeleteFolderAsync(userId, folderId, cancellationToken);

    public Task<HierarchyChanges> GetHierarchyChangesAsync(long userId, long sinceSeq, CancellationToken cancellationToken) =>
        inner.GetHierarchyChangesAsync(userId, sinceSeq, cancellationToken);

    public Task<IReadOnlyList<FolderStats>> GetFolderStatsAsync(long userId, CancellationToken cancellationToken) => inner.GetFolderStatsAsync(userId, cancellationToken);

    public Task<IReadOnlyList<StoredItem>> AddEmailsAsync(long userId, long folderId, IReadOnlyList<NewEmail> emails, CancellationToken cancellationToken) =>
        inner.AddEmailsAsync(userId, folderId, emails, cancellationToken);

    public Task<StoredItem> AddItemAsync(long userId, long folderId, ItemClass itemClass, string properties, CancellationToken cancellationToken) =>
        inner.AddItemAsync(userId, folderId, itemClass, properties, cancellationToken);

    public Task<StoredItem> UpdateItemAsync(long userId, long itemId, string properties, CancellationToken cancellationToken) =>
        inner.UpdateItemAsync(userId, itemId, properties, cancellationToken);

    public Task<StoredItem> UpdateEmailStateAsync(long userId, long itemId, EmailStateChange change, CancellationToken cancellationToken) =>
        inner.UpdateEmailStateAsync(userId, itemId, change, cancellationToken);

    public Task<StoredItem> MoveItemAsync(long userId, long itemId, long destinationFolderId, CancellationToken cancellationToken) =>
        inner.MoveItemAsync(userId, itemId, destinationFolderId, cancellationToken);

    public Task<bool> DeleteItemAsync(long userId, long itemId, CancellationToken cancellationToken) => inner.DeleteItemAsync(userId, itemId, cancellationToken);

    public Task<StoredItem?> GetItemAsync(long userId, long itemId, CancellationToken cancellationToken) => inner.GetItemAsync(userId, itemId, cancellationToken);

    public Task<ItemChanges> GetChangesAsync(long userId, long folderId, long sinceModSeq, int limit, CancellationToken cancellationToken, DateTimeOffset? receivedSince = null) =>
        inner.GetChangesAsync(userId, folderId, sinceModSeq, limit, cancellationToken, receivedSince);

    public Task<long> CountChangesAsync(long userId, long folderId, long sinceModSeq, DateTimeOffset? receivedSince, CancellationToken cancellationToken) =>
        inner.CountChangesAsync(userId, folderId, sinceModSeq, receivedSince, cancellationToken);

    public Task<IReadOnlyList<ReceivedItem>> GetItemsReceivedBetweenAsync(
        long userId, long folderId, DateTimeOffset from, DateTimeOffset before, long maxAddedModSeq, ReceivedItem? after, int limit, CancellationToken cancellationToken) =>
        inner.GetItemsReceivedBetweenAsync(userId, folderId, from, before, maxAddedModSeq, after, limit, cancellationToken);

    public Task<IReadOnlyList<StoredItem>> GetItemsAsync(long userId, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken) =>
        inner.GetItemsAsync(userId, itemIds, cancellationToken);

    public Task<IReadOnlyList<StoredItem>> GetItemsByConversationAsync(long userId, byte[] conversationId, CancellationToken cancellationToken) =>
        inner.GetItemsByConversationAsync(userId, conversationId, cancellationToken);

    public Task<int> EmptyFolderAsync(long userId, long folderId, bool deleteSubfolders, CancellationToken cancellationToken) =>
        inner.EmptyFolderAsync(userId, folderId, deleteSubfolders, cancellationToken);

    public Task<StoredItem?> FindEmailByContentAsync(long userId, long folderId, string blobHash, CancellationToken cancellationToken) =>
        inner.FindEmailByContentAsync(userId, folderId, blobHash, cancellationToken);

    public Task<IReadOnlySet<string>> GetReferencedBlobsAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken) =>
        inner.GetReferencedBlobsAsync(hashes, cancellationToken);

    public Task<MailboxUsage?> GetMailboxUsageAsync(long userId, CancellationToken cancellationToken) => inner.GetMailboxUsageAsync(userId, cancellationToken);

    public Task<IReadOnlyList<MailboxUsage>> ListMailboxUsageAsync(CancellationToken cancellationToken) => inner.ListMailboxUsageAsync(cancellationToken);

    public Task<bool> TryMarkQuotaWarnedAsync(long userId, long warningBytes, CancellationToken cancellationToken) => inner.TryMarkQuotaWarnedAsync(userId, warningBytes, cancellationToken);

    public Task ClearQuotaWarningAsync(long userId, CancellationToken cancellationToken) => inner.ClearQuotaWarningAsync(userId, cancellationToken);

    public Task<long> RecountMailboxSizeAsync(long userId, CancellationToken cancellationToken) => inner.RecountMailboxSizeAsync(userId, cancellationToken);
}
