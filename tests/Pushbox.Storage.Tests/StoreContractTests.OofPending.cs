using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox.OutOfOffice;

namespace Pushbox.Storage.Tests;

/// <summary>The durable Out of Office backlog (IOofPendingStore): added, claimed once under a lease, completed by its holder only, released.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task OofPending_ClaimedOnceUnderALease_CompletedOnlyByItsHolder_AndReleasedForTheNext()
    {
        (_, _, IServiceProvider services) = await FreshQueueAsync();
        IOofPendingStore pending = services.GetRequiredService<IOofPendingStore>();
        DateTimeOffset now = Fixture.Time.GetUtcNow();
        TimeSpan lease = TimeSpan.FromMinutes(2);
        await pending.AddAsync(new string('f', 64), "bob@remote.example", [3, 4], None);
        await pending.AddAsync(new string('f', 64), "carol@remote.example", [3], None);
        Assert.Equal(2, await pending.CountAsync(None));

        PendingOofReply first = Assert.Single(await pending.ClaimAsync("node-a", 1, now, lease, None));
        Assert.Equal(("bob@remote.example", 1), (first.ReversePath, first.Attempts));
        Assert.Equal([3L, 4L], first.UserIds);
        PendingOofReply second = Assert.Single(await pending.ClaimAsync("node-b", 5, now, lease, None));
        Assert.Equal("carol@remote.example", second.ReversePath);
        Assert.Empty(await pending.ClaimAsync("node-c", 5, now, lease, None));

        Assert.False(await pending.CompleteAsync(first.Id, "node-b", None));
        Assert.True(await pending.ReleaseAsync(second.Id, "node-b", None));
        PendingOofReply again = Assert.Single(await pending.ClaimAsync("node-c", 5, now, lease, None));
        Assert.Equal((second.Id, 2), (again.Id, again.Attempts));

        // node-a died: after its lease another takes the row, and node-a's late completion changes nothing.
        PendingOofReply taken = Assert.Single(await pending.ClaimAsync("node-b", 1, now + lease, lease, None));
        Assert.Equal(first.Id, taken.Id);
        Assert.False(await pending.CompleteAsync(first.Id, "node-a", None));
        Assert.True(await pending.CompleteAsync(first.Id, "node-b", None));
        Assert.True(await pending.CompleteAsync(second.Id, "node-c", None)); // its lease lapsed too, but nobody took it
        Assert.Equal(0, await pending.CountAsync(None));
    }
}
