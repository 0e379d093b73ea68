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
/// the sequence at which an item entered its folder, on items and on tombstones.
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

        Assert.Equal(1, await database.MigrateAsync(None));

        IMailboxStore store = services.GetRequiredService<IMailboxStore>();
        StoredItem item = (await store.GetItemAsync(userId, itemId, None))!;
        Assert.Equal((6L, 6L, Recent), (item.ModSeq, item.AddedModSeq, item.Email!.DateReceived));
        ItemChanges changes = await store.GetChangesAsync(userId, folderId, 0, 10, None);
        Assert.Equal([itemId], changes.Changed.Select(i => i.Id));
        Assert.Equal([new ItemDeletion(12345, 7, 0, null)], changes.Deleted);
    }

    // ---------------------------------------------------------------- helpers

    protected static NewEmail EmailAt(DateTimeOffset received, byte[]? conversationId = null) =>
        new(new BlobRef(NewHash(), 100), new EmailSummary(
            "sender@example.com", "rcpt@example.com", "", "", "Dated", received,
            Importance.Normal, "IPM.Note", false, null, [], false, conversationId ?? new byte[16], $"<{Guid.NewGuid():N}@example.com>", "Dated"));
}
