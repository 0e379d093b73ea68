using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// The full-text index (IMailboxSearch) and the global address list (IGlobalAddressList): what a search
/// finds, that the index follows deletions and moves, paging and totals, pending bodies, profiles,
/// pictures and certificates.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private IMailboxSearch SearchIndex => Fixture.Services.GetRequiredService<IMailboxSearch>();

    private IGlobalAddressList Gal => Fixture.Services.GetRequiredService<IGlobalAddressList>();

    // ---------------------------------------------------------------- mailbox search

    [Fact]
    public async Task Search_FindsWordsByPrefixInSubjectPeopleAndBody_AllWordsMustMatch()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem invoice = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("Quarterly invoice", "Please find the figures attached.", Day), None);
        StoredItem lunch = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("Lunch", "Shall we meet at the Café Crème?", Day.AddHours(1), from: "Zoë Müller <zoe@example.org>"), None);

        Assert.Equal([invoice.Id], await FindAsync(user.Id, "invoice"));
        Assert.Equal([invoice.Id], await FindAsync(user.Id, "INVO"));
        Assert.Equal([invoice.Id], await FindAsync(user.Id, "figures quarterly"));
        Assert.Empty(await FindAsync(user.Id, "figures lunch"));
        Assert.Equal([lunch.Id], await FindAsync(user.Id, "cafe creme"));
        Assert.Equal([lunch.Id], await FindAsync(user.Id, "muller"));
        Assert.Equal([lunch.Id], await FindAsync(user.Id, "example.org"));
        Assert.Equal([lunch.Id, invoice.Id], await FindAsync(user.Id, "rcpt example"));
        Assert.Equal([invoice.Id], await FindAsync(user.Id, "sender rcpt"));
    }

    [Fact]
    public async Task Search_SeesOnlyTheUsersOwnMail()
    {
        User alice = await NewUserAsync();
        User bob = await NewUserAsync();
        string word = "secret" + Guid.NewGuid().ToString("N")[..8];
        StoredItem mine = await Store.AddEmailAsync(alice.Id, (await InboxAsync(alice.Id)).Id, Searchable(word, "x", Day), None);
        await Store.AddEmailAsync(bob.Id, (await InboxAsync(bob.Id)).Id, Searchable(word, "x", Day), None);

        Assert.Equal([mine.Id], await FindAsync(alice.Id, word));
    }

    [Fact]
    public async Task Search_FolderScopeDatesAndConversation_Narrow()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        byte[] conversation = RandomNumberGenerator.GetBytes(16);
        StoredItem early = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("report", "one", Day), None);
        StoredItem late = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("report", "two", Day.AddDays(2), conversation: conversation), None);
        StoredItem archived = await Store.AddEmailAsync(user.Id, archive.Id, Searchable("report", "three", Day.AddDays(1)), None);

        Assert.Equal([archived.Id], await FindAsync(user.Id, new MailboxQuery(["report"], FolderIds: [archive.Id])));
        Assert.Equal([late.Id, early.Id], await FindAsync(user.Id, new MailboxQuery(["report"], FolderIds: [inbox.Id])));
        Assert.Equal([late.Id, archived.Id], await FindAsync(user.Id, new MailboxQuery(["report"], ReceivedAfter: Day)));
        Assert.Equal([early.Id], await FindAsync(user.Id, new MailboxQuery(["report"], ReceivedBefore: Day.AddDays(1))));
        Assert.Equal([late.Id], await FindAsync(user.Id, new MailboxQuery([], ConversationId: conversation)));
        Assert.Equal([late.Id, archived.Id, early.Id], await FindAsync(user.Id, new MailboxQuery([])));
        Assert.Empty(await FindAsync(user.Id, new MailboxQuery(["report"], FolderIds: [])));
    }

    [Fact]
    public async Task Search_PagesNewestFirstWithTheTotal()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        var ids = new List<long>();
        for (int i = 0; i < 7; i++)
        {
            ids.Add((await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("paging", $"n{i}", Day.AddMinutes(i)), None)).Id);
        }

        ids.Reverse();
        MailboxSearchResult first = await SearchIndex.SearchAsync(user.Id, new MailboxQuery(["paging"]), 0, 3, None);
        MailboxSearchResult last = await SearchIndex.SearchAsync(user.Id, new MailboxQuery(["paging"]), 6, 3, None);
        MailboxSearchResult past = await SearchIndex.SearchAsync(user.Id, new MailboxQuery(["paging"]), 10, 3, None);

        Assert.Equal(7, first.Total);
        Assert.Equal(ids.Take(3), first.Items.Select(i => i.Id));
        Assert.Equal(7, last.Total);
        Assert.Equal(ids.Skip(6), last.Items.Select(i => i.Id));
        Assert.Equal(7, past.Total);
        Assert.Empty(past.Items);
    }

    [Fact]
    public async Task Search_FollowsDeletesMovesAndEmptiedFolders()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        Folder scratch = await Store.CreateFolderAsync(user.Id, null, "Scratch", FolderType.UserMail, None);
        StoredItem deleted = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("gone", "x", Day), None);
        StoredItem moved = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("moving", "x", Day), None);
        await Store.AddEmailAsync(user.Id, scratch.Id, Searchable("emptied", "x", Day), None);

        await Store.DeleteItemAsync(user.Id, deleted.Id, None);
        await Store.MoveItemAsync(user.Id, moved.Id, archive.Id, None);
        await Store.EmptyFolderAsync(user.Id, scratch.Id, deleteSubfolders: false, None);

        Assert.Empty(await FindAsync(user.Id, "gone"));
        Assert.Empty(await FindAsync(user.Id, "emptied"));
        Assert.Equal([moved.Id], await FindAsync(user.Id, new MailboxQuery(["moving"], FolderIds: [archive.Id])));
        Assert.Empty(await FindAsync(user.Id, new MailboxQuery(["moving"], FolderIds: [inbox.Id])));
        long rows = Fixture.Provider == StorageProvider.Sqlite
            ? await Fixture.ScalarAsync("SELECT COUNT(*) FROM item_search WHERE rowid = @Id", new { deleted.Id })
            : await Fixture.ScalarAsync("SELECT COUNT(*) FROM item_search WHERE item_id = @Id", new { deleted.Id });
        Assert.Equal(0, rows);
    }

    [Fact]
    public async Task Search_EmailWithoutBodyText_IsFoundByHeadersAndPendingUntilIndexed()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        string word = "pendingword" + Guid.NewGuid().ToString("N")[..6];
        StoredItem item = await Store.AddEmailAsync(user.Id, inbox.Id, Searchable("Headers only", null, Day), None);

        Assert.Equal([item.Id], await FindAsync(user.Id, "headers"));
        Assert.Empty(await FindAsync(user.Id, word));
        Assert.Contains(item.Id, (await SearchIndex.GetPendingAsync(100_000, None)).Select(i => i.Id));

        Assert.True(await SearchIndex.IndexAsync(item, $"the body has {word}", None));

        Assert.Equal([item.Id], await FindAsync(user.Id, word));
        Assert.Equal([item.Id], await FindAsync(user.Id, "headers"));
        Assert.DoesNotContain(item.Id, (await SearchIndex.GetPendingAsync(100_000, None)).Select(i => i.Id));
        await Store.DeleteItemAsync(user.Id, item.Id, None);
        Assert.False(await SearchIndex.IndexAsync(item, "again", None));
    }

    [Fact]
    public async Task Search_BulkAddIndexesEveryEmail()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        IReadOnlyList<StoredItem> added = await Store.AddEmailsAsync(
            user.Id,
            inbox.Id,
            [.. Enumerable.Range(0, 50).Select(i => Searchable($"bulk {i}", i % 2 == 0 ? "even" : "odd", Day.AddSeconds(i)))],
            None);

        MailboxSearchResult even = await SearchIndex.SearchAsync(user.Id, new MailboxQuery(["even", "bulk"]), 0, 100, None);
        Assert.Equal(25, even.Total);
        Assert.Equal(added.Where((_, i) => i % 2 == 0).Select(i => i.Id).Reverse(), even.Items.Select(i => i.Id));
    }

    // ---------------------------------------------------------------- global address list

    [Fact]
    public async Task Gal_FindsEnabledUsersByNamePrefixAliasAndAddress()
    {
        string tag = "t" + Guid.NewGuid().ToString("N")[..8];
        User anne = await Directory.CreateUserAsync(new NewUser($"anne.{tag}@example.com", $"Anne-Marie {tag}", "$h"), None);
        User andre = await Directory.CreateUserAsync(new NewUser($"andre.{tag}@example.com", $"André Ödegaard {tag}", "$h"), None);
        User off = await Directory.CreateUserAsync(new NewUser($"anton.{tag}@example.com", $"Anton {tag}", "$h"), None);
        await Directory.SetEnabledAsync(off.Id, false, None);
        await Gal.SetProfileAsync(anne.Id, new UserProfile(FirstName: "Anne", LastName: "Zander", Title: "CFO", Phone: "+1 555 0100", Alias: "amz"), None);
        await Directory.AddAliasAsync(andre.Id, $"boss.{tag}@example.com", None);

        GalSearchResult all = await Gal.SearchAsync($"an {tag}", 0, 10, None);
        Assert.Equal(2, all.Total);
        Assert.Equal([andre.Id, anne.Id], all.Entries.Select(e => e.UserId));
        Assert.Equal($" andre odegaard {tag} andre {tag} example com boss {tag} example com", (await Fixture.QueryStringsAsync("SELECT gal_key FROM users WHERE id = @Id", new { andre.Id }))[0]);
        Assert.Equal([andre.Id], (await Gal.SearchAsync($"odeg {tag}", 0, 10, None)).Entries.Select(e => e.UserId));
        Assert.Equal([anne.Id], (await Gal.SearchAsync($"zand {tag}", 0, 10, None)).Entries.Select(e => e.UserId));
        Assert.Equal([anne.Id], (await Gal.SearchAsync($"amz {tag}", 0, 10, None)).Entries.Select(e => e.UserId));
        Assert.Equal([andre.Id], (await Gal.SearchAsync($"boss.{tag}", 0, 10, None)).Entries.Select(e => e.UserId));
        Assert.Empty((await Gal.SearchAsync($"anton {tag}", 0, 10, None)).Entries);
        Assert.Empty((await Gal.SearchAsync("  ", 0, 10, None)).Entries);

        GalEntry entry = all.Entries[1];
        Assert.Equal(("Anne", "Zander", "CFO", "+1 555 0100", "amz"), (entry.Profile.FirstName, entry.Profile.LastName, entry.Profile.Title, entry.Profile.Phone, entry.Profile.Alias));
        GalSearchResult page = await Gal.SearchAsync(tag, 1, 1, None);
        Assert.Equal(2, page.Total);
        Assert.Equal([anne.Id], page.Entries.Select(e => e.UserId));

        await Directory.SetDisplayNameAsync(anne.Id, $"Renamed {tag}", None);
        Assert.Equal([anne.Id], (await Gal.SearchAsync($"renamed {tag}", 0, 10, None)).Entries.Select(e => e.UserId));
    }

    [Fact]
    public async Task Gal_PictureIsStoredWithinItsLimit()
    {
        User user = await NewUserAsync();
        byte[] jpeg = RandomNumberGenerator.GetBytes(2048);

        await Gal.SetPictureAsync(user.Id, new UserPicture("image/jpeg", jpeg), None);

        Assert.Equal(jpeg, (await Gal.GetPictureAsync(user.Id, None))?.Data);
        Assert.Equal(2048, (await Gal.GetEntryAsync(user.Id, None))?.PictureSize);
        await Assert.ThrowsAsync<ArgumentException>(() => Gal.SetPictureAsync(user.Id, new UserPicture("image/jpeg", new byte[UserPicture.MaxBytes + 1]), None));
        await Assert.ThrowsAsync<ArgumentException>(() => Gal.SetPictureAsync(user.Id, new UserPicture("text/html", jpeg), None));
        await AssertRefused(MailboxErrorReason.UserNotFound, () => Gal.SetPictureAsync(-1, new UserPicture("image/png", jpeg), None));
        await Gal.SetPictureAsync(user.Id, null, None);
        Assert.Null(await Gal.GetPictureAsync(user.Id, None));
        Assert.Null((await Gal.GetEntryAsync(user.Id, None))?.PictureSize);
    }

    [Fact]
    public async Task Gal_CertificatesAreAddedOnceAndRemovedByThumbprint()
    {
        User user = await NewUserAsync();
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user.Address}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        UserCertificate added = await Gal.AddCertificateAsync(user.Id, certificate.RawData, None);
        await Gal.AddCertificateAsync(user.Id, certificate.RawData, None);

        Assert.Equal(certificate.Thumbprint, added.Thumbprint);
        UserCertificate stored = Assert.Single(await Gal.GetCertificatesAsync(user.Id, None));
        Assert.Equal(certificate.RawData, stored.Data);
        await Assert.ThrowsAsync<ArgumentException>(() => Gal.AddCertificateAsync(user.Id, [1, 2, 3], None));
        Assert.True(await Gal.RemoveCertificateAsync(user.Id, certificate.Thumbprint.ToLowerInvariant(), None));
        Assert.Empty(await Gal.GetCertificatesAsync(user.Id, None));
    }

    private async Task<IReadOnlyList<long>> FindAsync(long userId, string freeText) =>
        await FindAsync(userId, new MailboxQuery(SearchText.Words(freeText)));

    private async Task<IReadOnlyList<long>> FindAsync(long userId, MailboxQuery query) =>
        (await SearchIndex.SearchAsync(userId, query, 0, 100, None)).Items.Select(i => i.Id).ToList();

    private static NewEmail Searchable(string subject, string? body, DateTimeOffset received, string from = "sender@example.com", byte[]? conversation = null) =>
        new(
            new BlobRef(NewHash(), 100),
            new EmailSummary(from, "rcpt@example.com", "", "", subject, received, Importance.Normal, "IPM.Note", false, null, [], false, conversation ?? new byte[16], $"<{Guid.NewGuid():N}@example.com>", subject),
            body);
}
