using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The unit-of-work contract (IStoreTransactions) that makes sending exactly-once: a ClientId, the queue entry and the
/// Sent Items copy commit together or not at all, a concurrent duplicate ClientId never sends, a failed write the work
/// handles undoes only itself, and what waits for the commit runs only after it.
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Unit_FailingHalfWay_RecordsAndQueuesNothing_AndTheRetrySendsOnce()
    {
        (IOutboundQueueStore queue, IMailboxStore store, IServiceProvider services) = await FreshQueueAsync();
        IStoreTransactions transactions = services.GetRequiredService<IStoreTransactions>();
        ISentClientIdStore clientIds = services.GetRequiredService<ISentClientIdStore>();
        User user = await services.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        Folder sent = await store.GetStandardFolderAsync(user.Id, FolderType.SentItems, None);
        var content = new Mailbox.Blobs.BlobRef(new string('a', 64), 10);
        async Task<bool> SendAsync(bool failAfterQueueing) => await transactions.RunAsync(
            async ct =>
            {
                if (!await clientIds.TryRecordAsync(user.Id, "DEV1", "client-1", ct))
                {
                    return false;
                }

                await queue.EnqueueAsync(new NewQueuedMessage(content.Hash, 10, user.Address, ["bob@remote.example"]), ct);
                if (failAfterQueueing)
                {
                    throw new IOException("The blob store failed half-way.");
                }

                await store.AddEmailAsync(user.Id, sent.Id, new NewEmail(content, new EmailSummary("alice@example.com", "bob@remote.example", "", "", "Sent", Fixture.Time.GetUtcNow(), Importance.Normal, "IPM.Note", true, null, [], false, new byte[16], "<sent@example.com>", "Sent")), ct);
                return true;
            },
            None);

        await Assert.ThrowsAsync<IOException>(() => SendAsync(failAfterQueueing: true));

        Assert.False(await clientIds.ContainsAsync(user.Id, "DEV1", "client-1", None));
        Assert.Empty(await queue.ListAsync(None));
        Assert.Empty((await store.GetChangesAsync(user.Id, sent.Id, 0, 10, None)).Changed);

        Assert.True(await SendAsync(failAfterQueueing: false));
        Assert.False(await SendAsync(failAfterQueueing: false));

        Assert.True(await clientIds.ContainsAsync(user.Id, "DEV1", "client-1", None));
        Assert.Single(await queue.ListAsync(None));
        Assert.Single((await store.GetChangesAsync(user.Id, sent.Id, 0, 10, None)).Changed);
    }

    [Fact]
    public async Task Unit_TwoServersSendingTheSameClientIdAtOnce_SendOnce_AndTheOtherSeesTheDuplicate()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider first = Fixture.BuildServices(options);
        ServiceProvider second = Fixture.BuildServices(options);
        await first.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        User user = await first.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        using var bothChecked = new Barrier(2);

        async Task<bool> SendAsync(IServiceProvider services, int attempt)
        {
            IStoreTransactions transactions = services.GetRequiredService<IStoreTransactions>();
            ISentClientIdStore clientIds = services.GetRequiredService<ISentClientIdStore>();
            IOutboundQueueStore queue = services.GetRequiredService<IOutboundQueueStore>();
            // The duplicate check of the old design, made by both before either records: both would send.
            Assert.False(await clientIds.ContainsAsync(user.Id, "DEV1", $"race-{attempt}", None));
            bothChecked.SignalAndWait(TimeSpan.FromSeconds(30));
            return await transactions.RunAsync(
                async ct =>
                {
                    if (!await clientIds.TryRecordAsync(user.Id, "DEV1", $"race-{attempt}", ct))
                    {
                        return false;
                    }

                    await queue.EnqueueAsync(new NewQueuedMessage(new string('b', 64), 10, user.Address, [$"r{attempt}@remote.example"]), ct);
                    await Task.Delay(100, ct); // the other request arrives while this one is still accepting the message
                    return true;
                },
                None);
        }

        const int Races = 5;
        for (int attempt = 0; attempt < Races; attempt++)
        {
            bool[] outcomes = await Task.WhenAll(Task.Run(() => SendAsync(first, attempt)), Task.Run(() => SendAsync(second, attempt)));
            Assert.Single(outcomes, sentIt => sentIt);
        }

        IReadOnlyList<QueuedMessage> queued = await first.GetRequiredService<IOutboundQueueStore>().ListAsync(None);
        Assert.Equal(Races, queued.Count);
        Assert.Equal(Races, queued.Select(q => q.Recipients[0]).Distinct().Count());
    }

    [Fact]
    public async Task Unit_AFailedWriteTheWorkHandles_UndoesOnlyItself_AndTheRestCommits()
    {
        (IOutboundQueueStore queue, _, IServiceProvider services) = await FreshQueueAsync();
        IStoreTransactions transactions = services.GetRequiredService<IStoreTransactions>();
        ISentClientIdStore clientIds = services.GetRequiredService<ISentClientIdStore>();

        await transactions.RunAsync(
            async ct =>
            {
                // No such user: the database refuses the row (a foreign key), which on PostgreSQL would poison the whole transaction.
                await Assert.ThrowsAnyAsync<StoreUnavailableException>(() => clientIds.TryRecordAsync(987654, "DEV1", "x", ct));
                await queue.EnqueueAsync(new NewQueuedMessage(new string('c', 64), 10, "alice@example.com", ["bob@remote.example"]), ct);
                return true;
            },
            None);

        Assert.Single(await queue.ListAsync(None));
    }

    [Fact]
    public async Task Unit_AfterCommit_RunsOnlyOnceCommitted_AndNeverOnRollback()
    {
        (IOutboundQueueStore queue, _, IServiceProvider services) = await FreshQueueAsync();
        IStoreTransactions transactions = services.GetRequiredService<IStoreTransactions>();
        var ran = new List<string>();

        await transactions.RunAsync(
            async ct =>
            {
                await queue.EnqueueAsync(new NewQueuedMessage(new string('d', 64), 10, "alice@example.com", ["bob@remote.example"]), ct);
                transactions.AfterCommit(() => ran.Add("committed"));
                Assert.Empty(ran);
                return true;
            },
            None);
        Assert.Equal(["committed"], ran);

        await Assert.ThrowsAsync<InvalidOperationException>(() => transactions.RunAsync<bool>(
            async ct =>
            {
                await queue.EnqueueAsync(new NewQueuedMessage(new string('d', 64), 10, "alice@example.com", ["carol@remote.example"]), ct);
                transactions.AfterCommit(() => ran.Add("rolled back"));
                throw new InvalidOperationException("fails");
            },
            None));
        Assert.Equal(["committed"], ran);
        Assert.Single(await queue.ListAsync(None));

        transactions.AfterCommit(() => ran.Add("outside"));
        Assert.Equal(["committed", "outside"], ran);
    }

    [Fact]
    public async Task OutboundQueue_RenewAndBatchComplete_KeepTheHolder_AndALostLeaseChangesNothing()
    {
        (IOutboundQueueStore queue, _, _) = await FreshQueueAsync();
        DateTimeOffset now = Fixture.Time.GetUtcNow();
        QueuedMessage one = await queue.EnqueueAsync(new NewQueuedMessage(new string('e', 64), 10, "alice@example.com", ["r1@remote.example"]), None);
        QueuedMessage two = await queue.EnqueueAsync(new NewQueuedMessage(new string('e', 64), 10, "alice@example.com", ["r2@remote.example"]), None);
        Assert.Equal(2, (await queue.ClaimAsync("node-a", 10, now, Lease, None)).Count);

        // Renewed before it lapses: another sender cannot take it when the first lease would have ended.
        Assert.Equal([one.Id, two.Id], (await queue.RenewAsync([one.Id, two.Id], "node-a", now + Lease + Lease, None)).Order());
        Assert.Empty(await queue.ClaimAsync("node-b", 10, now + Lease, Lease, None));
        Assert.Empty(await queue.RenewAsync([one.Id], "node-b", now + Lease + Lease, None));

        // Not renewed in time: node-b takes the first; node-a can neither renew nor complete it any more.
        QueuedMessage taken = Assert.Single(await queue.ClaimAsync("node-b", 1, now + Lease + Lease, Lease, None));
        Assert.Equal([two.Id], await queue.RenewAsync([one.Id, two.Id], "node-a", now + (4 * Lease), None));
        Assert.Equal([two.Id], await queue.CompleteAsync([taken.Id, two.Id], "node-a", None));
        Assert.Equal([taken.Id], await queue.CompleteAsync([taken.Id], "node-b", None));
        Assert.Empty(await queue.CompleteAsync([taken.Id], "node-b", None));
        Assert.Empty(await queue.ListAsync(None));
    }
}
