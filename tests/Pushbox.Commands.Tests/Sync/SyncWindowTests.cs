using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>Windows of server changes, and how each change is classified (MS-ASCMD 2.2.3.199 WindowSize, 2.2.3.116 MoreAvailable).</summary>
public sealed class SyncWindowTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(250, 100, new[] { 100, 100, 50 })]
    [InlineData(200, 100, new[] { 100, 100 })]
    [InlineData(5, 1, new[] { 1, 1, 1, 1, 1 })]
    [InlineData(7, 512, new[] { 7 })]
    public async Task Sync_ItemsInWindows_ArriveWithoutGapsOrDuplicates_MoreAvailableOnAllButTheLast(int count, int windowSize, int[] windows)
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(count);
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("0", windowSize));

        var answers = new List<SyncCollectionResponse>();
        await device.FollowAsync(async k =>
        {
            SyncCollectionResponse answer = await _h.SyncAsync(k, windowSize);
            answers.Add(answer);
            return answer;
        });

        Assert.Equal(windows, answers.Select(a => a.Commands!.Count));
        Assert.Equal(answers.Select((_, i) => i < answers.Count - 1), answers.Select(a => a.MoreAvailable));
        Assert.Equal(answers.Select((_, i) => (i + 2).ToString(System.Globalization.CultureInfo.InvariantCulture)), answers.Select(a => a.SyncKey));
        Assert.Equal(items.Select(i => i.ServerId).Order(), device.Items.Order());
        Assert.Equal(items.Select(i => i.ServerId), device.Log.Select(c => c.ServerId)); // oldest first
        Assert.All(device.Log, c => Assert.Equal(SyncCommandKind.Add, c.Kind));
    }

    [Fact]
    public async Task Sync_AfterTheLastWindow_NoChangesKeepsTheKey()
    {
        await _h.DeliverManyAsync(250);
        DeviceFolder device = await _h.SyncToEndAsync(100);

        SyncCollectionResponse quiet = await _h.SyncAsync(device.Key, 100);
        SyncCollectionResponse again = await _h.SyncAsync(device.Key, 100);

        Assert.Equal("4", device.Key);
        Assert.Equal((SyncStatus.Success, "4", false, 0), (quiet.Status, quiet.SyncKey, quiet.MoreAvailable, (quiet.Commands ?? []).Count));
        Assert.Equal((SyncStatus.Success, "4", false, 0), (again.Status, again.SyncKey, again.MoreAvailable, (again.Commands ?? []).Count));
    }

    [Fact]
    public async Task Sync_NewMailBetweenWindows_IsAddedOnceAfterTheOlderItems()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(30);
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("0", 10));
        device.Apply(await _h.SyncAsync(device.Key, 10));
        StoredItem late = await _h.DeliverAsync();

        await device.FollowAsync(k => _h.SyncAsync(k, 10));

        Assert.Equal([.. items.Select(i => i.ServerId), late.ServerId], device.Log.Select(c => c.ServerId));
    }

    [Fact]
    public async Task Sync_ItemChangedAfterItWasSent_IsAChange()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[1]);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Change, items[1].ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal("1", (await SyncHarness.WireAsync(answer)).Descendants(SyncHarness.Email + "Read").Single().Value);
    }

    [Fact]
    public async Task Sync_ItemAddedAndChangedWithinOneWindow_IsOneAddWithItsLatestState()
    {
        await _h.DeliverAsync();
        DeviceFolder device = await _h.SyncToEndAsync();
        StoredItem item = await _h.DeliverAsync();
        await _h.MarkReadAsync(item);
        await _h.MarkReadAsync(item, read: false);
        await _h.MarkReadAsync(item);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Add, item.ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal("1", (await SyncHarness.WireAsync(answer)).Descendants(SyncHarness.Email + "Read").Single().Value);
    }

    [Fact]
    public async Task Sync_ItemChangedWhileItsAddWasPending_IsAChangeAfterTheCommit()
    {
        await _h.SyncAsync("0");
        StoredItem item = await _h.DeliverAsync();
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("1"));
        await _h.MarkReadAsync(item);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Change, item.ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
    }

    [Fact]
    public async Task Sync_ItemMovedInIsAnAdd_ItemMovedOutIsADelete()
    {
        Folder other = await _h.Mailbox.Store.CreateFolderAsync(_h.User.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem leaving = await _h.DeliverAsync();
        StoredItem arriving = await _h.DeliverAsync(folder: other);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.Mailbox.Store.MoveItemAsync(_h.User.Id, leaving.Id, other.Id, None);
        await _h.Mailbox.Store.MoveItemAsync(_h.User.Id, arriving.Id, _h.Inbox.Id, None);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);
        device.Apply(answer);

        Assert.Equal(
            [(SyncCommandKind.Delete, leaving.ServerId), (SyncCommandKind.Add, $"{_h.Inbox.Id}:{arriving.Id}")],
            answer.Commands!.Select(c => (c.Kind, c.ServerId)));
    }

    [Fact]
    public async Task Sync_ServerDeletesAnItemTheDeviceHas_SendsADelete()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(3);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[1].Id, None);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Delete, items[1].ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal([items[0].ServerId, items[2].ServerId], device.Items.Order());
    }

    [Fact]
    public async Task Sync_ItemAddedAndDeletedBeforeTheDeviceSawIt_SendsNothingAndKeepsTheKey()
    {
        await _h.DeliverAsync();
        DeviceFolder device = await _h.SyncToEndAsync();
        StoredItem brief = await _h.DeliverAsync();
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, brief.Id, None);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key);

        Assert.Equal((device.Key, 0), (answer.SyncKey, (answer.Commands ?? []).Count));
    }

    [Fact]
    public async Task Sync_DeletionsNeverSentAreNotCountedAgainstTheWindow()
    {
        await _h.SyncAsync("0");
        IReadOnlyList<StoredItem> brief = await _h.DeliverManyAsync(30);
        foreach (StoredItem item in brief)
        {
            await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, item.Id, None);
        }

        IReadOnlyList<StoredItem> kept = await _h.DeliverManyAsync(5);

        SyncCollectionResponse answer = await _h.SyncAsync("1", 10);

        Assert.Equal(kept.Select(i => (SyncCommandKind.Add, i.ServerId)), answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.False(answer.MoreAvailable);
    }
}
