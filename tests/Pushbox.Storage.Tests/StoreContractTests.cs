using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The contract of the storage ports (the XML docs of IDirectory, IMailboxStore and IDeviceStore),
/// run unchanged against every backend: each subclass supplies a <see cref="StorageFixture"/>. Tests
/// share the fixture's database and stay apart by creating their own users.
/// </summary>
public abstract partial class StoreContractTests(StorageFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected StorageFixture Fixture { get; } = fixture;

    private IDirectory Directory => Fixture.Directory;

    private IMailboxStore Store => Fixture.Store;

    private IDeviceStore Devices => Fixture.Devices;

    // ---------------------------------------------------------------- users

    [Fact]
    public async Task CreateUser_NormalizesAddressAndStartsAtCredentialVersionOne()
    {
        string local = "Alice." + Guid.NewGuid().ToString("N");
        User user = await Directory.CreateUserAsync(new NewUser($"  {local}@EXAMPLE.com ", " Alice ", "$hash"), None);

        Assert.Equal($"{local}@example.com", user.Address);
        Assert.Equal("Alice", user.DisplayName);
        Assert.True(user.Enabled);
        Assert.Empty(user.Aliases);
        Assert.Equal(1, user.CredentialVersion);
        Assert.Equal(Fixture.Time.GetUtcNow().UtcTicks / 10 * 10, user.CreatedAt.UtcTicks);

        User? read = await Directory.GetUserAsync(user.Id, None);
        Assert.NotNull(read);
        Assert.Equal(user.Address, read.Address);
        Assert.Equal(user.CreatedAt, read.CreatedAt);
    }

    [Fact]
    public async Task CreateUser_CreatesEveryStandardFolderOnce()
    {
        User user = await NewUserAsync();

        IReadOnlyList<Folder> folders = await Store.GetFoldersAsync(user.Id, None);
        Assert.Equal(StandardFolders.All.Select(f => (f.Name, f.Type)), folders.Select(f => (f.Name, f.Type)));
        Assert.All(folders, f => Assert.Null(f.ParentId));
        Assert.All(folders, f => Assert.Equal(0, f.ModSeq));
        foreach ((string name, FolderType type) in StandardFolders.All.Where(f => StandardFolders.IsStandard(f.Type)))
        {
            Folder folder = await Store.GetStandardFolderAsync(user.Id, type, None);
            Assert.Equal(name, folder.Name);
        }

        HierarchyChanges all = await Store.GetHierarchyChangesAsync(user.Id, 0, None);
        Assert.Equal(StandardFolders.All.Count, all.Changed.Count);
        Assert.Empty(all.Deleted);
        HierarchyChanges none = await Store.GetHierarchyChangesAsync(user.Id, all.HierarchySeq, None);
        Assert.Empty(none.Changed);
    }

    [Fact]
    public async Task GetStandardFolder_NonStandardType_ThrowsFolderNotFound()
    {
        User user = await NewUserAsync();
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.GetStandardFolderAsync(user.Id, FolderType.UserMail, None));
    }

    [Fact]
    public async Task FindUser_ByAddressOrAlias_IgnoresCase()
    {
        User user = await NewUserAsync();
        string alias = NewAddress("alias");
        await Directory.AddAliasAsync(user.Id, alias, None);

        Assert.Equal(user.Id, (await Directory.FindUserAsync(user.Address.ToUpperInvariant(), None))?.Id);
        User? byAlias = await Directory.FindUserAsync(alias.ToLowerInvariant(), None);
        Assert.Equal(user.Id, byAlias?.Id);
        Assert.Equal([EmailAddress.Normalize(alias)], byAlias!.Aliases);
        Assert.Null(await Directory.FindUserAsync(NewAddress("nobody"), None));
        Assert.Null(await Directory.FindUserAsync("not an address", None));
    }

    [Fact]
    public async Task CreateUser_AddressTakenAsAddressOrAliasInAnyCase_IsRefusedAsAddressInUse()
    {
        User user = await NewUserAsync();
        string alias = NewAddress("alias");
        await Directory.AddAliasAsync(user.Id, alias, None);

        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.CreateUserAsync(new NewUser(user.Address.ToUpperInvariant(), "", "$h"), None));
        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.CreateUserAsync(new NewUser(alias.ToUpperInvariant(), "", "$h"), None));
    }

    [Fact]
    public async Task AddAlias_AddressTakenAsAddressOrAliasInAnyCase_IsRefusedAsAddressInUse()
    {
        User first = await NewUserAsync();
        User second = await NewUserAsync();
        string alias = NewAddress("alias");
        await Directory.AddAliasAsync(first.Id, alias, None);

        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.AddAliasAsync(second.Id, alias.ToUpperInvariant(), None));
        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.AddAliasAsync(second.Id, first.Address, None));
        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.AddAliasAsync(first.Id, first.Address.ToUpperInvariant(), None));
        await AssertRefused(MailboxErrorReason.AddressInUse, () => Directory.AddAliasAsync(first.Id, alias, None));
        await AssertRefused(MailboxErrorReason.InvalidAddress, () => Directory.AddAliasAsync(first.Id, "Alias <a@example.com>", None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.AddAliasAsync(long.MaxValue, NewAddress(), None));
    }

    [Fact]
    public async Task CreateUser_InvalidAddress_IsRefusedAsInvalidAddress()
    {
        await AssertRefused(MailboxErrorReason.InvalidAddress, () => Directory.CreateUserAsync(new NewUser("no-at-sign", "", "$h"), None));
    }

    [Fact]
    public async Task CreateUser_SameAddressConcurrently_ExactlyOneWins()
    {
        string address = NewAddress();
        Task<User>[] attempts = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => Directory.CreateUserAsync(new NewUser(i % 2 == 0 ? address : address.ToUpperInvariant(), "", "$h"), None)))
            .ToArray();
        await Task.WhenAll(attempts.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        Assert.Equal(1, attempts.Count(t => t.IsCompletedSuccessfully));
        Assert.All(attempts.Where(t => !t.IsCompletedSuccessfully), t => Assert.Equal(MailboxErrorReason.AddressInUse, Assert.IsType<MailboxException>(t.Exception!.InnerException).Reason));
    }

    [Fact]
    public async Task AliasAndUserForSameAddressConcurrently_AtMostOneWins()
    {
        for (int round = 0; round < 5; round++)
        {
            User owner = await NewUserAsync();
            string address = NewAddress();
            Task create = Task.Run(() => Directory.CreateUserAsync(new NewUser(address, "", "$h"), None));
            Task alias = Task.Run(() => Directory.AddAliasAsync(owner.Id, address.ToUpperInvariant(), None));
            await Task.WhenAll(new[] { create, alias }.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

            Assert.Equal(1, new[] { create, alias }.Count(t => t.IsCompletedSuccessfully));
            Task loser = create.IsCompletedSuccessfully ? alias : create;
            Assert.Equal(MailboxErrorReason.AddressInUse, Assert.IsType<MailboxException>(loser.Exception!.InnerException).Reason);
        }
    }

    [Fact]
    public async Task CredentialVersion_AdvancesOnPasswordAndEnabledChange_NotOnDisplayName()
    {
        User user = await NewUserAsync();

        await Directory.SetPasswordHashAsync(user.Id, "$new", None);
        UserCredentials? afterPassword = await Directory.FindCredentialsAsync(user.Address, None);
        Assert.Equal(2, afterPassword?.CredentialVersion);
        Assert.Equal("$new", afterPassword?.PasswordHash);

        await Directory.SetEnabledAsync(user.Id, false, None);
        UserCredentials? afterDisable = await Directory.FindCredentialsAsync(user.Address, None);
        Assert.Equal(3, afterDisable?.CredentialVersion);
        Assert.False(afterDisable?.Enabled);

        await Directory.SetDisplayNameAsync(user.Id, "Renamed", None);
        User? renamed = await Directory.GetUserAsync(user.Id, None);
        Assert.Equal(3, renamed?.CredentialVersion);
        Assert.Equal("Renamed", renamed?.DisplayName);
        Assert.False(renamed?.Enabled);
    }

    [Fact]
    public async Task FindCredentials_ByAliasInAnyCase_ReturnsTheOwner()
    {
        User user = await NewUserAsync();
        string alias = NewAddress("alias");
        await Directory.AddAliasAsync(user.Id, alias, None);

        UserCredentials? credentials = await Directory.FindCredentialsAsync(alias.ToUpperInvariant(), None);
        Assert.Equal(new UserCredentials(user.Id, user.Address, "$hash", true, 1), credentials);
        Assert.Null(await Directory.FindCredentialsAsync(NewAddress(), None));
    }

    [Fact]
    public async Task RemoveAlias_ReportsWhetherItExisted_AndFreesTheAddress()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        string alias = NewAddress("alias");
        await Directory.AddAliasAsync(user.Id, alias, None);

        Assert.False(await Directory.RemoveAliasAsync(other.Id, alias, None));
        Assert.True(await Directory.RemoveAliasAsync(user.Id, alias.ToUpperInvariant(), None));
        Assert.False(await Directory.RemoveAliasAsync(user.Id, alias, None));
        Assert.Null(await Directory.FindUserAsync(alias, None));
        await Directory.AddAliasAsync(other.Id, alias, None);
        Assert.Equal(other.Id, (await Directory.FindUserAsync(alias, None))?.Id);
    }

    [Fact]
    public async Task ListUsers_OrderedByAddress_WithAliases()
    {
        string tag = Guid.NewGuid().ToString("N");
        User b = await Directory.CreateUserAsync(new NewUser($"b-{tag}@example.com", "", "$h"), None);
        User a = await Directory.CreateUserAsync(new NewUser($"A-{tag}@example.com", "", "$h"), None);
        await Directory.AddAliasAsync(b.Id, $"z-{tag}@example.com", None);
        await Directory.AddAliasAsync(b.Id, $"y-{tag}@example.com", None);

        List<User> mine = (await Directory.ListUsersAsync(None)).Where(u => u.Address.Contains(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal([a.Id, b.Id], mine.Select(u => u.Id));
        Assert.Equal([$"y-{tag}@example.com", $"z-{tag}@example.com"], mine[1].Aliases);
    }

    [Fact]
    public async Task UserChanges_OnMissingUser_ThrowUserNotFound()
    {
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.SetPasswordHashAsync(long.MaxValue, "$h", None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.SetEnabledAsync(long.MaxValue, true, None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.SetDisplayNameAsync(long.MaxValue, "x", None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.DeleteUserAsync(long.MaxValue, None));
        Assert.Null(await Directory.GetUserAsync(long.MaxValue, None));
    }

    [Fact]
    public async Task DeleteUser_LeavesNoRowOfTheUserInAnyTable()
    {
        User user = await NewUserAsync();
        User bystander = await NewUserAsync();
        await Directory.AddAliasAsync(user.Id, NewAddress("alias"), None);
        Folder inbox = await InboxAsync(user.Id);
        Folder parent = await Store.CreateFolderAsync(user.Id, null, "Projects", FolderType.UserMail, None);
        Folder child = await Store.CreateFolderAsync(user.Id, parent.Id, "Pushbox", FolderType.UserMail, None);
        StoredItem kept = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        StoredItem moved = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        await Store.MoveItemAsync(user.Id, moved.Id, child.Id, None);
        StoredItem deleted = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        await Store.DeleteItemAsync(user.Id, deleted.Id, None);
        Folder doomed = await Store.CreateFolderAsync(user.Id, null, "Doomed", FolderType.UserMail, None);
        await Store.DeleteFolderAsync(user.Id, doomed.Id, None);
        Device device = await Devices.TouchDeviceAsync(user.Id, "DEV1", "iPhone", "Apple-iPhone/1", "16.1", None);
        await Devices.TrySaveSyncStateAsync(device.Id, "hierarchy", 0, 1, [1, 2, 3], None);
        Device bystanderDevice = await Devices.TouchDeviceAsync(bystander.Id, "DEV1", "iPhone", "Apple-iPhone/1", "16.1", None);
        long[] folderIds = [.. (await Store.GetFoldersAsync(user.Id, None)).Select(f => f.Id)];
        Assert.True(await CountUserRowsAsync(user.Id, folderIds, device.Id) > 0);

        await Directory.DeleteUserAsync(user.Id, None);

        Assert.Equal(0, await CountUserRowsAsync(user.Id, folderIds, device.Id));
        Assert.Null(await Directory.GetUserAsync(user.Id, None));
        Assert.Null(await Store.GetItemAsync(user.Id, kept.Id, None));
        Assert.Equal(bystander.Id, (await Directory.GetUserAsync(bystander.Id, None))?.Id);
        Assert.Single(await Devices.ListDevicesAsync(bystander.Id, None), d => d.Id == bystanderDevice.Id);
    }

    // ---------------------------------------------------------------- folders

    [Fact]
    public async Task CreateFolder_UnderParent_IsAHierarchyChange()
    {
        User user = await NewUserAsync();
        long before = (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq;

        Folder parent = await Store.CreateFolderAsync(user.Id, null, "Projects", FolderType.UserMail, None);
        Folder child = await Store.CreateFolderAsync(user.Id, parent.Id, " Pushbox ", FolderType.UserMail, None);

        Assert.Equal("Pushbox", child.Name);
        Assert.Equal(parent.Id, child.ParentId);
        Assert.Equal(before + 1, parent.HierarchySeq);
        Assert.Equal(before + 2, child.HierarchySeq);
        HierarchyChanges changes = await Store.GetHierarchyChangesAsync(user.Id, before, None);
        Assert.Equal([parent.Id, child.Id], changes.Changed.Select(f => f.Id));
        Assert.Equal(before + 2, changes.HierarchySeq);
        Assert.Equal(child, await Store.GetFolderAsync(user.Id, child.Id, None));
    }

    [Fact]
    public async Task CreateFolder_SiblingNameInAnyCase_IsRefusedAsInvalidFolderName()
    {
        User user = await NewUserAsync();
        Folder parent = await Store.CreateFolderAsync(user.Id, null, "Projects", FolderType.UserMail, None);
        await Store.CreateFolderAsync(user.Id, parent.Id, "Pushbox", FolderType.UserMail, None);

        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.CreateFolderAsync(user.Id, null, "PROJECTS", FolderType.UserMail, None));
        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.CreateFolderAsync(user.Id, null, "inbox", FolderType.UserMail, None));
        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.CreateFolderAsync(user.Id, parent.Id, "pushbox", FolderType.UserMail, None));
        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.CreateFolderAsync(user.Id, null, "  ", FolderType.UserMail, None));
        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.CreateFolderAsync(user.Id, null, new string('x', 257), FolderType.UserMail, None));

        // The same name elsewhere in the tree, or in another mailbox, is fine.
        await Store.CreateFolderAsync(user.Id, null, "Pushbox", FolderType.UserMail, None);
        User other = await NewUserAsync();
        await Store.CreateFolderAsync(other.Id, null, "Projects", FolderType.UserMail, None);
    }

    [Fact]
    public async Task CreateFolder_OfStandardType_IsRefused()
    {
        User user = await NewUserAsync();
        await AssertRefused(MailboxErrorReason.StandardFolder, () => Store.CreateFolderAsync(user.Id, null, "Second Inbox", FolderType.Inbox, None));
    }

    [Fact]
    public async Task UpdateFolder_RenameAndMove_AreHierarchyChanges()
    {
        User user = await NewUserAsync();
        Folder a = await Store.CreateFolderAsync(user.Id, null, "A", FolderType.UserMail, None);
        Folder b = await Store.CreateFolderAsync(user.Id, null, "B", FolderType.UserMail, None);

        Folder renamed = await Store.UpdateFolderAsync(user.Id, b.Id, null, "Bee", None);
        Assert.Equal(b.HierarchySeq + 1, renamed.HierarchySeq);
        Folder moved = await Store.UpdateFolderAsync(user.Id, b.Id, a.Id, "Bee", None);
        Assert.Equal(a.Id, moved.ParentId);
        Assert.Equal(renamed.HierarchySeq + 1, moved.HierarchySeq);
        Folder unchanged = await Store.UpdateFolderAsync(user.Id, b.Id, a.Id, "Bee", None);
        Assert.Equal(moved, unchanged);

        HierarchyChanges changes = await Store.GetHierarchyChangesAsync(user.Id, b.HierarchySeq, None);
        Assert.Equal([b.Id], changes.Changed.Select(f => f.Id));
        Assert.Equal(moved, changes.Changed[0]);
        Assert.Equal(moved.HierarchySeq, changes.HierarchySeq);
    }

    [Fact]
    public async Task UpdateFolder_ToSiblingsName_IsRefusedAsInvalidFolderName()
    {
        User user = await NewUserAsync();
        await Store.CreateFolderAsync(user.Id, null, "A", FolderType.UserMail, None);
        Folder b = await Store.CreateFolderAsync(user.Id, null, "B", FolderType.UserMail, None);

        await AssertRefused(MailboxErrorReason.InvalidFolderName, () => Store.UpdateFolderAsync(user.Id, b.Id, null, "a", None));
    }

    [Fact]
    public async Task UpdateOrDeleteFolder_StandardFolder_IsRefused()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder parent = await Store.CreateFolderAsync(user.Id, null, "Parent", FolderType.UserMail, None);

        await AssertRefused(MailboxErrorReason.StandardFolder, () => Store.UpdateFolderAsync(user.Id, inbox.Id, null, "Renamed", None));
        await AssertRefused(MailboxErrorReason.StandardFolder, () => Store.UpdateFolderAsync(user.Id, inbox.Id, parent.Id, "Inbox", None));
        await AssertRefused(MailboxErrorReason.StandardFolder, () => Store.DeleteFolderAsync(user.Id, inbox.Id, None));
        Assert.Equal(inbox, await Store.GetFolderAsync(user.Id, inbox.Id, None));
    }

    [Fact]
    public async Task UpdateFolder_UnderItselfOrItsDescendant_IsRefusedAsInvalidParent()
    {
        User user = await NewUserAsync();
        Folder a = await Store.CreateFolderAsync(user.Id, null, "A", FolderType.UserMail, None);
        Folder b = await Store.CreateFolderAsync(user.Id, a.Id, "B", FolderType.UserMail, None);
        Folder c = await Store.CreateFolderAsync(user.Id, b.Id, "C", FolderType.UserMail, None);

        await AssertRefused(MailboxErrorReason.InvalidParent, () => Store.UpdateFolderAsync(user.Id, a.Id, a.Id, "A", None));
        await AssertRefused(MailboxErrorReason.InvalidParent, () => Store.UpdateFolderAsync(user.Id, a.Id, c.Id, "A", None));
        await AssertRefused(MailboxErrorReason.InvalidParent, () => Store.UpdateFolderAsync(user.Id, b.Id, c.Id, "B", None));

        // Moving a subtree up is fine.
        Folder top = await Store.UpdateFolderAsync(user.Id, c.Id, null, "C", None);
        Assert.Null(top.ParentId);
    }

    [Fact]
    public async Task FolderOperations_OnAnotherUsersFolder_ThrowFolderNotFound()
    {
        User owner = await NewUserAsync();
        User intruder = await NewUserAsync();
        Folder folder = await Store.CreateFolderAsync(owner.Id, null, "Private", FolderType.UserMail, None);
        Folder ownerInbox = await InboxAsync(owner.Id);

        Assert.Null(await Store.GetFolderAsync(intruder.Id, folder.Id, None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.UpdateFolderAsync(intruder.Id, folder.Id, null, "Mine", None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.DeleteFolderAsync(intruder.Id, folder.Id, None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.CreateFolderAsync(intruder.Id, folder.Id, "Inside", FolderType.UserMail, None));
        Folder intruderFolder = await Store.CreateFolderAsync(intruder.Id, null, "Mine", FolderType.UserMail, None);
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.UpdateFolderAsync(intruder.Id, intruderFolder.Id, folder.Id, "Mine", None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.AddEmailAsync(intruder.Id, ownerInbox.Id, Email(), None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.GetChangesAsync(intruder.Id, ownerInbox.Id, 0, 10, None));
        Assert.Equal(folder, await Store.GetFolderAsync(owner.Id, folder.Id, None));
    }

    [Fact]
    public async Task DeleteFolder_RemovesSubtreeWithItems_AndReportsEachAsDeleted()
    {
        User user = await NewUserAsync();
        Folder keep = await Store.CreateFolderAsync(user.Id, null, "Keep", FolderType.UserMail, None);
        Folder a = await Store.CreateFolderAsync(user.Id, null, "A", FolderType.UserMail, None);
        Folder b = await Store.CreateFolderAsync(user.Id, a.Id, "B", FolderType.UserMail, None);
        Folder c = await Store.CreateFolderAsync(user.Id, b.Id, "C", FolderType.UserMail, None);
        StoredItem item = await Store.AddEmailAsync(user.Id, c.Id, Email(), None);
        long seq = (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq;

        await Store.DeleteFolderAsync(user.Id, a.Id, None);

        HierarchyChanges changes = await Store.GetHierarchyChangesAsync(user.Id, seq, None);
        Assert.Empty(changes.Changed);
        Assert.Equal(new[] { a.Id, b.Id, c.Id }.Order(), changes.Deleted.Order());
        Assert.Equal(seq + 1, changes.HierarchySeq);
        Assert.Null(await Store.GetFolderAsync(user.Id, c.Id, None));
        Assert.Null(await Store.GetItemAsync(user.Id, item.Id, None));
        Assert.NotNull(await Store.GetFolderAsync(user.Id, keep.Id, None));
        Assert.Empty((await Store.GetHierarchyChangesAsync(user.Id, 0, None)).Deleted);
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.DeleteFolderAsync(user.Id, a.Id, None));
    }

    [Fact]
    public async Task GetFolders_ListsParentsBeforeChildren()
    {
        User user = await NewUserAsync();
        Folder a = await Store.CreateFolderAsync(user.Id, null, "A", FolderType.UserMail, None);
        Folder b = await Store.CreateFolderAsync(user.Id, null, "B", FolderType.UserMail, None);
        Folder c = await Store.CreateFolderAsync(user.Id, b.Id, "C", FolderType.UserMail, None);
        await Store.UpdateFolderAsync(user.Id, a.Id, c.Id, "A", None); // A (older id) now below C

        List<long> order = (await Store.GetFoldersAsync(user.Id, None)).Select(f => f.Id).ToList();
        Assert.True(order.IndexOf(b.Id) < order.IndexOf(c.Id));
        Assert.True(order.IndexOf(c.Id) < order.IndexOf(a.Id));
        Assert.Equal(StandardFolders.All.Count + 3, order.Count);
    }

    [Fact]
    public async Task GetFolderStats_CountsItemsAndBytesPerFolder()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder notes = await Store.GetStandardFolderAsync(user.Id, FolderType.Notes, None);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 100), None);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 250), None);
        await Store.AddItemAsync(user.Id, notes.Id, ItemClass.Note, "{\"body\":\"é\"}", None);

        IReadOnlyList<FolderStats> stats = await Store.GetFolderStatsAsync(user.Id, None);
        Assert.Equal(StandardFolders.All.Count, stats.Count);
        FolderStats inboxStats = stats.Single(s => s.Folder.Id == inbox.Id);
        Assert.Equal((2, 350), (inboxStats.Items, inboxStats.Bytes));
        FolderStats notesStats = stats.Single(s => s.Folder.Id == notes.Id);
        Assert.Equal((1, 13), (notesStats.Items, notesStats.Bytes)); // UTF-8: é is two bytes
        Assert.All(stats.Where(s => s.Folder.Id != inbox.Id && s.Folder.Id != notes.Id), s => Assert.Equal((0, 0), (s.Items, s.Bytes)));
    }

    // ---------------------------------------------------------------- items

    [Fact]
    public async Task AddEmails_Batch_GetsConsecutiveSequencesInOrder()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem before = await Store.AddEmailAsync(user.Id, inbox.Id, Email("before"), None);

        IReadOnlyList<StoredItem> batch = await Store.AddEmailsAsync(user.Id, inbox.Id, [Email("one"), Email("two"), Email("three")], None);

        Assert.Equal([before.ModSeq + 1, before.ModSeq + 2, before.ModSeq + 3], batch.Select(i => i.ModSeq));
        Assert.Equal(["one", "two", "three"], batch.Select(i => i.Email!.Subject));
        Assert.Equal(before.ModSeq + 3, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, before.ModSeq + 1, 10, None);
        Assert.Equal(["two", "three"], changes.Changed.Select(i => i.Email!.Subject));
        Assert.Empty(await Store.AddEmailsAsync(user.Id, inbox.Id, [], None));
    }

    [Fact]
    public async Task AddEmails_IntoTheWrongFolderClass_AddsNone()
    {
        User user = await NewUserAsync();
        Folder contacts = await Store.GetStandardFolderAsync(user.Id, FolderType.Contacts, None);

        await AssertRefused(MailboxErrorReason.WrongFolderClass, () => Store.AddEmailsAsync(user.Id, contacts.Id, [Email(), Email()], None));

        Assert.Equal(0, (await Store.GetFolderAsync(user.Id, contacts.Id, None))!.ModSeq);
    }

    [Fact]
    public async Task AddEmail_RoundTripsTheSummary()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        var flag = new EmailFlag(2, "Follow up", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), DueDate: new DateTimeOffset(2025, 1, 9, 0, 0, 0, TimeSpan.Zero), ReminderSet: true, Ordinal: 7);
        var summary = new EmailSummary(
            "\"Bob\" <bob@example.com>", "alice@example.com", "carol@example.com, dave@example.com", "", "Grüße — ünïcødé",
            new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.FromHours(-5)).AddTicks(1234567), Importance.High, "IPM.Note.SMIME",
            true, flag, ["Red", "Blue category"], true, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], "<m1@example.com>", "Grüße");
        string hash = NewHash();

        StoredItem added = await Store.AddEmailAsync(user.Id, inbox.Id, new NewEmail(new BlobRef(hash, 4321), summary), None);
        StoredItem? read = await Store.GetItemAsync(user.Id, added.Id, None);

        Assert.NotNull(read);
        foreach (StoredItem item in new[] { added, read })
        {
            Assert.Equal((user.Id, inbox.Id, ItemClass.Email, 4321L, hash), (item.UserId, item.FolderId, item.Class, item.Size, item.BlobHash));
            Assert.Null(item.Properties);
            EmailSummary e = item.Email!;
            Assert.Equal((summary.From, summary.To, summary.Cc, summary.ReplyTo, summary.Subject), (e.From, e.To, e.Cc, e.ReplyTo, e.Subject));
            Assert.Equal(summary.DateReceived.UtcTicks / 10 * 10, e.DateReceived.UtcTicks);
            Assert.Equal((summary.Importance, summary.MessageClass, summary.Read, summary.HasAttachments), (e.Importance, e.MessageClass, e.Read, e.HasAttachments));
            Assert.Equal(flag, e.Flag);
            Assert.Equal(summary.Categories, e.Categories);
            Assert.Equal(summary.ConversationId, e.ConversationId);
            Assert.Equal((summary.MessageId, summary.ThreadTopic), (e.MessageId, e.ThreadTopic));
        }

        Assert.Equal(added.ModSeq, read.ModSeq);
        Assert.Equal(added.CreatedAt, read.CreatedAt);
        Assert.Equal($"{inbox.Id}:{added.Id}", read.ServerId);
    }

    [Fact]
    public async Task AddItem_RoundTripsThePropertiesOfAStructuredItem()
    {
        User user = await NewUserAsync();
        Folder contacts = await Store.GetStandardFolderAsync(user.Id, FolderType.Contacts, None);
        const string properties = "{\"fileAs\":\"Müller, Jörg\",\"email1\":\"j@example.com\"}";

        StoredItem added = await Store.AddItemAsync(user.Id, contacts.Id, ItemClass.Contact, properties, None);
        StoredItem? read = await Store.GetItemAsync(user.Id, added.Id, None);

        Assert.Equal((ItemClass.Contact, properties, (long)Encoding.UTF8.GetByteCount(properties)), (read!.Class, read.Properties, read.Size));
        Assert.Null(read.Email);
        Assert.Null(read.BlobHash);
        StoredItem updated = await Store.UpdateItemAsync(user.Id, added.Id, "{}", None);
        Assert.Equal(("{}", 2L, added.ModSeq + 1), (updated.Properties, updated.Size, updated.ModSeq));
        Assert.Equal("{}", (await Store.GetItemAsync(user.Id, added.Id, None))!.Properties);
    }

    [Fact]
    public async Task AddItem_IntoFolderOfAnotherClass_IsRefusedAsWrongFolderClass()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder contacts = await Store.GetStandardFolderAsync(user.Id, FolderType.Contacts, None);

        await AssertRefused(MailboxErrorReason.WrongFolderClass, () => Store.AddEmailAsync(user.Id, contacts.Id, Email(), None));
        await AssertRefused(MailboxErrorReason.WrongFolderClass, () => Store.AddItemAsync(user.Id, inbox.Id, ItemClass.Contact, "{}", None));
        await AssertRefused(MailboxErrorReason.WrongFolderClass, () => Store.AddItemAsync(user.Id, contacts.Id, ItemClass.Task, "{}", None));
        Assert.Equal(0, (await Store.GetFolderAsync(user.Id, contacts.Id, None))!.ModSeq);
    }

    [Fact]
    public async Task ModSeq_AdvancesByExactlyOnePerWrite()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);

        StoredItem a = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        Assert.Equal(1, a.ModSeq);
        StoredItem b = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        Assert.Equal(2, b.ModSeq);
        StoredItem read = await Store.UpdateEmailStateAsync(user.Id, a.Id, new EmailStateChange(Read: true), None);
        Assert.Equal(3, read.ModSeq);
        StoredItem flagged = await Store.UpdateEmailStateAsync(user.Id, a.Id, new EmailStateChange(Flag: new EmailFlag(2)), None);
        Assert.Equal(4, flagged.ModSeq);
        StoredItem moved = await Store.MoveItemAsync(user.Id, b.Id, archive.Id, None);
        Assert.Equal(1, moved.ModSeq);
        Assert.Equal(5, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
        Assert.True(await Store.DeleteItemAsync(user.Id, a.Id, None));
        Assert.Equal(6, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
        Assert.Equal(1, (await Store.GetFolderAsync(user.Id, archive.Id, None))!.ModSeq);
    }

    [Fact]
    public async Task UpdateEmailState_ThatChangesNothing_KeepsTheModSeq()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        StoredItem changed = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: true, Flag: new EmailFlag(2, "Follow up"), Categories: ["A"]), None);

        StoredItem same = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: true, Flag: new EmailFlag(2, "Follow up"), Categories: ["A"]), None);

        Assert.Equal(changed.ModSeq, same.ModSeq);
        Assert.Equal(changed.ModSeq, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
        StoredItem cleared = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(ClearFlag: true, Categories: []), None);
        Assert.Null(cleared.Email!.Flag);
        Assert.Empty(cleared.Email.Categories);
        Assert.True(cleared.Email.Read);
        Assert.Equal(changed.ModSeq + 1, cleared.ModSeq);
    }

    [Fact]
    public async Task ItemChanges_OnAnotherUsersItem_AreRefusedAsNotFound()
    {
        User owner = await NewUserAsync();
        User intruder = await NewUserAsync();
        StoredItem item = await Store.AddEmailAsync(owner.Id, (await InboxAsync(owner.Id)).Id, Email(), None);
        Folder intruderInbox = await InboxAsync(intruder.Id);
        Folder ownerArchive = await Store.CreateFolderAsync(owner.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem intruderItem = await Store.AddEmailAsync(intruder.Id, intruderInbox.Id, Email(), None);

        Assert.Null(await Store.GetItemAsync(intruder.Id, item.Id, None));
        Assert.False(await Store.DeleteItemAsync(intruder.Id, item.Id, None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Store.UpdateEmailStateAsync(intruder.Id, item.Id, new EmailStateChange(Read: true), None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Store.MoveItemAsync(intruder.Id, item.Id, intruderInbox.Id, None));
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Store.UpdateItemAsync(intruder.Id, item.Id, "{}", None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.MoveItemAsync(intruder.Id, intruderItem.Id, ownerArchive.Id, None));
        Assert.NotNull(await Store.GetItemAsync(owner.Id, item.Id, None));
    }

    [Fact]
    public async Task MoveItem_ToFolderOfAnotherClass_IsRefusedAsWrongFolderClass()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder calendar = await Store.GetStandardFolderAsync(user.Id, FolderType.Calendar, None);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);

        await AssertRefused(MailboxErrorReason.WrongFolderClass, () => Store.MoveItemAsync(user.Id, item.Id, calendar.Id, None));
        Assert.Equal(inbox.Id, (await Store.GetItemAsync(user.Id, item.Id, None))!.FolderId);
        Assert.Equal(item.ModSeq, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
    }

    [Fact]
    public async Task DeleteItem_Twice_ReportsFalseTheSecondTime()
    {
        User user = await NewUserAsync();
        StoredItem item = await Store.AddEmailAsync(user.Id, (await InboxAsync(user.Id)).Id, Email(), None);

        Assert.True(await Store.DeleteItemAsync(user.Id, item.Id, None));
        Assert.False(await Store.DeleteItemAsync(user.Id, item.Id, None));
        Assert.Null(await Store.GetItemAsync(user.Id, item.Id, None));
    }

    [Fact]
    public async Task ItemIds_AreUniqueAcrossTheStore_AndNeverReused()
    {
        User first = await NewUserAsync();
        User second = await NewUserAsync();
        var ids = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            ids.Add((await Store.AddEmailAsync(first.Id, (await InboxAsync(first.Id)).Id, Email(), None)).Id);
            ids.Add((await Store.AddEmailAsync(second.Id, (await InboxAsync(second.Id)).Id, Email(), None)).Id);
            ids.Add((await Store.AddItemAsync(second.Id, (await Store.GetStandardFolderAsync(second.Id, FolderType.Notes, None)).Id, ItemClass.Note, "{}", None)).Id);
        }

        await Store.DeleteItemAsync(second.Id, ids[^1], None);
        long next = (await Store.AddEmailAsync(first.Id, (await InboxAsync(first.Id)).Id, Email(), None)).Id;

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.DoesNotContain(next, ids);
    }

    [Fact]
    public async Task ConcurrentWritesToOneFolder_GetDistinctConsecutiveModSeqs()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem[] items = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.AddEmailAsync(user.Id, inbox.Id, Email(), None))));

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), items.Select(i => i.ModSeq).Order());
        Assert.Equal(20, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
    }

    [Fact]
    public async Task ConcurrentOppositeMoves_AllSucceedAndKeepTheLogConsistent()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem[] inInbox = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.AddEmailAsync(user.Id, inbox.Id, Email(), None)));
        StoredItem[] inArchive = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Store.AddEmailAsync(user.Id, archive.Id, Email(), None)));

        await Task.WhenAll(
            inInbox.Select(i => Task.Run(() => Store.MoveItemAsync(user.Id, i.Id, archive.Id, None)))
                .Concat(inArchive.Select(i => Task.Run(() => Store.MoveItemAsync(user.Id, i.Id, inbox.Id, None)))));

        ItemChanges inboxLog = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 1000, None);
        ItemChanges archiveLog = await Store.GetChangesAsync(user.Id, archive.Id, 0, 1000, None);
        Assert.Equal(inArchive.Select(i => i.Id).Order(), inboxLog.Changed.Select(i => i.Id).Order());
        Assert.Equal(inInbox.Select(i => i.Id).Order(), inboxLog.Deleted.Select(d => d.ItemId).Order());
        Assert.Equal(inInbox.Select(i => i.Id).Order(), archiveLog.Changed.Select(i => i.Id).Order());
        Assert.Empty(archiveLog.Changed.Select(i => i.Id).Intersect(archiveLog.Deleted.Select(d => d.ItemId)));

        // Each folder: 8 adds, 8 moves in, 8 moves out, one sequence each.
        Assert.Equal(24, inboxLog.UpToModSeq);
        Assert.Equal(24, archiveLog.UpToModSeq);
    }

    [Fact]
    public async Task FindEmailByContent_FindsTheEmailOnlyInThatFolderOfThatUser()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        string hash = NewHash();
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(hash: hash), None);

        Assert.Equal(item.Id, (await Store.FindEmailByContentAsync(user.Id, inbox.Id, hash, None))?.Id);
        Assert.Null(await Store.FindEmailByContentAsync(user.Id, archive.Id, hash, None));
        Assert.Null(await Store.FindEmailByContentAsync(user.Id, inbox.Id, NewHash(), None));
        Assert.Null(await Store.FindEmailByContentAsync(other.Id, inbox.Id, hash, None));
    }

    [Fact]
    public async Task GetReferencedBlobs_ReturnsOnlyHashesThatAnItemStillNames()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        string kept = NewHash(), deleted = NewHash(), shared = NewHash(), never = NewHash();
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(hash: kept), None);
        StoredItem gone = await Store.AddEmailAsync(user.Id, inbox.Id, Email(hash: deleted), None);
        StoredItem sharedOnce = await Store.AddEmailAsync(user.Id, inbox.Id, Email(hash: shared), None);
        User other = await NewUserAsync();
        await Store.AddEmailAsync(other.Id, (await InboxAsync(other.Id)).Id, Email(hash: shared), None);
        await Store.DeleteItemAsync(user.Id, gone.Id, None);
        await Store.DeleteItemAsync(user.Id, sharedOnce.Id, None);

        IReadOnlySet<string> referenced = await Store.GetReferencedBlobsAsync([kept, deleted, shared, never, kept], None);

        Assert.Equal(new[] { kept, shared }.Order(), referenced.Order());
        Assert.Empty(await Store.GetReferencedBlobsAsync([], None));
    }

    [Fact]
    public async Task GetReferencedBlobs_ManyHashes_AreAnsweredInBatches()
    {
        User user = await NewUserAsync();
        string hash = NewHash();
        await Store.AddEmailAsync(user.Id, (await InboxAsync(user.Id)).Id, Email(hash: hash), None);
        string[] hashes = [.. Enumerable.Range(0, 1200).Select(_ => NewHash()), hash];

        Assert.Equal([hash], await Store.GetReferencedBlobsAsync(hashes, None));
    }

    // ---------------------------------------------------------------- change log

    [Fact]
    public async Task GetChanges_PagesWithLimitAndMoreAvailable_AcrossAddsChangesDeletesAndMoves()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem[] items = new StoredItem[6];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = await Store.AddEmailAsync(user.Id, inbox.Id, Email($"m{i}"), None); // seq 1..6
        }

        long since = (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq; // 6
        await Store.UpdateEmailStateAsync(user.Id, items[0].Id, new EmailStateChange(Read: true), None); // 7: items[0] changed
        await Store.DeleteItemAsync(user.Id, items[1].Id, None);                                        // 8: items[1] deleted
        StoredItem added = await Store.AddEmailAsync(user.Id, inbox.Id, Email("new"), None);           // 9: added
        await Store.MoveItemAsync(user.Id, items[2].Id, archive.Id, None);                              // 10: items[2] moved out
        await Store.UpdateEmailStateAsync(user.Id, items[3].Id, new EmailStateChange(Categories: ["x"]), None); // 11: items[3] changed

        // Page 1: seq 7 and 8.
        ItemChanges page1 = await Store.GetChangesAsync(user.Id, inbox.Id, since, 2, None);
        Assert.Equal([items[0].Id], page1.Changed.Select(i => i.Id));
        Assert.Equal([items[1].Id], page1.Deleted.Select(d => d.ItemId));
        Assert.Equal(8, page1.UpToModSeq);
        Assert.True(page1.MoreAvailable);

        // Page 2: seq 9 and 10.
        ItemChanges page2 = await Store.GetChangesAsync(user.Id, inbox.Id, page1.UpToModSeq, 2, None);
        Assert.Equal([added.Id], page2.Changed.Select(i => i.Id));
        Assert.Equal([items[2].Id], page2.Deleted.Select(d => d.ItemId));
        Assert.Equal(10, page2.UpToModSeq);
        Assert.True(page2.MoreAvailable);

        // Page 3: seq 11, and the end.
        ItemChanges page3 = await Store.GetChangesAsync(user.Id, inbox.Id, page2.UpToModSeq, 2, None);
        Assert.Equal([items[3].Id], page3.Changed.Select(i => i.Id));
        Assert.Empty(page3.Deleted);
        Assert.Equal(11, page3.UpToModSeq);
        Assert.False(page3.MoreAvailable);

        ItemChanges done = await Store.GetChangesAsync(user.Id, inbox.Id, page3.UpToModSeq, 2, None);
        Assert.Equal((0, 0, 11L, false), (done.Changed.Count, done.Deleted.Count, done.UpToModSeq, done.MoreAvailable));

        // All at once, in sequence order.
        ItemChanges all = await Store.GetChangesAsync(user.Id, inbox.Id, since, 100, None);
        Assert.Equal([items[0].Id, added.Id, items[3].Id], all.Changed.Select(i => i.Id));
        Assert.Equal([7L, 9L, 11L], all.Changed.Select(i => i.ModSeq));
        Assert.Equal([items[1].Id, items[2].Id], all.Deleted.Select(d => d.ItemId));
        Assert.Equal((11L, false), (all.UpToModSeq, all.MoreAvailable));

        // From the start: what is there now, and what left.
        ItemChanges initial = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 100, None);
        Assert.Equal([items[4].Id, items[5].Id, items[0].Id, added.Id, items[3].Id], initial.Changed.Select(i => i.Id));
        Assert.Equal([items[1].Id, items[2].Id], initial.Deleted.Select(d => d.ItemId));
    }

    [Fact]
    public async Task GetChanges_LimitExactlyReached_SaysNoMoreAvailable()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);

        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 2, None);

        Assert.Equal((2, 2L, false), (changes.Changed.Count, changes.UpToModSeq, changes.MoreAvailable));
    }

    [Fact]
    public async Task GetChanges_AfterMove_ReportsDeleteInSourceAndAddInDestination()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        long inboxSince = item.ModSeq;

        StoredItem moved = await Store.MoveItemAsync(user.Id, item.Id, archive.Id, None);

        Assert.Equal((item.Id, archive.Id), (moved.Id, moved.FolderId));
        ItemChanges source = await Store.GetChangesAsync(user.Id, inbox.Id, inboxSince, 10, None);
        Assert.Empty(source.Changed);
        Assert.Equal([item.Id], source.Deleted.Select(d => d.ItemId));
        ItemChanges destination = await Store.GetChangesAsync(user.Id, archive.Id, 0, 10, None);
        StoredItem arrived = Assert.Single(destination.Changed);
        Assert.Equal((item.Id, archive.Id, moved.ModSeq), (arrived.Id, arrived.FolderId, arrived.ModSeq));
        Assert.Empty(destination.Deleted);
    }

    [Fact]
    public async Task GetChanges_ItemAddedAndDeletedSinceN_ShowsOnlyAsDeleted()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        long since = (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq;
        StoredItem transient = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        await Store.UpdateEmailStateAsync(user.Id, transient.Id, new EmailStateChange(Read: true), None);
        await Store.DeleteItemAsync(user.Id, transient.Id, None);

        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, since, 10, None);

        Assert.Empty(changes.Changed);
        Assert.Equal([transient.Id], changes.Deleted.Select(d => d.ItemId));
    }

    [Fact]
    public async Task GetChanges_ItemMovedOutAndBack_IsReportedDeletedThenAddedAgain()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);

        await Store.MoveItemAsync(user.Id, item.Id, archive.Id, None);
        StoredItem back = await Store.MoveItemAsync(user.Id, item.Id, inbox.Id, None);

        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 10, None);
        Assert.Equal([(item.Id, 3L, 3L)], changes.Changed.Select(i => (i.Id, i.ModSeq, i.AddedModSeq)));
        Assert.Equal([(item.Id, 2L, 1L)], changes.Deleted.Select(d => (d.ItemId, d.ModSeq, d.AddedModSeq)));
        Assert.Equal(3, back.ModSeq);
        ItemChanges archiveChanges = await Store.GetChangesAsync(user.Id, archive.Id, 0, 10, None);
        Assert.Equal([item.Id], archiveChanges.Deleted.Select(d => d.ItemId));
    }

    [Fact]
    public async Task GetChanges_OnAFolderOfThousands_SinceThreeBeforeTheEnd_ReturnsThree()
    {
        const int count = 5000;
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < count / 4; i++)
            {
                await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
            }
        })));

        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, count - 3, 100, None);

        Assert.Equal([count - 2L, count - 1L, count], changes.Changed.Select(i => i.ModSeq));
        Assert.Empty(changes.Deleted);
        Assert.Equal((count, false), (changes.UpToModSeq, changes.MoreAvailable));
    }

    [Fact]
    public async Task GetChanges_InvalidArguments_AreRejected()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetChangesAsync(user.Id, inbox.Id, 0, 0, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetChangesAsync(user.Id, inbox.Id, -1, 10, None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.GetChangesAsync(user.Id, long.MaxValue, 0, 10, None));
    }

    // ---------------------------------------------------------------- devices and sync state

    [Fact]
    public async Task TouchDevice_CreatesOnFirstSight_ThenUpdatesLastSeenAndUserAgent()
    {
        User user = await NewUserAsync();
        DateTimeOffset first = Fixture.Time.GetUtcNow();

        Device created = await Devices.TouchDeviceAsync(user.Id, "ABC123", "iPhone", "Apple-iPhone/1", "16.1", None);
        Fixture.Time.Advance(TimeSpan.FromMinutes(5));
        Device touched = await Devices.TouchDeviceAsync(user.Id, "ABC123", "iPhone", "Apple-iPhone/2", "14.1", None);

        Assert.Equal(created.Id, touched.Id);
        Assert.Equal((user.Id, "ABC123", "iPhone", DeviceAccessState.Allowed), (created.UserId, created.DeviceId, created.DeviceType, created.AccessState));
        Assert.Equal(first.UtcTicks / 10 * 10, created.FirstSeen.UtcTicks);
        Assert.Equal(created.FirstSeen, touched.FirstSeen);
        Assert.Equal(created.LastSeen + TimeSpan.FromMinutes(5), touched.LastSeen);
        Assert.Equal(("Apple-iPhone/2", "14.1"), (touched.UserAgent, touched.ProtocolVersion));
        Assert.Equal("16.1", created.ProtocolVersion);
        Assert.Equal([touched], await Devices.ListDevicesAsync(user.Id, None));
    }

    [Fact]
    public async Task SetProtocolLog_IsSeenAtTheNextTouch()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "LOGGED", "Android", "UA", "16.1", None);
        Assert.False(device.ProtocolLog);

        await Devices.SetProtocolLogAsync(device.Id, true, None);
        Assert.True((await Devices.TouchDeviceAsync(user.Id, "LOGGED", "Android", "UA", "16.1", None)).ProtocolLog);
        await Devices.SetProtocolLogAsync(device.Id, false, None);
        Assert.False((await Devices.TouchDeviceAsync(user.Id, "LOGGED", "Android", "UA", "16.1", None)).ProtocolLog);
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.SetProtocolLogAsync(long.MaxValue, true, None));
    }

    [Fact]
    public async Task TouchDevice_SameDeviceIdUnderTwoUsers_IsTwoDevices()
    {
        User first = await NewUserAsync();
        User second = await NewUserAsync();

        Device a = await Devices.TouchDeviceAsync(first.Id, "SHARED", "Android", "UA", "16.1", None);
        Device b = await Devices.TouchDeviceAsync(second.Id, "SHARED", "Android", "UA", "16.1", None);

        Assert.NotEqual(a.Id, b.Id);
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Devices.TouchDeviceAsync(long.MaxValue, "X", "Android", "UA", "16.1", None));
    }

    [Fact]
    public async Task ListDevices_MostRecentlySeenFirst()
    {
        User user = await NewUserAsync();
        Device older = await Devices.TouchDeviceAsync(user.Id, "OLD", "Android", "UA", "16.1", None);
        Fixture.Time.Advance(TimeSpan.FromMinutes(2));
        Device newer = await Devices.TouchDeviceAsync(user.Id, "NEW", "Android", "UA", "16.1", None);
        Fixture.Time.Advance(TimeSpan.FromMinutes(2));
        older = await Devices.TouchDeviceAsync(user.Id, "OLD", "Android", "UA", "16.1", None);

        Assert.Equal([older.Id, newer.Id], (await Devices.ListDevicesAsync(user.Id, None)).Select(d => d.Id));
    }

    [Fact]
    public async Task TouchDevice_WithinAMinuteAndUnchanged_DoesNotRewriteLastSeen()
    {
        User user = await NewUserAsync();
        Device first = await Devices.TouchDeviceAsync(user.Id, "QUIET", "Android", "UA", "16.1", None);
        Fixture.Time.Advance(TimeSpan.FromSeconds(30));

        Device again = await Devices.TouchDeviceAsync(user.Id, "QUIET", "Android", "UA", "16.1", None);
        Device upgraded = await Devices.TouchDeviceAsync(user.Id, "QUIET", "Android", "UA", "14.1", None);

        Assert.Equal(first.LastSeen, again.LastSeen);
        Assert.Equal(first.LastSeen + TimeSpan.FromSeconds(30), upgraded.LastSeen);
        Assert.Equal("14.1", upgraded.ProtocolVersion);
    }

    [Fact]
    public async Task SetAccessState_IsKept_AndMissingDeviceIsRefused()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "Q1", "Android", "UA", "16.1", None);

        await Devices.SetAccessStateAsync(device.Id, DeviceAccessState.Quarantined, forgetSyncState: false, None);
        Assert.Equal(DeviceAccessState.Quarantined, (await Devices.ListDevicesAsync(user.Id, None)).Single().AccessState);
        Device touched = await Devices.TouchDeviceAsync(user.Id, "Q1", "Android", "UA", "16.1", None);
        Assert.Equal(DeviceAccessState.Quarantined, touched.AccessState);
        await Devices.SetAccessStateAsync(device.Id, DeviceAccessState.Blocked, forgetSyncState: false, None);
        Assert.Equal(DeviceAccessState.Blocked, (await Devices.ListDevicesAsync(user.Id, None)).Single().AccessState);
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.SetAccessStateAsync(long.MaxValue, DeviceAccessState.Allowed, forgetSyncState: false, None));
    }

    [Fact]
    public async Task DeleteDevice_RemovesItAndItsSyncState()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "D1", "Android", "UA", "16.1", None);
        await Devices.TrySaveSyncStateAsync(device.Id, "hierarchy", 0, 1, [1], None);

        Assert.True(await Devices.DeleteDeviceAsync(device.Id, None));
        Assert.False(await Devices.DeleteDeviceAsync(device.Id, None));
        Assert.Empty(await Devices.ListDevicesAsync(user.Id, None));
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "hierarchy", None));
        Assert.Equal(0, await Fixture.ScalarAsync("SELECT COUNT(*) FROM sync_states WHERE device_id = @Id", new { device.Id }));
    }

    [Fact]
    public async Task SyncState_SavedWithTheExpectedVersion_AdvancesTheVersion_AndAStaleVersionLoses()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "S1", "Android", "UA", "16.1", None);
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "5", None));

        SyncStateRecord? v1 = await Devices.TrySaveSyncStateAsync(device.Id, "5", 0, 3, [1, 2, 3], None);
        Assert.Equal(1, v1?.Version);
        Assert.Null(await Devices.TrySaveSyncStateAsync(device.Id, "5", 0, 3, [9], None));
        SyncStateRecord? v2 = await Devices.TrySaveSyncStateAsync(device.Id, "5", 1, 4, [], None);
        Assert.Equal(2, v2?.Version);
        Assert.Null(await Devices.TrySaveSyncStateAsync(device.Id, "5", 1, 4, [7], None));

        SyncStateRecord? read = await Devices.GetSyncStateAsync(device.Id, "5", None);
        Assert.Equal((2L, 4), (read!.Version, read.FormatVersion));
        Assert.Empty(read.Data);
        Assert.Equal(v2!.UpdatedAt, read.UpdatedAt);
        await AssertRefused(MailboxErrorReason.ItemNotFound, () => Devices.TrySaveSyncStateAsync(long.MaxValue, "5", 0, 1, [1], None));
    }

    [Fact]
    public async Task SyncState_TwoWritersWithTheSameExpectedVersion_ExactlyOneWins()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "RACE", "Android", "UA", "16.1", None);
        for (long expected = 0; expected < 10; expected++)
        {
            long version = expected;
            SyncStateRecord?[] results = await Task.WhenAll(
                Task.Run(() => Devices.TrySaveSyncStateAsync(device.Id, "hierarchy", version, 1, [1], None)),
                Task.Run(() => Devices.TrySaveSyncStateAsync(device.Id, "hierarchy", version, 1, [2], None)));

            SyncStateRecord winner = Assert.Single(results, r => r is not null)!;
            Assert.Equal(expected + 1, winner.Version);
            SyncStateRecord? stored = await Devices.GetSyncStateAsync(device.Id, "hierarchy", None);
            Assert.Equal(winner.Data, stored!.Data);
        }
    }

    [Fact]
    public async Task DeleteSyncState_ForgetsOneCollectionOrAll()
    {
        User user = await NewUserAsync();
        Device device = await Devices.TouchDeviceAsync(user.Id, "DS", "Android", "UA", "16.1", None);
        foreach (string collection in new[] { "hierarchy", "1", "2" })
        {
            await Devices.TrySaveSyncStateAsync(device.Id, collection, 0, 1, [1], None);
        }

        await Devices.DeleteSyncStateAsync(device.Id, "1", None);
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "1", None));
        Assert.NotNull(await Devices.GetSyncStateAsync(device.Id, "2", None));

        await Devices.DeleteSyncStateAsync(device.Id, null, None);
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "2", None));
        Assert.Null(await Devices.GetSyncStateAsync(device.Id, "hierarchy", None));
        Assert.Single(await Devices.ListDevicesAsync(user.Id, None));
    }

    // ---------------------------------------------------------------- migrations

    [Fact]
    public async Task Migrate_RunTwice_AppliesEverythingOnceAndThenNothing()
    {
        PushboxDatabase database = (await Fixture.CreateServicesAsync()).GetRequiredService<PushboxDatabase>();
        Assert.Equal(0, await database.GetSchemaVersionAsync(None));

        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(None));
        Assert.Equal(0, await database.MigrateAsync(None));
        Assert.Equal(database.LatestSchemaVersion, await database.GetSchemaVersionAsync(None));
    }

    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_BothSucceedAndTheSchemaIsBuiltOnce()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider first = Fixture.BuildServices(options);
        ServiceProvider second = Fixture.BuildServices(options);
        PushboxDatabase a = first.GetRequiredService<PushboxDatabase>();
        PushboxDatabase b = second.GetRequiredService<PushboxDatabase>();

        int[] applied = await Task.WhenAll(Task.Run(() => a.MigrateAsync(None)), Task.Run(() => b.MigrateAsync(None)));

        Assert.Equal(a.LatestSchemaVersion, applied.Sum());
        User user = await second.GetRequiredService<IDirectory>().CreateUserAsync(new NewUser(NewAddress(), "", "$h"), None);
        Assert.NotNull(await first.GetRequiredService<IDirectory>().GetUserAsync(user.Id, None));
    }

    // ---------------------------------------------------------------- helpers

    protected static string NewAddress(string local = "user") => $"{local}-{Guid.NewGuid():N}@Example.COM";

    protected static string NewHash() => Convert.ToHexStringLower(SHA256.HashData(Guid.NewGuid().ToByteArray()));

    protected static NewEmail Email(string subject = "Hello", string? hash = null, long length = 1234) =>
        new(new BlobRef(hash ?? NewHash(), length), new EmailSummary(
            "sender@example.com", "rcpt@example.com", "", "", subject, new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero),
            Importance.Normal, "IPM.Note", false, null, [], false, new byte[16], $"<{Guid.NewGuid():N}@example.com>", subject));

    protected async Task<User> NewUserAsync() =>
        await Directory.CreateUserAsync(new NewUser(NewAddress(), "Test User", "$hash"), None);

    protected Task<Folder> InboxAsync(long userId) => Store.GetStandardFolderAsync(userId, FolderType.Inbox, None);

    protected static async Task AssertRefused(MailboxErrorReason reason, Func<Task> action)
    {
        MailboxException e = await Assert.ThrowsAsync<MailboxException>(action);
        Assert.Equal(reason, e.Reason);
    }

    /// <summary>Rows of every table that belong to the user (through its folders and device where the table has no user column).</summary>
    private async Task<long> CountUserRowsAsync(long userId, long[] folderIds, long deviceId)
    {
        long total = 0;
        foreach (string sql in new[]
        {
            "SELECT COUNT(*) FROM users WHERE id = @UserId",
            "SELECT COUNT(*) FROM user_aliases WHERE user_id = @UserId",
            "SELECT COUNT(*) FROM folders WHERE user_id = @UserId",
            "SELECT COUNT(*) FROM folder_tombstones WHERE user_id = @UserId",
            "SELECT COUNT(*) FROM items WHERE user_id = @UserId",
            "SELECT COUNT(*) FROM devices WHERE user_id = @UserId",
            "SELECT COUNT(*) FROM sync_states WHERE device_id = @DeviceId",
        })
        {
            total += await Fixture.ScalarAsync(sql, new { UserId = userId, DeviceId = deviceId });
        }

        foreach (long folderId in folderIds)
        {
            total += await Fixture.ScalarAsync("SELECT COUNT(*) FROM items WHERE folder_id = @FolderId", new { FolderId = folderId });
            total += await Fixture.ScalarAsync("SELECT COUNT(*) FROM item_tombstones WHERE folder_id = @FolderId", new { FolderId = folderId });
        }

        return total;
    }
}
