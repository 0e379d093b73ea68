using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Tests;

/// <summary>
/// What a Sync needs of the store to classify changes without an inventory of each device's items:
/// the sequence at which an item entered its folder (on items and tombstones), date windows, the
/// estimate count, reading items by id and by conversation, and emptying a folder.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Cutoff = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = Cutoff.AddMonths(-6);
    private static readonly DateTimeOffset Recent = Cutoff.AddMonths(5);

    // ---------------------------------------------------------------- added modseq

    [Fact]
    public async Task AddedModSeq_IsSetOnAdd_KeptByStateAndContentChanges_AndResetByAMove()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        Folder notes = await Store.GetStandardFolderAsync(user.Id, FolderType.Notes, None);
        IReadOnlyList<StoredItem> batch = await Store.AddEmailsAsync(user.Id, inbox.Id, [Email(), Email()], None);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        StoredItem note = await Store.AddItemAsync(user.Id, notes.Id, ItemClass.Note, "{}", None);

        Assert.All(batch.Append(item).Append(note), i => Assert.Equal(i.ModSeq, i.AddedModSeq));
        StoredItem read = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: true), None);
        StoredItem flagged = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Flag: new EmailFlag(2)), None);
        StoredItem edited = await Store.UpdateItemAsync(user.Id, note.Id, "{\"body\":\"x\"}", None);
        Assert.Equal((item.ModSeq + 1, item.ModSeq), (read.ModSeq, read.AddedModSeq));
        Assert.Equal((item.ModSeq + 2, item.ModSeq), (flagged.ModSeq, flagged.AddedModSeq));
        Assert.Equal((note.ModSeq + 1, note.ModSeq), (edited.ModSeq, edited.AddedModSeq));
        Assert.Equal(item.ModSeq, (await Store.GetItemAsync(user.Id, item.Id, None))!.AddedModSeq);

        await Store.AddEmailAsync(user.Id, archive.Id, Email(), None); // archive: 1
        StoredItem moved = await Store.MoveItemAsync(user.Id, item.Id, archive.Id, None);
        Assert.Equal((2L, 2L), (moved.ModSeq, moved.AddedModSeq));
        StoredItem movedRead = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: false), None);
        Assert.Equal((3L, 2L), (movedRead.ModSeq, movedRead.AddedModSeq));
        StoredItem back = await Store.MoveItemAsync(user.Id, item.Id, inbox.Id, None);
        Assert.Equal(back.ModSeq, back.AddedModSeq);
        Assert.Equal(back.AddedModSeq, Assert.Single((await Store.GetChangesAsync(user.Id, inbox.Id, flagged.ModSeq, 10, None)).Changed).AddedModSeq);
    }

    [Fact]
    public async Task Tombstones_OfDeletesAndMovesOut_CarryTheAddedModSeqAndTheReceivedDate()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        Folder notes = await Store.GetStandardFolderAsync(user.Id, FolderType.Notes, None);
        DateTimeOffset received = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234567);
        StoredItem deleted = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(received), None);  // 1
        StoredItem moved = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old), None);         // 2
        await Store.UpdateEmailStateAsync(user.Id, deleted.Id, new EmailStateChange(Read: true), None); // 3
        StoredItem note = await Store.AddItemAsync(user.Id, notes.Id, ItemClass.Note, "{}", None);

        await Store.DeleteItemAsync(user.Id, deleted.Id, None);                // 4
        await Store.MoveItemAsync(user.Id, moved.Id, archive.Id, None);        // 5
        await Store.DeleteItemAsync(user.Id, note.Id, None);

        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 10, None);
        Assert.Empty(changes.Changed);
        Assert.Equal(
            [new ItemDeletion(deleted.Id, 4, 1, deleted.Email!.DateReceived), new ItemDeletion(moved.Id, 5, 2, Old)],
            changes.Deleted);
        Assert.Equal(received.UtcTicks / 10 * 10, changes.Deleted[0].DateReceived!.Value.UtcTicks);
        Assert.Equal([new ItemDeletion(note.Id, 2, 1, null)], (await Store.GetChangesAsync(user.Id, notes.Id, 0, 10, None)).Deleted);
    }

    // ---------------------------------------------------------------- date windows

    [Fact]
    public async Task GetChanges_ReceivedSince_LeavesOutOlderItemsAndTombstones_WithoutCountingThemAgainstTheLimit()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder notes = await Store.GetStandardFolderAsync(user.Id, FolderType.Notes, None);
        StoredItem old1 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old), None);      // 1
        StoredItem new2 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);   // 2
        StoredItem old3 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old), None);      // 3
        StoredItem edge4 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Cutoff), None);  // 4: exactly at the cutoff is in
        StoredItem new5 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);   // 5

        ItemChanges first = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 2, None, Cutoff);
        AssertPage(first, [new2.Id, edge4.Id], [], 4, true);
        AssertPage(await Store.GetChangesAsync(user.Id, inbox.Id, first.UpToModSeq, 2, None, Cutoff), [new5.Id], [], 5, false);

        await Store.DeleteItemAsync(user.Id, old1.Id, None);                                                 // 6: out of the window
        await Store.DeleteItemAsync(user.Id, new2.Id, None);                                                 // 7
        await Store.UpdateEmailStateAsync(user.Id, old3.Id, new EmailStateChange(Read: true), None);       // 8: out of the window
        StoredItem new9 = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);            // 9
        await Store.UpdateEmailStateAsync(user.Id, old3.Id, new EmailStateChange(Categories: ["x"]), None); // 10: out of the window

        ItemChanges all = await Store.GetChangesAsync(user.Id, inbox.Id, 5, 2, None, Cutoff);
        AssertPage(all, [new9.Id], [new2.Id], 10, false);
        Assert.Equal(new ItemDeletion(new2.Id, 7, 2, Recent), all.Deleted[0]);

        ItemChanges page1 = await Store.GetChangesAsync(user.Id, inbox.Id, 5, 1, None, Cutoff);
        AssertPage(page1, [], [new2.Id], 7, true);
        AssertPage(await Store.GetChangesAsync(user.Id, inbox.Id, page1.UpToModSeq, 1, None, Cutoff), [new9.Id], [], 10, false);

        AssertPage(await Store.GetChangesAsync(user.Id, inbox.Id, 5, 10, None), [new9.Id, old3.Id], [old1.Id, new2.Id], 10, false);

        // Items without a received date are always in the window.
        StoredItem note = await Store.AddItemAsync(user.Id, notes.Id, ItemClass.Note, "{}", None);
        Assert.Equal([note.Id], (await Store.GetChangesAsync(user.Id, notes.Id, 0, 10, None, Recent)).Changed.Select(i => i.Id));
    }

    [Fact]
    public async Task GetChanges_ReceivedSince_OnAFolderOfThousands_GivesTheSameAnswerFromTheStartAsFromNearTheEnd()
    {
        // A first sync of a large folder with a small window reads the window through the date index;
        // a later one reads the few sequences since. Both must answer exactly as the merge defines.
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        IReadOnlyList<StoredItem> old = await Store.AddEmailsAsync(user.Id, inbox.Id, [.. Enumerable.Range(0, 1500).Select(i => EmailAt(Old.AddMinutes(i)))], None);
        IReadOnlyList<StoredItem> recent = await Store.AddEmailsAsync(user.Id, inbox.Id, [.. Enumerable.Range(0, 5).Select(i => EmailAt(Recent.AddMinutes(i)))], None); // 1501..1505
        await Store.DeleteItemAsync(user.Id, old[10].Id, None);                                          // 1506: out of the window
        await Store.DeleteItemAsync(user.Id, recent[2].Id, None);                                        // 1507
        await Store.UpdateEmailStateAsync(user.Id, recent[0].Id, new EmailStateChange(Read: true), None); // 1508
        await Store.UpdateEmailStateAsync(user.Id, old[20].Id, new EmailStateChange(Read: true), None);   // 1509: out of the window
        await Store.MoveItemAsync(user.Id, recent[4].Id, archive.Id, None);                              // 1510

        AssertPage(await Store.GetChangesAsync(user.Id, inbox.Id, 0, 100, None, Cutoff), [recent[1].Id, recent[3].Id, recent[0].Id], [recent[2].Id, recent[4].Id], 1510, false);

        ItemChanges page1 = await Store.GetChangesAsync(user.Id, inbox.Id, 0, 2, None, Cutoff);
        AssertPage(page1, [recent[1].Id, recent[3].Id], [], 1504, true);
        ItemChanges page2 = await Store.GetChangesAsync(user.Id, inbox.Id, page1.UpToModSeq, 2, None, Cutoff);
        AssertPage(page2, [recent[0].Id], [recent[2].Id], 1508, true);
        AssertPage(await Store.GetChangesAsync(user.Id, inbox.Id, page2.UpToModSeq, 2, None, Cutoff), [], [recent[4].Id], 1510, false);
    }

    [Fact]
    public async Task UpdateEmailState_ClearingAnAbsentFlagAndRepeatingTheRest_ChangesNothing()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);

        StoredItem same = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(Read: false, ClearFlag: true, Categories: []), None);
        StoredItem nothing = await Store.UpdateEmailStateAsync(user.Id, item.Id, new EmailStateChange(), None);

        foreach (StoredItem returned in new[] { same, nothing })
        {
            Assert.Equal((item.ModSeq, item.AddedModSeq, false, null), (returned.ModSeq, returned.AddedModSeq, returned.Email!.Read, returned.Email.Flag));
            Assert.Empty(returned.Email.Categories);
        }

        Assert.Equal(item.ModSeq, (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq);
        Assert.Empty((await Store.GetChangesAsync(user.Id, inbox.Id, item.ModSeq, 10, None)).Changed);
    }

    [Fact]
    public async Task GetItemsReceivedBetween_PagesByDateThenId_WithinTheRangeAndTheAddedModSeq()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        DateTimeOffset from = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), before = from.AddDays(3);
        StoredItem early = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddTicks(-10)), None); // before the range
        StoredItem a = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from), None);
        StoredItem b = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddDays(1)), None);
        StoredItem c = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddDays(1)), None);
        StoredItem d = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddDays(1)), None);
        StoredItem e = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddDays(2)), None);
        StoredItem atBefore = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(before), None);           // "before" is out
        await Store.AddEmailAsync(user.Id, archive.Id, EmailAt(from.AddDays(1)), None);                       // another folder
        long acknowledged = (await Store.GetFolderAsync(user.Id, inbox.Id, None))!.ModSeq;
        StoredItem later = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(from.AddDays(1)), None);     // entered after
        await Store.UpdateEmailStateAsync(user.Id, b.Id, new EmailStateChange(Read: true), None);             // a change keeps b in
        await Store.MoveItemAsync(user.Id, c.Id, archive.Id, None);
        await Store.MoveItemAsync(user.Id, c.Id, inbox.Id, None);                                             // back, but entered anew

        var pages = new List<IReadOnlyList<ReceivedItem>>();
        ReceivedItem? after = null;
        do
        {
            pages.Add(await Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, acknowledged, after, 2, None));
            after = pages[^1].Count > 0 ? pages[^1][^1] : null;
        }
        while (pages[^1].Count == 2);

        Assert.Equal([[a.Id, b.Id], [d.Id, e.Id], []], pages.Select(p => p.Select(r => r.ItemId).ToArray()));
        Assert.Equal(new ReceivedItem(b.Id, from.AddDays(1)), pages[0][1]);
        Assert.Equal(
            [a.Id, b.Id, c.Id, d.Id, later.Id, e.Id],
            (await Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, long.MaxValue, null, 100, None)).Select(r => r.ItemId));
        Assert.Equal(
            [c.Id, d.Id, later.Id, e.Id],
            (await Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, long.MaxValue, new ReceivedItem(b.Id, from.AddDays(1)), 100, None)).Select(r => r.ItemId));
        Assert.DoesNotContain(early.Id, (await Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, long.MaxValue, null, 100, None)).Select(r => r.ItemId));
        Assert.DoesNotContain(atBefore.Id, (await Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, long.MaxValue, null, 100, None)).Select(r => r.ItemId));

        User intruder = await NewUserAsync();
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.GetItemsReceivedBetweenAsync(intruder.Id, inbox.Id, from, before, long.MaxValue, null, 10, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.GetItemsReceivedBetweenAsync(user.Id, inbox.Id, from, before, long.MaxValue, null, 0, None));
    }

    // ---------------------------------------------------------------- estimates

    [Fact]
    public async Task CountChanges_CountsChangedItemsAndTheDeletionsOfItemsADeviceAtSinceCouldHave()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem keptOld = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old), None);      // 1
        StoredItem keptNew = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);   // 2
        StoredItem goneOld = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old), None);      // 3
        StoredItem goneNew = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);   // 4
        const long since = 4;

        await Store.UpdateEmailStateAsync(user.Id, keptOld.Id, new EmailStateChange(Read: true), None); // 5: changed, old
        await Store.UpdateEmailStateAsync(user.Id, keptNew.Id, new EmailStateChange(Read: true), None); // 6: changed
        await Store.DeleteItemAsync(user.Id, goneOld.Id, None);                                          // 7: deleted, old
        await Store.DeleteItemAsync(user.Id, goneNew.Id, None);                                          // 8: deleted
        await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);                            // 9: added
        StoredItem transient = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Recent), None);     // 10
        await Store.DeleteItemAsync(user.Id, transient.Id, None);                                       // 11: added and deleted after "since"

        Assert.Equal(5, await Store.CountChangesAsync(user.Id, inbox.Id, since, null, None));    // changed 5, 6, added 9; deleted 7, 8
        Assert.Equal(3, await Store.CountChangesAsync(user.Id, inbox.Id, since, Cutoff, None));  // 6, 9; 8
        Assert.Equal(3, await Store.CountChangesAsync(user.Id, inbox.Id, 0, null, None));        // the 3 items there; no deletion counts
        Assert.Equal(2, await Store.CountChangesAsync(user.Id, inbox.Id, 0, Cutoff, None));
        Assert.Equal(0, await Store.CountChangesAsync(user.Id, inbox.Id, 11, Cutoff, None));
        ItemChanges changes = await Store.GetChangesAsync(user.Id, inbox.Id, since, 100, None, Cutoff);
        Assert.Equal(4, changes.Changed.Count + changes.Deleted.Count); // GetChanges also names the transient deletion

        User intruder = await NewUserAsync();
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.CountChangesAsync(intruder.Id, inbox.Id, 0, null, None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.CountChangesAsync(user.Id, inbox.Id, -1, null, None));
    }

    [Fact]
    public async Task CountChanges_OnAFolderOfThousands_WithASmallWindow_CountsTheWindow()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        await Store.AddEmailsAsync(user.Id, inbox.Id, [.. Enumerable.Range(0, 1200).Select(_ => EmailAt(Old))], None);
        await Store.AddEmailsAsync(user.Id, inbox.Id, [EmailAt(Recent), EmailAt(Cutoff), EmailAt(Recent)], None);

        Assert.Equal(3, await Store.CountChangesAsync(user.Id, inbox.Id, 0, Cutoff, None));
        Assert.Equal(1203, await Store.CountChangesAsync(user.Id, inbox.Id, 0, null, None));
        Assert.Equal(1, await Store.CountChangesAsync(user.Id, inbox.Id, 1202, Cutoff, None));
    }

    // ---------------------------------------------------------------- items by id and by conversation

    [Fact]
    public async Task GetItems_ReturnsTheUsersItemsInAnyFolderByIdAndLeavesOutTheRest()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        StoredItem first = await Store.AddEmailAsync(user.Id, inbox.Id, Email("first"), None);
        StoredItem second = await Store.AddEmailAsync(user.Id, archive.Id, Email("second"), None);
        StoredItem note = await Store.AddItemAsync(user.Id, (await Store.GetStandardFolderAsync(user.Id, FolderType.Notes, None)).Id, ItemClass.Note, "{}", None);
        StoredItem foreign = await Store.AddEmailAsync(other.Id, (await InboxAsync(other.Id)).Id, Email(), None);
        StoredItem gone = await Store.AddEmailAsync(user.Id, inbox.Id, Email(), None);
        await Store.DeleteItemAsync(user.Id, gone.Id, None);

        IReadOnlyList<StoredItem> items = await Store.GetItemsAsync(user.Id, [note.Id, second.Id, foreign.Id, gone.Id, first.Id, second.Id, long.MaxValue], None);

        Assert.Equal([first.Id, second.Id, note.Id], items.Select(i => i.Id));
        Assert.Equal((archive.Id, "second"), (items[1].FolderId, items[1].Email!.Subject));
        Assert.Equal(first.AddedModSeq, items[0].AddedModSeq);
        Assert.Empty(await Store.GetItemsAsync(user.Id, [], None));

        long[] many = [.. Enumerable.Range(0, 1200).Select(i => long.MaxValue - i), second.Id, first.Id];
        Assert.Equal([first.Id, second.Id], (await Store.GetItemsAsync(user.Id, many, None)).Select(i => i.Id));
    }

    [Fact]
    public async Task GetItemsByConversation_ReturnsTheUsersEmailsOfThatConversationInAnyFolder()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder sent = await Store.GetStandardFolderAsync(user.Id, FolderType.SentItems, None);
        byte[] conversation = Guid.NewGuid().ToByteArray();
        StoredItem received = await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old, conversation), None);
        StoredItem reply = await Store.AddEmailAsync(user.Id, sent.Id, EmailAt(Recent, [.. conversation]), None);
        await Store.AddEmailAsync(user.Id, inbox.Id, EmailAt(Old, Guid.NewGuid().ToByteArray()), None);
        await Store.AddEmailAsync(other.Id, (await InboxAsync(other.Id)).Id, EmailAt(Old, conversation), None);

        IReadOnlyList<StoredItem> thread = await Store.GetItemsByConversationAsync(user.Id, conversation, None);

        Assert.Equal([received.Id, reply.Id], thread.Select(i => i.Id));
        Assert.Equal([inbox.Id, sent.Id], thread.Select(i => i.FolderId));
        Assert.Empty(await Store.GetItemsByConversationAsync(user.Id, Guid.NewGuid().ToByteArray(), None));
        Assert.Empty(await Store.GetItemsByConversationAsync(user.Id, [], None));
    }

    // ---------------------------------------------------------------- emptying a folder

    [Fact]
    public async Task EmptyFolder_DeletesEveryItemWithATombstoneEach_AndKeepsTheSubfolders()
    {
        User user = await NewUserAsync();
        Folder deletedItems = await Store.GetStandardFolderAsync(user.Id, FolderType.DeletedItems, None);
        Folder sub = await Store.CreateFolderAsync(user.Id, deletedItems.Id, "Old projects", FolderType.UserMail, None);
        StoredItem x = await Store.AddEmailAsync(user.Id, deletedItems.Id, EmailAt(Old), None);    // 1
        StoredItem y = await Store.AddEmailAsync(user.Id, deletedItems.Id, EmailAt(Recent), None); // 2
        await Store.UpdateEmailStateAsync(user.Id, x.Id, new EmailStateChange(Read: true), None);    // 3
        StoredItem z = await Store.AddEmailAsync(user.Id, sub.Id, Email(), None);
        long hierarchy = (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq;

        Assert.Equal(2, await Store.EmptyFolderAsync(user.Id, deletedItems.Id, deleteSubfolders: false, None));

        ItemChanges changes = await Store.GetChangesAsync(user.Id, deletedItems.Id, 3, 10, None);
        Assert.Empty(changes.Changed);
        Assert.Equal([new ItemDeletion(x.Id, 4, 1, Old), new ItemDeletion(y.Id, 5, 2, Recent)], changes.Deleted);
        Assert.Equal(5, (await Store.GetFolderAsync(user.Id, deletedItems.Id, None))!.ModSeq);
        Assert.Null(await Store.GetItemAsync(user.Id, x.Id, None));
        Assert.NotNull(await Store.GetItemAsync(user.Id, z.Id, None));
        Assert.NotNull(await Store.GetFolderAsync(user.Id, sub.Id, None));
        Assert.Equal(hierarchy, (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq);

        // Nothing left: nothing changes.
        Assert.Equal(0, await Store.EmptyFolderAsync(user.Id, deletedItems.Id, deleteSubfolders: false, None));
        Assert.Equal(5, (await Store.GetFolderAsync(user.Id, deletedItems.Id, None))!.ModSeq);
        StoredItem again = await Store.AddEmailAsync(user.Id, deletedItems.Id, Email(), None);
        Assert.Equal((6L, 6L), (again.ModSeq, again.AddedModSeq));
    }

    [Fact]
    public async Task EmptyFolder_WithSubfolders_DeletesThemAsOneHierarchyChange()
    {
        User user = await NewUserAsync();
        Folder deletedItems = await Store.GetStandardFolderAsync(user.Id, FolderType.DeletedItems, None);
        Folder keep = await Store.CreateFolderAsync(user.Id, null, "Keep", FolderType.UserMail, None);
        Folder sub = await Store.CreateFolderAsync(user.Id, deletedItems.Id, "Sub", FolderType.UserMail, None);
        Folder subSub = await Store.CreateFolderAsync(user.Id, sub.Id, "SubSub", FolderType.UserMail, None);
        Folder sibling = await Store.CreateFolderAsync(user.Id, deletedItems.Id, "Sibling", FolderType.UserMail, None);
        StoredItem top = await Store.AddEmailAsync(user.Id, deletedItems.Id, Email(), None);
        StoredItem deep = await Store.AddEmailAsync(user.Id, subSub.Id, Email(), None);
        StoredItem kept = await Store.AddEmailAsync(user.Id, keep.Id, Email(), None);
        long hierarchy = (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq;

        Assert.Equal(1, await Store.EmptyFolderAsync(user.Id, deletedItems.Id, deleteSubfolders: true, None));

        HierarchyChanges changes = await Store.GetHierarchyChangesAsync(user.Id, hierarchy, None);
        Assert.Empty(changes.Changed);
        Assert.Equal(new[] { sub.Id, subSub.Id, sibling.Id }.Order(), changes.Deleted.Order());
        Assert.Equal(hierarchy + 1, changes.HierarchySeq);
        Assert.Equal([top.Id], (await Store.GetChangesAsync(user.Id, deletedItems.Id, top.ModSeq, 10, None)).Deleted.Select(d => d.ItemId));
        Assert.NotNull(await Store.GetFolderAsync(user.Id, deletedItems.Id, None));
        Assert.Null(await Store.GetItemAsync(user.Id, deep.Id, None));
        Assert.NotNull(await Store.GetItemAsync(user.Id, kept.Id, None));
        Assert.NotNull(await Store.GetFolderAsync(user.Id, keep.Id, None));

        // No subfolders and no items: no hierarchy change.
        Assert.Equal(0, await Store.EmptyFolderAsync(user.Id, deletedItems.Id, deleteSubfolders: true, None));
        Assert.Equal(hierarchy + 1, (await Store.GetHierarchyChangesAsync(user.Id, 0, None)).HierarchySeq);

        User intruder = await NewUserAsync();
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.EmptyFolderAsync(intruder.Id, keep.Id, deleteSubfolders: false, None));
        await AssertRefused(MailboxErrorReason.FolderNotFound, () => Store.EmptyFolderAsync(intruder.Id, keep.Id, deleteSubfolders: true, None));
        Assert.NotNull(await Store.GetItemAsync(user.Id, kept.Id, None));
    }

    // ---------------------------------------------------------------- migration 5

    [Fact]
    public async Task Migrate_From0004_SetsTheAddedModSeqOfItemsToTheirModSeq_AndLeavesOldTombstonesUnknown()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        ServiceProvider services = Fixture.BuildServices(options);
        PushboxDatabase database = services.GetRequiredService<PushboxDatabase>();
        SqlDialect dialect = database.Dialect;
        object now = dialect.ToDb(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        object received = dialect.ToDb(Recent);
        long userId, folderId, itemId;
        DbConnection connection = await database.OpenAsync(None);
        await using (connection)
        {
            await dialect.PrepareDatabaseAsync(connection, None);
            await connection.ExecuteAsync(dialect.MigrationsTableSql);
            foreach (Migration migration in Migration.Load(dialect.MigrationFolder).Where(m => m.Version <= 4))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = now });
            }

            userId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (address, address_key, password_hash, created_at) VALUES ('v4@example.com', 'v4@example.com', '$h', @Now) RETURNING id",
                new { Now = now });
            folderId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO folders (user_id, name, name_key, type, modseq, hierarchy_seq) VALUES (@UserId, 'Old mail', 'old mail', 12, 7, 1) RETURNING id",
                new { UserId = userId });
            itemId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO items (user_id, folder_id, item_class, modseq, size, blob_hash, subject, date_received, categories, created_at) " +
                "VALUES (@UserId, @FolderId, 1, 6, 10, 'abc', 'Before 5', @Received, '[]', @Now) RETURNING id",
                new { UserId = userId, FolderId = folderId, Received = received, Now = now });
            await connection.ExecuteAsync("INSERT INTO item_tombstones (folder_id, modseq, item_id) VALUES (@FolderId, 7, 12345)", new { FolderId = folderId });
        }

        Assert.Equal(database.LatestSchemaVersion - 4, await database.MigrateAsync(None));

        IMailboxStore store = services.GetRequiredService<IMailboxStore>();
        StoredItem item = (await store.GetItemAsync(userId, itemId, None))!;
        Assert.Equal((6L, 6L, Recent), (item.ModSeq, item.AddedModSeq, item.Email!.DateReceived));
        ItemChanges changes = await store.GetChangesAsync(userId, folderId, 0, 10, None, Cutoff);
        Assert.Equal([itemId], changes.Changed.Select(i => i.Id));
        Assert.Equal([new ItemDeletion(12345, 7, 0, null)], changes.Deleted);
        Assert.Equal(2, await store.CountChangesAsync(userId, folderId, 0, Cutoff, None));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Values for every parameter of the store's date-window queries, to look at their plans.</summary>
    protected static object PlanParameters { get; } = new
    {
        FolderId = 1L, UserId = 1L, Since = 5L, UpTo = 9L, Take = 10L, Half = 50L, Limit = 10, MaxAddedModSeq = 7L, AfterId = 0L, Email = 1,
        ConversationId = new byte[16], Cutoff = Cutoff, From = Cutoff, Before = Recent, AfterDate = Cutoff,
    };

    private static void AssertPage(ItemChanges page, long[] changed, long[] deleted, long upTo, bool moreAvailable)
    {
        Assert.Equal(changed, page.Changed.Select(i => i.Id));
        Assert.Equal(deleted, page.Deleted.Select(d => d.ItemId));
        Assert.Equal((upTo, moreAvailable), (page.UpToModSeq, page.MoreAvailable));
    }

    protected static NewEmail EmailAt(DateTimeOffset received, byte[]? conversationId = null) =>
        new(new BlobRef(NewHash(), 100), new EmailSummary(
            "sender@example.com", "rcpt@example.com", "", "", "Dated", received,
            Importance.Normal, "IPM.Note", false, null, [], false, conversationId ?? new byte[16], $"<{Guid.NewGuid():N}@example.com>", "Dated"));
}
