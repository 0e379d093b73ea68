using Pushbox.Commands.Hierarchy;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;

namespace Pushbox.Commands.Tests;

public sealed class HierarchySyncTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SqliteMailbox _mailbox = null!;
    private HierarchySync _sync = null!;

    public async Task InitializeAsync()
    {
        _mailbox = await SqliteMailbox.CreateAsync();
        _sync = new HierarchySync(_mailbox.Store, _mailbox.Devices);
    }

    public async Task DisposeAsync() => await _mailbox.DisposeAsync();

    [Fact]
    public async Task SyncKeyZero_ReturnsEveryFolderAsAdd_ParentsFirst()
    {
        Folder parent = await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "Projects", FolderType.UserMail, None);
        await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, parent.Id, "Acme", FolderType.UserMail, None);

        HierarchyDelta delta = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None))!;

        Assert.Equal("1", delta.SyncKey);
        Assert.Equal(13, delta.Changed.Count);
        Assert.All(delta.Changed, e => Assert.True(e.IsAdd));
        Assert.True(IndexOf(delta, "Projects") < IndexOf(delta, "Acme"));
        Assert.Equal(parent.ServerId, delta.Changed.Single(e => e.DisplayName == "Acme").ParentId);
        Assert.Equal("0", delta.Changed.Single(e => e.DisplayName == "Inbox").ParentId);
        Assert.Equal(FolderType.Inbox, delta.Changed.Single(e => e.DisplayName == "Inbox").Type);
    }

    [Fact]
    public async Task SyncCurrentKey_NothingChanged_KeepsTheKey()
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);

        HierarchyDelta delta = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", None))!;

        Assert.Equal(("1", true), (delta.SyncKey, delta.IsEmpty));
    }

    [Fact]
    public async Task SyncCurrentKey_AfterServerChanges_ReportsAddUpdateDeleteAndMovesTheKey()
    {
        Folder renamed = await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "Old", FolderType.UserMail, None);
        Folder doomed = await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "Doomed", FolderType.UserMail, None);
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);
        await _mailbox.Store.UpdateFolderAsync(_mailbox.User.Id, renamed.Id, null, "New", None);
        await _mailbox.Store.DeleteFolderAsync(_mailbox.User.Id, doomed.Id, None);
        Folder added = await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "Added", FolderType.UserCalendar, None);

        HierarchyDelta delta = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", None))!;

        Assert.Equal("2", delta.SyncKey);
        Assert.Equal([(false, renamed.ServerId, "New"), (true, added.ServerId, "Added")], delta.Changed.Select(e => (e.IsAdd, e.ServerId, e.DisplayName)).OrderBy(e => e.ServerId));
        Assert.Equal([doomed.ServerId], delta.Deleted);
        Assert.True((await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "2", None))!.IsEmpty);
    }

    [Fact]
    public async Task SyncPreviousKey_RetriedAfterALostResponse_GetsTheSameAnswerAgain()
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);
        await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "First", FolderType.UserMail, None);
        HierarchyDelta first = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", None))!;
        await _mailbox.Store.CreateFolderAsync(_mailbox.User.Id, null, "Later", FolderType.UserMail, None);

        HierarchyDelta retried = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", None))!;

        Assert.Equal(first.SyncKey, retried.SyncKey);
        Assert.Equal(first.Changed, retried.Changed);
        Assert.Equal(first.Deleted, retried.Deleted);
        HierarchyDelta next = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "2", None))!;
        Assert.Equal(("3", "Later"), (next.SyncKey, next.Changed.Single().DisplayName));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("")]
    public async Task SyncUnknownKey_IsInvalid(string key)
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);

        Assert.Null(await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, key, None));
    }

    [Fact]
    public async Task SyncKeyZeroAgain_GivesTheSameFolderIds()
    {
        HierarchyDelta first = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None))!;
        HierarchyDelta again = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None))!;

        Assert.Equal("2", again.SyncKey);
        Assert.Equal(first.Changed, again.Changed);
    }

    [Fact]
    public async Task Create_WithTheCurrentKey_MovesTheKeyAndIsNotEchoedBack()
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);

        FolderChangeResult result = await _sync.CreateAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", "0", "Receipts", FolderType.UserMail, None);

        Assert.Equal((FolderChangeOutcome.Success, "2"), (result.Outcome, result.SyncKey));
        Assert.NotNull(await _mailbox.Store.GetFolderAsync(_mailbox.User.Id, long.Parse(result.ServerId!, System.Globalization.CultureInfo.InvariantCulture), None));
        HierarchyDelta delta = (await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "2", None))!;
        Assert.True(delta.IsEmpty);
    }

    [Fact]
    public async Task Create_ByOneDevice_ReachesTheOtherAsAnAdd()
    {
        Device other = await _mailbox.AddDeviceAsync("DEVICE2");
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);
        await _sync.SyncAsync(_mailbox.User.Id, other.Id, "0", None);

        await _sync.CreateAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", "0", "Shared", FolderType.UserMail, None);

        HierarchyDelta delta = (await _sync.SyncAsync(_mailbox.User.Id, other.Id, "1", None))!;
        Assert.Equal((true, "Shared"), (delta.Changed.Single().IsAdd, delta.Changed.Single().DisplayName));
    }

    [Fact]
    public async Task Changes_Refused_WithTheirOutcomes()
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);
        Folder inbox = await _mailbox.Store.GetStandardFolderAsync(_mailbox.User.Id, FolderType.Inbox, None);
        long user = _mailbox.User.Id, device = _mailbox.Device.Id;

        Assert.Equal(FolderChangeOutcome.InvalidSyncKey, (await _sync.CreateAsync(user, device, "5", "0", "X", FolderType.UserMail, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.AlreadyExists, (await _sync.CreateAsync(user, device, "1", "0", "inbox", FolderType.UserMail, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.ParentNotFound, (await _sync.CreateAsync(user, device, "1", "999999", "X", FolderType.UserMail, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.InvalidRequest, (await _sync.CreateAsync(user, device, "1", "0", "X", FolderType.Inbox, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.InvalidRequest, (await _sync.CreateAsync(user, device, "1", "0", "   ", FolderType.UserMail, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.SpecialFolder, (await _sync.UpdateAsync(user, device, "1", inbox.ServerId, "0", "Renamed", None)).Outcome);
        Assert.Equal(FolderChangeOutcome.SpecialFolder, (await _sync.DeleteAsync(user, device, "1", inbox.ServerId, None)).Outcome);
        Assert.Equal(FolderChangeOutcome.FolderNotFound, (await _sync.DeleteAsync(user, device, "1", "424242", None)).Outcome);
        Assert.Equal(FolderChangeOutcome.FolderNotFound, (await _sync.UpdateAsync(user, device, "1", "nonsense", "0", "X", None)).Outcome);
    }

    [Fact]
    public async Task UpdateAndDelete_ByTheDevice_AreNotReportedBack()
    {
        await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "0", None);
        FolderChangeResult created = await _sync.CreateAsync(_mailbox.User.Id, _mailbox.Device.Id, "1", "0", "Temp", FolderType.UserMail, None);
        FolderChangeResult renamed = await _sync.UpdateAsync(_mailbox.User.Id, _mailbox.Device.Id, "2", created.ServerId!, "0", "Temp2", None);
        FolderChangeResult deleted = await _sync.DeleteAsync(_mailbox.User.Id, _mailbox.Device.Id, renamed.SyncKey!, created.ServerId!, None);

        Assert.Equal(("3", "4"), (renamed.SyncKey, deleted.SyncKey));
        Assert.True((await _sync.SyncAsync(_mailbox.User.Id, _mailbox.Device.Id, "4", None))!.IsEmpty);
    }

    private static int IndexOf(HierarchyDelta delta, string name) =>
        delta.Changed.Select((e, i) => (e, i)).Single(x => x.e.DisplayName == name).i;
}
