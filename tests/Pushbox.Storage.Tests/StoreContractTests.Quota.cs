using System.Data.Common;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Tests;

/// <summary>
/// Mailbox quotas: the running mailbox size every item write keeps in its own transaction (always equal to the sum of
/// the user's item sizes), the user's own limits, the once-per-crossing warning record, the recount, and the migration
/// that fills the size of mailboxes that existed before.
/// </summary>
public abstract partial class StoreContractTests
{
    private const int QuotaMigration = 10;

    [Fact]
    public async Task MailboxUsage_NewUser_IsEmptyWithDefaultLimits()
    {
        User user = await NewUserAsync();

        MailboxUsage usage = (await Store.GetMailboxUsageAsync(user.Id, None))!;

        Assert.Equal(new MailboxUsage(user.Id, 0, UserQuota.Default, null), usage);
        Assert.Null(await Store.GetMailboxUsageAsync(-1, None));
    }

    [Fact]
    public async Task MailboxUsage_FollowsEveryWriteThatAddsChangesOrRemovesItems()
    {
        User user = await NewUserAsync();
        User other = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        Folder sub = await Store.CreateFolderAsync(user.Id, archive.Id, "Sub", FolderType.UserMail, None);
        Folder contacts = await Store.GetStandardFolderAsync(user.Id, FolderType.Contacts, None);

        StoredItem a = await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 1000), None);
        await AssertUsageAsync(user.Id, 1000);

        // Import: many in one transaction.
        IReadOnlyList<StoredItem> imported = await Store.AddEmailsAsync(user.Id, archive.Id, [Email(length: 200), Email(length: 300)], None);
        await Store.AddEmailAsync(user.Id, sub.Id, Email(length: 4000), None);
        await AssertUsageAsync(user.Id, 5500);

        // A structured item counts its record; changing it changes the size by the difference.
        StoredItem contact = await Store.AddItemAsync(user.Id, contacts.Id, ItemClass.Contact, "{\"FirstName\":\"Ann\"}", None);
        long contactSize = contact.Size;
        await AssertUsageAsync(user.Id, 5500 + contactSize);
        StoredItem changed = await Store.UpdateItemAsync(user.Id, contact.Id, "{\"FirstName\":\"Annabelle\",\"LastName\":\"Smith\"}", None);
        await AssertUsageAsync(user.Id, 5500 + changed.Size);

        // A move stays in the mailbox; state changes do not change sizes.
        await Store.MoveItemAsync(user.Id, a.Id, archive.Id, None);
        await Store.UpdateEmailStateAsync(user.Id, a.Id, new EmailStateChange(Read: true), None);
        await AssertUsageAsync(user.Id, 5500 + changed.Size);

        Assert.True(await Store.DeleteItemAsync(user.Id, imported[0].Id, None));
        Assert.False(await Store.DeleteItemAsync(user.Id, imported[0].Id, None));
        await AssertUsageAsync(user.Id, 5300 + changed.Size);

        // Emptying a folder, then deleting a folder with a subfolder: their items leave the mailbox.
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 50), None);
        Assert.Equal(1, await Store.EmptyFolderAsync(user.Id, inbox.Id, deleteSubfolders: false, None));
        await AssertUsageAsync(user.Id, 5300 + changed.Size);
        await Store.DeleteFolderAsync(user.Id, archive.Id, None);
        await AssertUsageAsync(user.Id, changed.Size);

        // Another user's mailbox is apart.
        await AssertUsageAsync(other.Id, 0);
        Assert.Equal(changed.Size, await Store.RecountMailboxSizeAsync(user.Id, None));
    }

    [Fact]
    public async Task MailboxUsage_EmptyFolderWithSubfolders_SubtractsTheSubfoldersToo()
    {
        User user = await NewUserAsync();
        Folder deleted = await Store.GetStandardFolderAsync(user.Id, FolderType.DeletedItems, None);
        Folder child = await Store.CreateFolderAsync(user.Id, deleted.Id, "Old", FolderType.UserMail, None);
        await Store.AddEmailAsync(user.Id, deleted.Id, Email(length: 10), None);
        await Store.AddEmailAsync(user.Id, child.Id, Email(length: 20), None);

        await Store.EmptyFolderAsync(user.Id, deleted.Id, deleteSubfolders: true, None);

        await AssertUsageAsync(user.Id, 0);
    }

    [Fact]
    public async Task MailboxUsage_ConcurrentDeliveriesAndDeletes_EndAtTheSumOfTheItems()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder sent = await Store.GetStandardFolderAsync(user.Id, FolderType.SentItems, None);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            StoredItem item = await Store.AddEmailAsync(user.Id, i % 2 == 0 ? inbox.Id : sent.Id, Email(length: 100 + i), None);
            if (i % 4 == 0)
            {
                await Store.DeleteItemAsync(user.Id, item.Id, None);
            }
        })));

        long expected = Enumerable.Range(0, 16).Where(i => i % 4 != 0).Sum(i => 100L + i);
        await AssertUsageAsync(user.Id, expected);
    }

    [Fact]
    public async Task SetQuota_StoresEachLimit_DefaultUnlimitedOrBytes_AndListShowsEveryUser()
    {
        User user = await NewUserAsync();
        var quota = new UserQuota(QuotaLimit.Of(900), QuotaLimit.Unlimited, QuotaLimit.Default);

        await Directory.SetQuotaAsync(user.Id, quota, None);

        Assert.Equal(quota, (await Store.GetMailboxUsageAsync(user.Id, None))!.Quota);
        Assert.Contains(await Store.ListMailboxUsageAsync(None), u => u.UserId == user.Id && u.Quota == quota);
        await Directory.SetQuotaAsync(user.Id, UserQuota.Default, None);
        Assert.Equal(UserQuota.Default, (await Store.GetMailboxUsageAsync(user.Id, None))!.Quota);
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Directory.SetQuotaAsync(-1, quota, None));
    }

    [Fact]
    public async Task QuotaWarning_IsRecordedOnce_AndClearedWhenTheMailboxShrinksBelowIt()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem big = await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 1000), None);

        Assert.False(await Store.TryMarkQuotaWarnedAsync(user.Id, 2000, None));
        Assert.True(await Store.TryMarkQuotaWarnedAsync(user.Id, 800, None));
        Assert.False(await Store.TryMarkQuotaWarnedAsync(user.Id, 800, None));
        Assert.Equal(800, (await Store.GetMailboxUsageAsync(user.Id, None))!.WarnedAt);

        // Still above the warning size: the record stays.
        StoredItem small = await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 10), None);
        await Store.DeleteItemAsync(user.Id, small.Id, None);
        Assert.Equal(800, (await Store.GetMailboxUsageAsync(user.Id, None))!.WarnedAt);

        // Below it: cleared in the same write, so the next crossing warns again.
        await Store.DeleteItemAsync(user.Id, big.Id, None);
        Assert.Null((await Store.GetMailboxUsageAsync(user.Id, None))!.WarnedAt);
        await Store.AddEmailAsync(user.Id, inbox.Id, Email(length: 900), None);
        Assert.True(await Store.TryMarkQuotaWarnedAsync(user.Id, 800, None));
        await Store.ClearQuotaWarningAsync(user.Id, None);
        Assert.Null((await Store.GetMailboxUsageAsync(user.Id, None))!.WarnedAt);
    }

    [Fact]
    public async Task RecountMailboxSize_RepairsAWrongTotal()
    {
        User user = await NewUserAsync();
        await Store.AddEmailAsync(user.Id, (await InboxAsync(user.Id)).Id, Email(length: 777), None);
        await Fixture.ScalarAsync("UPDATE mailbox_usage SET bytes = 5 WHERE user_id = @UserId RETURNING bytes", new { UserId = user.Id });

        Assert.Equal(777, await Store.RecountMailboxSizeAsync(user.Id, None));
        await AssertUsageAsync(user.Id, 777);
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Store.RecountMailboxSizeAsync(-1, None));
    }

    [Fact]
    public async Task Migrate_ToQuota_FillsTheSizeOfExistingMailboxes()
    {
        StorageOptions options = await Fixture.NewDatabaseAsync();
        await using ServiceProvider services = Fixture.BuildServices(options);
        PushboxDatabase database = services.GetRequiredService<PushboxDatabase>();
        SqlDialect dialect = database.Dialect;
        object now = dialect.ToDb(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        long full, empty;
        DbConnection connection = await database.OpenAsync(None);
        await using (connection)
        {
            await dialect.PrepareDatabaseAsync(connection, None);
            await connection.ExecuteAsync(dialect.MigrationsTableSql);
            foreach (Migration migration in Migration.Load(dialect.MigrationFolder).Where(m => m.Version < QuotaMigration))
            {
                await connection.ExecuteAsync(migration.Sql);
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @Now)",
                    new { migration.Version, migration.Name, Now = now });
            }

            full = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (address, address_key, password_hash, created_at) VALUES ('q@example.com', 'q@example.com', '$h', @Now) RETURNING id", new { Now = now });
            empty = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO users (address, address_key, password_hash, created_at) VALUES ('e@example.com', 'e@example.com', '$h', @Now) RETURNING id", new { Now = now });
            long folder = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO folders (user_id, name, name_key, type, modseq, hierarchy_seq) VALUES (@UserId, 'Inbox', 'inbox', 2, 2, 1) RETURNING id", new { UserId = full });
            foreach ((int seq, int size) in new[] { (1, 1500), (2, 2500) })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO items (user_id, folder_id, item_class, modseq, added_modseq, size, blob_hash, categories, created_at) VALUES (@UserId, @Folder, 1, @Seq, @Seq, @Size, 'abc', '[]', @Now)",
                    new { UserId = full, Folder = folder, Seq = seq, Size = size, Now = now });
            }
        }

        await database.MigrateAsync(None);

        IMailboxStore store = services.GetRequiredService<IMailboxStore>();
        Assert.Equal(new MailboxUsage(full, 4000, UserQuota.Default, null), await store.GetMailboxUsageAsync(full, None));
        Assert.Equal(new MailboxUsage(empty, 0, UserQuota.Default, null), await store.GetMailboxUsageAsync(empty, None));
    }

    private async Task AssertUsageAsync(long userId, long expected)
    {
        Assert.Equal(expected, (await Store.GetMailboxUsageAsync(userId, None))!.Bytes);
        Assert.Equal(expected, await Fixture.ScalarAsync("SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM items WHERE user_id = @UserId", new { UserId = userId }));
    }
}
