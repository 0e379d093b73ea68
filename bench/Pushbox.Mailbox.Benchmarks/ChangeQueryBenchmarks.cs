using BenchmarkDotNet.Attributes;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// The change query a Sync runs (<see cref="IMailboxStore.GetChangesAsync"/>: "what changed in this
/// folder since modseq N, at most 100") against one Inbox as it grows, on each database, and for
/// contrast <see cref="IMailboxStore.GetFolderStatsAsync"/>, which counts and sums every item and so
/// must grow with the folder. Cases run smallest folder first (<see cref="GrowingFolderOrderer"/>);
/// each case's setup grows the folder to its size and checks what the queries return.
/// </summary>
public class ChangeQueryBenchmarks
{
    private GrowingFolder? folder;
    private long sinceLast10;
    private long sinceLast100;

    public static IEnumerable<StorageProvider> Databases => ChangeQueryLab.Providers;

    public static IEnumerable<int> FolderSizes => ChangeQueryLab.Sizes;

    [ParamsSource(nameof(Databases))]
    public StorageProvider Database { get; set; }

    [ParamsSource(nameof(FolderSizes))]
    public int FolderSize { get; set; }

    private GrowingFolder Folder => folder ?? throw new InvalidOperationException("GlobalSetup did not run.");

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>Since = modseq − 10, limit 100: a device that missed the last 10 deliveries (returns 10 items).</summary>
    [Benchmark]
    public Task<ItemChanges> Changes_Last10() =>
        Folder.Store.GetChangesAsync(Folder.Recipient.UserId, Folder.Recipient.InboxId, sinceLast10, 100, ChangeQueryLab.Cancellation);

    /// <summary>Since = modseq − 100, limit 100: a full window (returns 100 items).</summary>
    [Benchmark]
    public Task<ItemChanges> Changes_Last100() =>
        Folder.Store.GetChangesAsync(Folder.Recipient.UserId, Folder.Recipient.InboxId, sinceLast100, 100, ChangeQueryLab.Cancellation);

    /// <summary>The deliberately O(n) contrast: item count and bytes of every folder of the user.</summary>
    [Benchmark]
    public Task<IReadOnlyList<FolderStats>> FolderStats_CountAll() =>
        Folder.Store.GetFolderStatsAsync(Folder.Recipient.UserId, ChangeQueryLab.Cancellation);

    private async Task SetupAsync()
    {
        folder = await ChangeQueryLab.GrowToAsync(Database, FolderSize);
        long modSeq = await folder.ModSeqAsync(ChangeQueryLab.Cancellation);
        sinceLast10 = modSeq - 10;
        sinceLast100 = modSeq - 100;

        // Measure nothing that does not answer the question asked.
        await Expect(sinceLast10, 10);
        await Expect(sinceLast100, 100);
        FolderStats inbox = (await FolderStats_CountAll()).Single(s => s.Folder.Id == folder.Recipient.InboxId);
        if (inbox.Items != FolderSize)
        {
            throw new InvalidOperationException($"{Database}: the Inbox holds {inbox.Items} items, expected {FolderSize}.");
        }
    }

    private async Task Expect(long since, int count)
    {
        ItemChanges changes = await Folder.Store.GetChangesAsync(Folder.Recipient.UserId, Folder.Recipient.InboxId, since, 100, ChangeQueryLab.Cancellation);
        if (changes.Changed.Count != count || changes.Deleted.Count != 0 || changes.MoreAvailable || changes.Changed[0].ModSeq != since + 1)
        {
            throw new InvalidOperationException($"{Database} at {FolderSize}: changes since {since} returned {changes.Changed.Count} items (more: {changes.MoreAvailable}), expected {count}.");
        }
    }
}
