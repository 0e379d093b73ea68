using System.Xml.Linq;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>The device's own commands in a Sync: Change, Delete and Fetch, conflicts, and what is (not) echoed back.</summary>
public sealed class SyncClientCommandTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(null, FolderType.DeletedItems)] // DeletesAsMoves defaults to true (MS-ASCMD 2.2.3.46)
    [InlineData(true, FolderType.DeletedItems)]
    [InlineData(false, null)] // a hard delete
    public async Task Sync_DevicesOwnDelete_IsAppliedAndNotEchoed(bool? deletesAsMoves, FolderType? endsIn)
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(3);
        DeviceFolder device = await _h.SyncToEndAsync();
        device.Forget(items[1].ServerId);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.Delete(items[1].ServerId)], deletesAsMoves: deletesAsMoves);
        device.Apply(answer);
        SyncCollectionResponse later = await _h.SyncAsync(device.Key);

        Assert.Equal((SyncStatus.Success, 0, 0), (answer.Status, (answer.Commands ?? []).Count, (answer.Responses ?? []).Count));
        Assert.Equal((device.Key, 0), (later.SyncKey, (later.Commands ?? []).Count));
        StoredItem? stored = await _h.GetAsync(items[1]);
        Assert.Equal(endsIn is null ? null : _h.DeletedItems.Id, stored?.FolderId);
    }

    [Fact]
    public async Task Sync_DevicesOwnDeleteRetriedAfterALostAnswer_DeletesOnceAndReplaysTheAnswer()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.DeliverAsync();
        SyncCollectionResponse first = await _h.SyncAsync(device.Key, commands: [SyncHarness.Delete(items[0].ServerId)]);

        SyncCollectionResponse retried = await _h.SyncAsync(device.Key, commands: [SyncHarness.Delete(items[0].ServerId)]);

        // The retried Delete is answered Status 8 when the first request also read the changes after it
        // (its own deletion was passed over then, and no trace of it is kept); a device takes 8 on a Delete as done.
        Assert.All(retried.Responses ?? [], r => Assert.Equal((SyncCommandKind.Delete, SyncStatus.ObjectNotFound), (r.Kind, r.Status)));
        Assert.Equal(first.SyncKey, retried.SyncKey);
        Assert.Equal(first.Commands!.Select(c => (c.Kind, c.ServerId)), retried.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal(_h.DeletedItems.Id, (await _h.GetAsync(items[0]))!.FolderId);
    }

    [Fact]
    public async Task Sync_DeleteOfAnItemAnotherDeviceDeleted_IsStatus8()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[0].Id, None);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.Delete(items[0].ServerId)]);

        Assert.Equal([(SyncCommandKind.Delete, SyncStatus.ObjectNotFound, items[0].ServerId)], answer.Responses!.Select(r => (r.Kind, r.Status, r.ServerId)));
    }

    [Fact]
    public async Task Sync_DevicesOwnChange_IsNotEchoed_ButALaterServerChangeOfTheSameItemIsSent()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();

        SyncCollectionResponse own = await _h.SyncAsync(device.Key, commands: [SyncHarness.ChangeRead(items[0].ServerId, true)]);
        device.Apply(own);
        Assert.True((await _h.GetAsync(items[0]))!.Email!.Read);
        Assert.Empty(own.Commands ?? []);
        Assert.Empty(own.Responses ?? []);

        await _h.MarkReadAsync(items[0], read: false);
        SyncCollectionResponse server = await _h.SyncAsync(device.Key);
        device.Apply(server);

        Assert.Equal([(SyncCommandKind.Change, items[0].ServerId)], server.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal("0", (await SyncHarness.WireAsync(server)).Descendants(SyncHarness.Email + "Read").Single().Value);
    }

    [Fact]
    public async Task Sync_DevicesOwnChangeWhileOtherChangesArrive_OnlyTheOthersAreSent()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(3);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[2]);
        StoredItem added = await _h.DeliverAsync();

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.ChangeRead(items[0].ServerId, true)]);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Change, items[2].ServerId), (SyncCommandKind.Add, added.ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Empty((await _h.SyncAsync(device.Key)).Commands ?? []);
    }

    [Theory]
    [InlineData(null)] // Conflict 1 is the default (MS-ASCMD 2.2.3.34)
    [InlineData(1)]
    public async Task Sync_ClientChangeOfAnItemTheServerChanged_ServerWinsWithStatus7(int? conflict)
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(conflict: conflict));
        await _h.MarkReadAsync(items[0]); // another client, after the device's key

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, options: SyncHarness.Options(conflict: conflict), commands: [SyncHarness.ChangeRead(items[0].ServerId, false), SyncHarness.ChangeRead(items[1].ServerId, true)]);
        device.Apply(answer);

        Assert.Equal([(SyncCommandKind.Change, SyncStatus.Conflict, items[0].ServerId)], answer.Responses!.Select(r => (r.Kind, r.Status, r.ServerId)));
        Assert.True((await _h.GetAsync(items[0]))!.Email!.Read); // not applied
        Assert.True((await _h.GetAsync(items[1]))!.Email!.Read); // the other one was
        Assert.Equal([(SyncCommandKind.Change, items[0].ServerId)], answer.Commands!.Select(c => (c.Kind, c.ServerId)));
        Assert.Equal("1", (await SyncHarness.WireAsync(answer)).Descendants(SyncHarness.Email + "Read").Single().Value);
    }

    [Fact]
    public async Task Sync_ClientChangeThatTheServerAlreadyHas_IsNoConflict()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(1);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[0]); // another client (or the same request, racing) made the same change

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.ChangeRead(items[0].ServerId, true)]);
        device.Apply(answer);

        Assert.Empty(answer.Responses ?? []);
        Assert.True((await _h.GetAsync(items[0]))!.Email!.Read);
    }

    [Fact]
    public async Task Sync_ClientChangeWithConflict0_ClientWinsAndIsNotEchoed()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(1);
        DeviceFolder device = await _h.SyncToEndAsync(options: SyncHarness.Options(conflict: 0));
        await _h.MarkReadAsync(items[0]);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, options: SyncHarness.Options(conflict: 0), commands: [SyncHarness.ChangeRead(items[0].ServerId, false)]);

        Assert.Empty(answer.Responses ?? []);
        Assert.False((await _h.GetAsync(items[0]))!.Email!.Read);
        Assert.Empty(answer.Commands ?? []);
    }

    [Fact]
    public async Task Sync_ClientChangeOfAnItemTheServerChangedInTheAnswerJustAcknowledged_IsApplied()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(1);
        DeviceFolder device = await _h.SyncToEndAsync();
        await _h.MarkReadAsync(items[0]);
        device.Apply(await _h.SyncAsync(device.Key)); // the device gets the server's change

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.ChangeRead(items[0].ServerId, false)]);

        Assert.Empty(answer.Responses ?? []);
        Assert.False((await _h.GetAsync(items[0]))!.Email!.Read);
    }

    [Fact]
    public async Task Sync_ClientChangeThatCannotBeRead_IsStatus6()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(1);
        DeviceFolder device = await _h.SyncToEndAsync();
        var change = new SyncClientCommand(SyncCommandKind.Change, items[0].ServerId, null, null, [new(Pushbox.Wbxml.EasCodePages.EmailTags.Read, "yes", null, [])]);

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [change]);

        Assert.Equal([(SyncCommandKind.Change, SyncStatus.ConversionError)], answer.Responses!.Select(r => (r.Kind, r.Status)));
        Assert.False((await _h.GetAsync(items[0]))!.Email!.Read);
    }

    [Fact]
    public async Task Sync_Fetch_ReturnsTheItemInResponses()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();

        SyncCollectionResponse answer = await _h.SyncAsync(device.Key, commands: [SyncHarness.Fetch(items[1].ServerId)]);

        SyncItemResponse fetched = Assert.Single(answer.Responses!);
        Assert.Equal((SyncCommandKind.Fetch, SyncStatus.Success, items[1].ServerId), (fetched.Kind, fetched.Status, fetched.ServerId));
        XElement fetch = (await SyncHarness.WireAsync(answer)).Descendants(SyncHarness.AirSync + "Fetch").Single();
        Assert.Equal(items[1].Email!.Subject, fetch.Descendants(SyncHarness.Email + "Subject").Single().Value);
    }

    public static TheoryData<string> ForeignIds { get; } = new() { "other folder", "other user", "other user's item under this folder", "no such item", "not a ServerId" };

    [Theory]
    [MemberData(nameof(ForeignIds))]
    public async Task Sync_FetchChangeOrDeleteOfAnItemNotInThisCollection_IsStatus8(string which)
    {
        Folder sent = await _h.Mailbox.Store.GetStandardFolderAsync(_h.User.Id, FolderType.SentItems, None);
        StoredItem mine = await _h.DeliverAsync(folder: sent);
        User other = await _h.Mailbox.Directory.CreateUserAsync(new NewUser("other@example.com", "Other", "$none"), None);
        Folder theirInbox = await _h.Mailbox.Store.GetStandardFolderAsync(other.Id, FolderType.Inbox, None);
        StoredItem theirs = await _h.DeliverAsync(folder: theirInbox, userId: other.Id);
        DeviceFolder device = await _h.SyncToEndAsync();
        string serverId = which switch
        {
            "other folder" => mine.ServerId,
            "other user" => theirs.ServerId,
            "other user's item under this folder" => $"{_h.Inbox.Id}:{theirs.Id}",
            "no such item" => $"{_h.Inbox.Id}:999999",
            _ => "garbage",
        };

        SyncCollectionResponse answer = await _h.SyncAsync(
            device.Key,
            commands: [SyncHarness.Fetch(serverId), SyncHarness.ChangeRead(serverId, true), SyncHarness.Delete(serverId)],
            deletesAsMoves: false);

        Assert.Equal(
            [(SyncCommandKind.Change, SyncStatus.ObjectNotFound), (SyncCommandKind.Delete, SyncStatus.ObjectNotFound), (SyncCommandKind.Fetch, SyncStatus.ObjectNotFound)],
            answer.Responses!.Select(r => (r.Kind, r.Status)).Order());
        Assert.All(answer.Responses!, r => Assert.Null(r.ApplicationData));
        Assert.Equal((sent.Id, false), ((await _h.GetAsync(mine))!.FolderId, (await _h.GetAsync(mine))!.Email!.Read));
        StoredItem? stillTheirs = await _h.Mailbox.Store.GetItemAsync(other.Id, theirs.Id, None);
        Assert.Equal((theirInbox.Id, false), (stillTheirs!.FolderId, stillTheirs.Email!.Read));
    }

    [Fact]
    public async Task Sync_ItemTheDeviceDeletedComesBack_ItIsAddedAndItsLaterDeletionIsSent()
    {
        IReadOnlyList<StoredItem> items = await _h.DeliverManyAsync(2);
        DeviceFolder device = await _h.SyncToEndAsync();
        device.Forget(items[0].ServerId);
        // The device deletes it without asking for changes; before it syncs again, another client puts it back.
        device.Apply(await _h.SyncAsync(device.Key, commands: [SyncHarness.Delete(items[0].ServerId)], getChanges: false));
        await _h.Mailbox.Store.MoveItemAsync(_h.User.Id, items[0].Id, _h.Inbox.Id, None);
        SyncCollectionResponse back = await _h.SyncAsync(device.Key);
        device.Apply(back);
        Assert.Equal([(SyncCommandKind.Add, items[0].ServerId)], back.Commands!.Select(c => (c.Kind, c.ServerId)));

        await _h.Mailbox.Store.DeleteItemAsync(_h.User.Id, items[0].Id, None);
        SyncCollectionResponse deleted = await _h.SyncAsync(device.Key);
        device.Apply(deleted);

        Assert.Equal([(SyncCommandKind.Delete, items[0].ServerId)], (deleted.Commands ?? []).Select(c => (c.Kind, c.ServerId)));
        Assert.Equal([items[1].ServerId], device.Items);
    }
}
