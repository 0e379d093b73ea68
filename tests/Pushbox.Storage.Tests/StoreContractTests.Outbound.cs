using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Outbound;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The outbound queue contract (IOutboundQueueStore). The queue is global, so every test runs on a
/// database of its own; "two servers" are two service providers over the same database.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task OutboundQueue_EnqueueClaimComplete_SendsOnce_AndKeepsTheBlobReferencedMeanwhile()
    {
        (IOutboundQueueStore queue, IMailboxStore store, _) = await FreshQueueAsync();
        string hash = new('a', 64);

        QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(hash, 1234, "alice@example.com", ["bob@remote.example", "carol@remote.example"]), None);
        Assert.Equal((hash, 1234L, "alice@example.com", 0, "", (string?)null), (queued.BlobHash, queued.Size, queued.ReversePath, queued.Attempts, queued.LastError, queued.LeaseOwner));
        Assert.Equal(["bob@remote.example", "carol@remote.example"], queued.Recipients);
        Assert.Equal(queued.CreatedAt, queued.NextAttemptAt);
        Assert.Equal([hash], await store.GetReferencedBlobsAsync([hash, new string('b', 64)], None));
        Assert.Equal(queued.NextAttemptAt, await queue.GetNextDueAsync(None));

        DateTimeOffset now = Fixture.Time.GetUtcNow();
        QueuedMessage claimed = Assert.Single(await queue.ClaimAsync("node-a", 10, now, Lease, None));
        Assert.Equal((queued.Id, 1, "node-a"), (claimed.Id, claimed.Attempts, claimed.LeaseOwner));
        Assert.Empty(await queue.ClaimAsync("node-b", 10, now, Lease, None));

        Assert.False(await queue.CompleteAsync(queued.Id, "node-b", None));
        Assert.True(await queue.CompleteAsync(queued.Id, "node-a", None));
        Assert.Empty(await queue.ListAsync(None));
        Assert.Null(await queue.GetNextDueAsync(None));
        Assert.Empty(await store.GetReferencedBlobsAsync([hash], None));
    }

    [Fact]
    public async Task OutboundQueue_NullReversePath_IsKeptEmpty_AndNoRecipientsIsRefused()
    {
        (IOutboundQueueStore queue, _, _) = await FreshQueueAsync();

        QueuedMessage bounce = await queue.EnqueueAsync(new NewQueuedMessage(new string('c', 64), 10, "", ["x@remote.example"]), None);

        Assert.Equal(string.Empty, Assert.Single(await queue.ListAsync(None)).ReversePath);
        Assert.Equal(bounce.Id, Assert.Single(await queue.ListAsync(None)).Id);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.EnqueueAsync(new NewQueuedMessage(new string('c', 64), 10, "", []), None));
    }

    [Fact]
    public async Task OutboundQueue_Reschedule_KeepsTheRemainingRecipients_UntilTheNextAttempt()
    {
        (IOutboundQueueStore queue, _, _) = await FreshQueueAsync();
        QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(new string('d', 64), 10, "alice@example.com", ["a@r.example", "b@r.example"]), None);
        DateTimeOffset now = Fixture.Time.GetUtcNow();
        await queue.ClaimAsync("node-a", 1, now, Lease, None);

        DateTimeOffset next = now + TimeSpan.FromMinutes(2);
        Assert.False(await queue.RescheduleAsync(queued.Id, "node-b", ["b@r.example"], next, "nope", None));
        Assert.True(await queue.RescheduleAsync(queued.Id, "node-a", ["b@r.example"], next, "451 4.3.0 try later", None));

        QueuedMessage waiting = Assert.Single(await queue.ListAsync(None));
        Assert.Equal(["b@r.example"], waiting.Recipients);
        Assert.Equal(("451 4.3.0 try later", (string?)null, 1), (waiting.LastError, waiting.LeaseOwner, waiting.Attempts));
        Assert.Equal(next.UtcTicks / 10 * 10, (await queue.GetNextDueAsync(None))!.Value.UtcTicks);
        Assert.Empty(await queue.ClaimAsync("node-a", 1, now + TimeSpan.FromMinutes(1), Lease, None));
        QueuedMessage again = Assert.Single(await queue.ClaimAsync("node-b", 1, next, Lease, None));
        Assert.Equal((2, "node-b"), (again.Attempts, again.LeaseOwner));
    }

    [Fact]
    public async Task OutboundQueue_ALapsedLease_LetsAnotherSenderTakeTheMessage_AndTheFormerHolderChangesNothing()
    {
        (IOutboundQueueStore queue, _, _) = await FreshQueueAsync();
        QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(new string('e', 64), 10, "alice@example.com", ["a@r.example"]), None);
        DateTimeOffset now = Fixture.Time.GetUtcNow();
        await queue.ClaimAsync("crashed", 1, now, Lease, None);

        Assert.Equal((now + Lease).UtcTicks / 10 * 10, (await queue.GetNextDueAsync(None))!.Value.UtcTicks);
        Assert.Empty(await queue.ClaimAsync("node-b", 1, now + Lease - TimeSpan.FromSeconds(1), Lease, None));
        QueuedMessage taken = Assert.Single(await queue.ClaimAsync("node-b", 1, now + Lease, Lease, None));

        Assert.Equal((queued.Id, 2), (taken.Id, taken.Attempts));
        Assert.False(await queue.CompleteAsync(queued.Id, "crashed", None));
        Assert.False(await queue.RescheduleAsync(queued.Id, "crashed", ["a@r.example"], now, "late", None));
        Assert.True(await queue.CompleteAsync(queued.Id, "node-b", None));
    }

    [Fact]
    public async Task OutboundQueue_RetryNowAndRemove_AreAdministrationOfOneMessage()
    {
        (IOutboundQueueStore queue, _, _) = await FreshQueueAsync();
        QueuedMessage queued = await queue.EnqueueAsync(new NewQueuedMessage(new string('f', 64), 10, "alice@example.com", ["a@r.example"]), None);
        DateTimeOffset now = Fixture.Time.GetUtcNow();
        await queue.ClaimAsync("node-a", 1, now, Lease, None);
        await queue.RescheduleAsync(queued.Id, "node-a", ["a@r.example"], now + TimeSpan.FromHours(1), "451", None);

        Assert.True(await queue.RetryNowAsync(queued.Id, now, None));
        Assert.Single(await queue.ClaimAsync("node-a", 1, now, Lease, None));
        Assert.False(await queue.RetryNowAsync(queued.Id + 1000, now, None));
        Assert.True(await queue.RemoveAsync(queued.Id, None));
        Assert.False(await queue.RemoveAsync(queued.Id, None));
        Assert.Empty(await queue.ListAsync(None));
    }

    [Fact]
    public async Task OutboundQueue_TwoServersClaimingAtOnce_GetEveryMessageExactlyOnce()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider first = Fixture.BuildServices(options);
        ServiceProvider second = Fixture.BuildServices(options);
        await first.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        IOutboundQueueStore queueA = first.GetRequiredService<IOutboundQueueStore>();
        IOutboundQueueStore queueB = second.GetRequiredService<IOutboundQueueStore>();
        const int Messages = 60;
        for (int i = 0; i < Messages; i++)
        {
            await queueA.EnqueueAsync(new NewQueuedMessage(new string('0', 63) + (i % 10), 10, "alice@example.com", [$"r{i}@remote.example"]), None);
        }

        DateTimeOffset now = Fixture.Time.GetUtcNow();
        async Task<List<long>> DrainAsync(IOutboundQueueStore queue, string owner)
        {
            var mine = new List<long>();
            while (true)
            {
                IReadOnlyList<QueuedMessage> batch = await queue.ClaimAsync(owner, 3, now, Lease, None);
                if (batch.Count == 0)
                {
                    return mine;
                }

                foreach (QueuedMessage message in batch)
                {
                    mine.Add(message.Id);
                    Assert.True(await queue.CompleteAsync(message.Id, owner, None));
                }
            }
        }

        List<long>[] claimed = await Task.WhenAll(Task.Run(() => DrainAsync(queueA, "node-a")), Task.Run(() => DrainAsync(queueB, "node-b")));

        long[] all = [.. claimed[0], .. claimed[1]];
        Assert.Equal(Messages, all.Length);
        Assert.Equal(Messages, all.Distinct().Count());
        Assert.Empty(await queueA.ListAsync(None));
    }

    private async Task<(IOutboundQueueStore Queue, IMailboxStore Store, IServiceProvider Services)> FreshQueueAsync()
    {
        ServiceProvider services = await Fixture.CreateServicesAsync();
        await services.GetRequiredService<PushboxDatabase>().MigrateAsync(None);
        return (services.GetRequiredService<IOutboundQueueStore>(), services.GetRequiredService<IMailboxStore>(), services);
    }
}
