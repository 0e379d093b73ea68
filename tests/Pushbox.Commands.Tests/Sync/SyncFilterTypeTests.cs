using Pushbox.Mailbox.Items;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>Email date windows (FilterType, MS-ASCMD 2.2.3.64.2): what is sent, and SoftDelete as the window moves with the clock.</summary>
public sealed class SyncFilterTypeTests : IAsyncLifetime
{
    private const int SevenDays = 3;
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private DateTimeOffset Now => _h.Clock.Now;

    [Theory]
    [InlineData(0, new[] { true, true, true, true, true })] // no window
    [InlineData(1, new[] { false, false, false, true, true })] // one day
    [InlineData(2, new[] { false, false, false, true, true })] // three days
    [InlineData(3, new[] { false, false, true, true, true })] // one week
    [InlineData(4, new[] { false, true, true, true, true })] // two weeks
    [InlineData(5, new[] { true, true, true, true, true })] // one month
    public async Task Sync_FilterType_ItemsOlderThanTheWindowAreNotSent(int filterType, bool[] sent)
    {
        int[] ageInDays = [20, 10, 5, 0, 0];
        var items = new List<StoredItem>();
        foreach (int age in ageInDays)
        {
            items.Add(await _h.DeliverAsync(Now.AddDays(-age).AddHours(age == 0 ? -1 : 0)));
        }

        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(filterType));

        Assert.Equal(items.Where((_, i) => sent[i]).Select(i => i.ServerId).Order(), device.Items.Order());
    }

    [Fact]
    public async Task Sync_ChangesAndDeletionsOfItemsOutsideTheWindow_AreNotSent()
    {
        StoredItem old = await _h.DeliverAsync(Now.AddDays(-10));
        StoredItem older = await _h.DeliverAsync(Now.AddDays(-11));
        StoredItem recent = await _h.DeliverAsync(Now.AddHours(-1));
        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(SevenDays));
        await _h.MarkReadAsync(old);
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, older.Id, None);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, options: SyncHarness.Options(SevenDays));

        Assert.Equal([recent.ServerId], device.Items);
        Assert.Equal((device.Key, 0), (answer.SyncKey, (answer.Commands ?? []).Count));
    }

    [Fact]
    public async Task Sync_ClockMoves_ItemsLeavingTheWindowAreSoftDeletedInPagesThenChangesFollow()
    {
        var leaving = new List<StoredItem>();
        for (int i = 0; i < 5; i++)
        {
            leaving.Add(await _h.DeliverAsync(Now.AddDays(-6).AddMinutes(i)));
        }

        IReadOnlyList<StoredItem> staying = await _h.DeliverManyAsync(3);
        await _h.DeliverAsync(Now.AddDays(-10)); // never in the window
        DeviceFolder device = await _h.SyncToEndAsync(2, SyncHarness.Options(SevenDays));
        Assert.Equal(8, device.Items.Count);
        int logged = device.Log.Count;

        _h.Clock.Advance(TimeSpan.FromDays(2));
        await _h.MarkReadAsync(staying[0]);
        StoredItem fresh = await _h.DeliverAsync();
        await _h.MarkReadAsync(leaving[0]); // changed after leaving: not sent
        var answers = new List<SyncCollectionResponse>();
        await device.FollowAsync(async k =>
        {
            SyncCollectionResponse answer = await _h.SyncAsync(k, 2);
            answers.Add(answer);
            return answer;
        });

        Assert.Equal(
            [
                .. leaving.Select(i => (SyncCommandKind.SoftDelete, i.ServerId)),
                (SyncCommandKind.Change, staying[0].ServerId),
                (SyncCommandKind.Add, fresh.ServerId),
            ],
            device.Log.Skip(logged));
        Assert.Equal([2, 2, 2, 1], answers.Select(a => (a.Commands ?? []).Count));
        Assert.Equal([true, true, true, false], answers.Select(a => a.MoreAvailable));
        Assert.Equal(staying.Select(i => i.ServerId).Append(fresh.ServerId).Order(), device.Items.Order());

        // Once soft-deleted, an item's deletion is not sent either.
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, leaving[1].Id, None);
        SyncCollectionResponse quiet = await _h.SyncAsync(device.Key, 2);
        Assert.Equal((device.Key, 0), (quiet.SyncKey, (quiet.Commands ?? []).Count));
    }

    [Fact]
    public async Task Sync_SoftDeletePageLost_IsReplayedAsItWas()
    {
        for (int i = 0; i < 3; i++)
        {
            await _h.DeliverAsync(Now.AddDays(-6).AddMinutes(i));
        }

        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(SevenDays));
        _h.Clock.Advance(TimeSpan.FromDays(2));
        SyncCollectionResponse first = await _h.SyncAsync(device.Key, 2);
        _h.Clock.Advance(TimeSpan.FromDays(30));

        SyncCollectionResponse repeated = await _h.SyncAsync(device.Key, 2);
        device.Apply(repeated);
        await device.FollowAsync(k => _h.SyncAsync(k, 2));

        Assert.Equal(first.Commands!.Select(c => (c.Kind, c.ServerId)), repeated.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal((first.SyncKey, true), (repeated.SyncKey, repeated.MoreAvailable));
        Assert.Empty(device.Items);
    }

    [Fact]
    public async Task Sync_FilterTypeChanged_IsStatus3AndTheCollectionStartsOver()
    {
        StoredItem old = await _h.DeliverAsync(Now.AddDays(-10));
        StoredItem recent = await _h.DeliverAsync(Now.AddHours(-1));
        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(SevenDays));

        SyncCollectionResponse same = await _h.SyncAsync(device.Key, options: SyncHarness.Options(SevenDays));
        SyncCollectionResponse unnamed = await _h.SyncAsync(device.Key, options: SyncHarness.Options());
        SyncCollectionResponse changed = await _h.SyncAsync(device.Key, options: SyncHarness.Options(4));
        SyncCollectionResponse stale = await _h.SyncAsync(device.Key, options: SyncHarness.Options(SevenDays));
        DeviceFolder wider = await _h.SyncToEndAsync(options: SyncHarness.Options(4));

        Assert.Equal((SyncStatus.Success, device.Key), (same.Status, same.SyncKey));
        Assert.Equal((SyncStatus.Success, device.Key), (unnamed.Status, unnamed.SyncKey)); // no FilterType: the one in use stays
        Assert.Equal((SyncStatus.InvalidSyncKey, "0"), (changed.Status, changed.SyncKey));
        Assert.Equal(SyncStatus.InvalidSyncKey, stale.Status);
        Assert.Equal([old.ServerId, recent.ServerId], wider.Items.Order());
    }
}
