using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>A lost answer replayed after the mailbox moved on, and two requests of one device racing on one collection.</summary>
public sealed class SyncReplayTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Sync_ReplayAfterAnAddedItemWasDeleted_DropsTheAddAndNeverSendsItsDelete()
    {
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("0"));
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(3);
        SyncCollectionResponse lost = await _h.SyncAsync(device.Key);
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[1].Id, None);

        SyncCollectionResponse replay = await _h.SyncAsync(device.Key);
        device.Apply(replay);
        SyncCollectionResponse after = await _h.SyncAsync(device.Key);
        device.Apply(after);

        Assert.Equal(3, lost.Commands!.Count);
        Assert.Equal(lost.SyncKey, replay.SyncKey);
        Assert.Equal([(SyncCommandKind.Add, items[0].ServerId), (SyncCommandKind.Add, items[2].ServerId)], replay.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal((replay.SyncKey, 0), (after.SyncKey, (after.Commands ?? []).Count));
        Assert.Equal([items[0].ServerId, items[2].ServerId], device.Items.Order());
    }

    [Theory]
    [InlineData(false)] // deleted
    [InlineData(true)] // moved to another folder
    public async Task Sync_ReplayAfterAChangedItemLeft_SendsADeleteInsteadAndNotAgainLater(bool moved)
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[0]);
        SyncCollectionResponse lost = await _h.SyncAsync(device.Key);
        if (moved)
        {
            Folder archive = await _h.Mailbox.Store.CreateFolderAsync(_h.User.Id, null, "Archive", FolderType.UserMail, None);
            await _h.Mailbox.Store.MoveItemAsync(_h.User.Id, items[0].Id, archive.Id, None);
        }
        else
        {
            await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[0].Id, None);
        }

        SyncCollectionResponse replay = await _h.SyncAsync(device.Key);
        device.Apply(replay);
        SyncCollectionResponse after = await _h.SyncAsync(device.Key);
        device.Apply(after);

        Assert.Equal([(SyncCommandKind.Change, items[0].ServerId)], lost.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal([(SyncCommandKind.Delete, items[0].ServerId)], replay.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal((lost.SyncKey, lost.MoreAvailable), (replay.SyncKey, replay.MoreAvailable));
        Assert.Equal((replay.SyncKey, 0), (after.SyncKey, (after.Commands ?? []).Count));
        Assert.Equal([items[1].ServerId], device.Items);
    }

    [Fact]
    public async Task Sync_ReplayAfterAnItemChangedAgain_SendsItsCurrentState()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(1);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[0]);
        await _h.SyncAsync(device.Key);
        await _h.MarkReadAsync(items[0], read: false);

        SyncCollectionResponse replay = await _h.SyncAsync(device.Key);

        Assert.Equal([(SyncCommandKind.Change, items[0].ServerId)], replay.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal("0", (await SyncHarness.WireAsync(replay)).Descendants(SyncHarness.Email + "Read").Single().Value);
    }

    public static TheoryData<string> RaceStarts { get; } = new() { "current key", "pending key", "current key with an answer pending" };

    /// <summary>
    /// Round after round, mail arrives and the device sends the same request twice at once (a retry racing the
    /// original). Answers under a new key must be the same answer; whichever answer the device then follows,
    /// it ends up with every item exactly once.
    /// </summary>
    [Theory]
    [MemberData(nameof(RaceStarts))]
    public async Task Sync_TwoConcurrentRequestsOfOneDevice_NeverGiveTwoAnswersForOneKey(string start)
    {
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("0"));
        var all = new List<StoredItem>();
        for (int round = 0; round < 12; round++)
        {
            all.AddRange(await _h.DeliverManyAsync(7));
            string key = device.Key;
            if (start != "current key")
            {
                // The device's last answer is pending: the racing requests present its key, or (lost) the one before.
                SyncCollectionResponse pending = await _h.SyncAsync(device.Key, 5);
                if (start == "pending key")
                {
                    device.Apply(pending);
                    key = device.Key;
                }

                all.AddRange(await _h.DeliverManyAsync(2));
            }

            Task<StoredItem> arriving = _h.DeliverAsync();
            SyncCollectionResponse[] answers = await Task.WhenAll(
                Task.Run(() => _h.SyncAsync(key, 5)),
                Task.Run(() => _h.SyncAsync(key, 5)));
            all.Add(await arriving);

            Assert.All(answers, a => Assert.Contains(a.Status, new[] { SyncStatus.Success, SyncStatus.Retry }));
            SyncCollectionResponse[] moved = [.. answers.Where(a => a.Status == SyncStatus.Success && a.SyncKey != key)];
            if (moved.Length == 2)
            {
                Assert.Equal(moved[0].SyncKey, moved[1].SyncKey);
                Assert.Equal(moved[0].MoreAvailable, moved[1].MoreAvailable);
                Assert.Equal(moved[0].Commands!.Select(c => (c.Kind, c.ServerId)), moved[1].Commands!.Select(c => (c.Kind, c.ServerId)));
            }

            SyncCollectionResponse followed = answers[round % 2].Status == SyncStatus.Success ? answers[round % 2] : answers[1 - (round % 2)];
            device.Apply(followed);
        }

        await device.FollowAsync(k => _h.SyncAsync(k, 5));
        Assert.Equal(all.Select(i => i.ServerId).Order(), device.Items.Order());
        Assert.Equal(all.Count, device.Log.Count(c => c.Kind == SyncCommandKind.Add));
    }

    [Fact]
    public async Task Sync_ConcurrentRequestsCarryingTheSameChange_ApplyItOnceAndEchoNeither()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(10);
        DeviceFolder device = await _h.SyncToEndAsync();
        for (int round = 0; round < 10; round++)
        {
            StoredItem added = await _h.DeliverAsync();
            SyncClientCommand[] change = [SyncHarness.ChangeRead(items[round].ServerId, true)];

            SyncCollectionResponse[] answers = await Task.WhenAll(
                Task.Run(() => _h.SyncAsync(device.Key, commands: change)),
                Task.Run(() => _h.SyncAsync(device.Key, commands: change)));

            Assert.All(answers, a => Assert.Equal(SyncStatus.Success, a.Status));
            Assert.All(answers, a => Assert.Empty(a.Responses ?? [])); // neither calls its twin's change a conflict
            Assert.Equal(answers[0].SyncKey, answers[1].SyncKey);
            Assert.Equal(answers[0].Commands!.Select(c => (c.Kind, c.ServerId)), answers[1].Commands!.Select(c => (c.Kind, c.ServerId)));
            Assert.Contains((SyncCommandKind.Add, added.ServerId), answers[0].Commands!.Select(c => (c.Kind, c.ServerId)));
            Assert.True((await _h.GetAsync(items[round]))!.Email!.Read);
            device.Apply(answers[round % 2]);
        }

        Assert.Empty((await _h.SyncAsync(device.Key)).Commands ?? []);
    }
}
