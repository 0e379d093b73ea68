using Pushbox.Mailbox.Items;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>The sync-key transitions of <see cref="Pushbox.Commands.Sync.CollectionSync"/>, one row per transition (MS-ASCMD 2.2.3.166.4, 3.1.5.3).</summary>
public sealed class SyncKeyTests : IAsyncLifetime
{
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Sync_KeyZero_PrimesWithANewKeyAndNoItems()
    {
        await _h.DeliverManyAsync(3);

        SyncCollectionResponse answer = await _h.SyncAsync("0");

        Assert.Equal((SyncStatus.Success, "1", false), (answer.Status, answer.SyncKey, answer.MoreAvailable));
        Assert.Empty(answer.Commands ?? []);
    }

    [Fact]
    public async Task Sync_KeyZeroLater_RestartsWithANewKeyAndEveryItemAgain()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(3);
        DeviceFolder first = await _h.SyncToEndAsync(); // its last answer (key 2) is not acknowledged yet

        SyncCollectionResponse restart = await _h.SyncAsync("0");
        var again = new DeviceFolder();
        again.Apply(restart);
        await again.FollowAsync(k => _h.SyncAsync(k));

        Assert.Equal(SyncStatus.Success, restart.Status);
        Assert.Empty(restart.Commands ?? []);
        Assert.Equal(items.Select(i => i.ServerId).Order(), again.Items.Order());
        Assert.All(again.Log, c => Assert.Equal(SyncCommandKind.Add, c.Kind));

        // A key names one answer: the restart's key is none that was sent before, the unacknowledged one included.
        Assert.Equal("2", first.Key);
        Assert.Equal("3", restart.SyncKey);
    }

    [Fact]
    public async Task Sync_KeyOfTheAnswerBeforeARestart_IsStatus3()
    {
        await _h.DeliverManyAsync(3);
        await _h.SyncAsync("0");
        SyncCollectionResponse beforeRestart = await _h.SyncAsync("1");
        await _h.SyncAsync("0");

        SyncCollectionResponse stale = await _h.SyncAsync(beforeRestart.SyncKey);

        Assert.Equal((SyncStatus.InvalidSyncKey, "0"), (stale.Status, stale.SyncKey));
    }

    /// <summary>
    /// The device holds key 1 and was sent an answer with key 2 (three Adds) that it has not acknowledged;
    /// one more message has arrived since.
    /// </summary>
    [Theory]
    [InlineData("2", SyncStatus.Success, "3", 1)] // the pending answer's key: committed, the next window goes
    [InlineData("", SyncStatus.Success, "3", 1)] // a short request names no key: the last one sent
    [InlineData("1", SyncStatus.Success, "2", 3)] // the current key with an answer pending: the same answer again
    [InlineData("3", SyncStatus.InvalidSyncKey, "0", 0)] // never issued
    [InlineData("42", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData("abc", SyncStatus.InvalidSyncKey, "0", 0)] // unparseable
    [InlineData("-1", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData("+2", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData(" 2", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData("2.0", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData("99999999999999999999", SyncStatus.InvalidSyncKey, "0", 0)]
    [InlineData("{6DB9F3F0-8C3A-4B5E-9F00-000000000002}", SyncStatus.InvalidSyncKey, "0", 0)]
    public async Task Sync_KeyWithAnAnswerPending_FollowsTheTransitionTable(string presented, SyncStatus status, string key, int commands)
    {
        await _h.DeliverManyAsync(3);
        Assert.Equal("1", (await _h.SyncAsync("0")).SyncKey);
        Assert.Equal("2", (await _h.SyncAsync("1")).SyncKey);
        await _h.DeliverAsync();

        SyncCollectionResponse answer = await _h.SyncAsync(presented);

        Assert.Equal((status, key, commands), (answer.Status, answer.SyncKey, (answer.Commands ?? []).Count));
        Assert.All(answer.Commands ?? [], c => Assert.Equal(SyncCommandKind.Add, c.Kind));
    }

    /// <summary>The device holds key 2, acknowledged; nothing is pending.</summary>
    [Theory]
    [InlineData("2", SyncStatus.Success, "2")] // the current key and no changes: the key stays
    [InlineData("", SyncStatus.Success, "2")]
    [InlineData("1", SyncStatus.InvalidSyncKey, "0")] // the key before: its answer was acknowledged
    [InlineData("3", SyncStatus.InvalidSyncKey, "0")] // never issued
    [InlineData("x", SyncStatus.InvalidSyncKey, "0")]
    public async Task Sync_KeyWithNothingPending_FollowsTheTransitionTable(string presented, SyncStatus status, string key)
    {
        await _h.DeliverManyAsync(3);
        await _h.SyncAsync("0");
        await _h.SyncAsync("1");
        SyncCollectionResponse acknowledged = await _h.SyncAsync("2");
        Assert.Equal(("2", 0), (acknowledged.SyncKey, (acknowledged.Commands ?? []).Count));

        SyncCollectionResponse answer = await _h.SyncAsync(presented);

        Assert.Equal((status, key), (answer.Status, answer.SyncKey));
        Assert.Empty(answer.Commands ?? []);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("abc")]
    public async Task Sync_KeyOfACollectionNeverPrimed_IsStatus3(string presented)
    {
        await _h.DeliverAsync();

        SyncCollectionResponse answer = await _h.SyncAsync(presented);

        Assert.Equal((SyncStatus.InvalidSyncKey, "0"), (answer.Status, answer.SyncKey));
    }

    [Fact]
    public async Task Sync_RepeatedSyncKey_ResendsPreviousResponse()
    {
        await _h.DeliverManyAsync(150);
        await _h.SyncAsync("0");
        SyncCollectionResponse first = await _h.SyncAsync("1", 100);
        await _h.DeliverManyAsync(5);

        SyncCollectionResponse repeated = await _h.SyncAsync("1", 100);

        Assert.Equal((first.SyncKey, first.MoreAvailable), (repeated.SyncKey, repeated.MoreAvailable));
        Assert.True(repeated.MoreAvailable);
        Assert.Equal(Commands(first), Commands(repeated));
        Assert.Equal((await SyncHarness.WireAsync(first)).ToString(), (await SyncHarness.WireAsync(repeated)).ToString());
    }

    [Fact]
    public async Task Sync_RepeatedSyncKey_ResendsChangesAndDeletesAsTheyWere()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(4);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[0]);
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[1].Id, default);
        StoredItem added = await _h.DeliverAsync();
        SyncCollectionResponse first = await _h.SyncAsync(device.Key);
        await _h.DeliverAsync();

        SyncCollectionResponse repeated = await _h.SyncAsync(device.Key);

        Assert.Equal(
            [(SyncCommandKind.Change, items[0].ServerId), (SyncCommandKind.Delete, items[1].ServerId), (SyncCommandKind.Add, added.ServerId)],
            Commands(first));
        Assert.Equal(Commands(first), Commands(repeated));
        Assert.Equal((first.SyncKey, first.MoreAvailable), (repeated.SyncKey, repeated.MoreAvailable));
        Assert.Equal((await SyncHarness.WireAsync(first)).ToString(), (await SyncHarness.WireAsync(repeated)).ToString());
    }

    [Fact]
    public async Task Sync_AfterARepeatedKey_TheNextKeyCommitsAndNothingIsDoubled()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(150);
        var device = new DeviceFolder();
        device.Apply(await _h.SyncAsync("0"));
        string held = device.Key;
        await _h.SyncAsync(held, 100); // lost on the way
        await _h.DeliverManyAsync(5);
        device.Apply(await _h.SyncAsync(held, 100));

        await device.FollowAsync(k => _h.SyncAsync(k, 100));

        Assert.Equal(155, device.Items.Count);
        Assert.Superset(items.Select(i => i.ServerId).ToHashSet(), device.Items.ToHashSet());
        Assert.Equal(SyncStatus.InvalidSyncKey, (await _h.SyncAsync(held, 100)).Status);
    }

    [Fact]
    public async Task Sync_StateSurvivesARestart_PendingAnswerIsReplayedAndCommitted()
    {
        await _h.DeliverManyAsync(150);
        await _h.SyncAsync("0");
        SyncCollectionResponse first = await _h.SyncAsync("1", 100);

        await _h.RestartAsync();
        SyncCollectionResponse repeated = await _h.SyncAsync("1", 100);
        await _h.RestartAsync();
        SyncCollectionResponse next = await _h.SyncAsync(first.SyncKey, 100);

        Assert.Equal(Commands(first), Commands(repeated));
        Assert.Equal(first.SyncKey, repeated.SyncKey);
        Assert.Equal((SyncStatus.Success, "3", 50, false), (next.Status, next.SyncKey, next.Commands!.Count, next.MoreAvailable));
        Assert.Empty(Commands(first).Intersect(Commands(next)));
    }

    private static List<(SyncCommandKind, string)> Commands(SyncCollectionResponse answer) =>
        [.. (answer.Commands ?? []).Select(c => (c.Kind, c.ServerId))];
}
