using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>The collection of tests sharing <see cref="MailServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class MailServer : ICollectionFixture<MailServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Mail server";
}

/// <summary>
/// Email Sync (MS-ASCMD 2.2.1.21) over HTTPS against a real server fed over SMTP, at 12.1, 14.1 and 16.1:
/// whole mailboxes window by window, changes both ways between two devices, a lost response retried,
/// broken messages, and responses valid against the schemas.
/// </summary>
[Collection(MailServer.Name)]
public sealed class EmailSyncTests(MailServerFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace Email = EasNamespaces.Email;

    public static TheoryData<string> Versions { get; } = new() { "12.1", "14.1", "16.1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_ThousandMessageInbox_ArrivesWindowByWindowWithoutGapsOrDuplicates(string version)
    {
        using EasClient client = fixture.Client(MailServerFixture.Bulk, version);
        string inbox = await InboxAsync(client);

        (List<SyncItem> adds, int windows) = await SyncToEndAsync(client, inbox, 100, validate: true);

        Assert.Equal(MailServerFixture.BulkCount / 100, windows);
        Assert.Equal(MailServerFixture.BulkCount, adds.Count);
        Assert.Equal(MailServerFixture.BulkCount, adds.Select(a => a.ServerId).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(1, MailServerFixture.BulkCount).Select(i => string.Create(CultureInfo.InvariantCulture, $"Message {i:D4}")),
            adds.Select(a => a.Email("Subject")).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_RepeatedKeyAfterALostResponse_GetsTheSameItemsAgainAndNothingIsDoubled(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 250);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);
        string key = (await client.SyncAsync(inbox, "0", version: version)).Collection.SyncKey!;

        SyncCollectionResult first = (await client.SyncAsync(inbox, key, 100, version: version)).Collection;
        SyncCollectionResult retried = (await client.SyncAsync(inbox, key, 100, version: version)).Collection;

        Assert.Equal(first.SyncKey, retried.SyncKey);
        Assert.Equal(first.Commands.Select(c => (c.Kind, c.ServerId)), retried.Commands.Select(c => (c.Kind, c.ServerId)));
        var seen = new List<string?>(first.Commands.Select(c => c.ServerId));
        key = retried.SyncKey!;
        bool more = retried.MoreAvailable;
        while (more)
        {
            SyncCollectionResult next = (await client.SyncAsync(inbox, key, 100, version: version)).Collection;
            Assert.Equal(1, next.Status);
            seen.AddRange(next.Commands.Where(c => c.Kind == "Add").Select(c => c.ServerId));
            key = next.SyncKey!;
            more = next.MoreAvailable;
        }

        Assert.Equal(250, seen.Count);
        Assert.Equal(250, seen.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_AfterARetriedKey_TheNextKeyStillWorksAndTheOldOneIsRefused(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 5);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);
        string k1 = (await client.SyncAsync(inbox, "0", version: version)).Collection.SyncKey!;
        string k2 = (await client.SyncAsync(inbox, k1, version: version)).Collection.SyncKey!;
        await fixture.DeliverNumberedAsync(user, 1, first: 6);
        SyncCollectionResult third = (await client.SyncAsync(inbox, k2, version: version)).Collection;

        SyncCollectionResult stale = (await client.SyncAsync(inbox, k1, version: version)).Collection;

        Assert.Single(third.Commands);
        Assert.Equal(3, stale.Status);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_NewMailAndAnotherDevicesChanges_AppearInTheNextSync(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 3);
        using EasClient phone = fixture.Client(user, version);
        using EasClient tablet = fixture.Client(user, version);
        string inbox = await InboxAsync(phone);
        await InboxAsync(tablet);
        (List<SyncItem> phoneItems, string phoneKey) = await FullSyncAsync(phone, inbox);
        (List<SyncItem> tabletItems, string tabletKey) = await FullSyncAsync(tablet, inbox);
        string first = tabletItems.Single(i => i.Email("Subject") == "Message 0001").ServerId!;

        // The tablet marks one read and deletes another; new mail arrives.
        string deleted = tabletItems.Single(i => i.Email("Subject") == "Message 0002").ServerId!;
        var commands = new XElement(
            AirSync + "Commands",
            new XElement(AirSync + "Change", new XElement(AirSync + "ServerId", first), new XElement(AirSync + "ApplicationData", new XElement(Email + "Read", "1"))),
            new XElement(AirSync + "Delete", new XElement(AirSync + "ServerId", deleted)));
        SyncCollectionResult tabletChange = (await tablet.SyncAsync(inbox, tabletKey, commands: commands, version: version)).Collection;
        Assert.Equal(1, tabletChange.Status);
        Assert.Empty(tabletChange.Responses); // successful changes and deletes get no response entry
        await fixture.DeliverNumberedAsync(user, 1, first: 4);

        SyncCollectionResult phoneNext = (await phone.SyncAsync(inbox, phoneKey, version: version)).Collection;
        SyncCollectionResult tabletNext = (await tablet.SyncAsync(inbox, tabletChange.SyncKey!, version: version)).Collection;

        Assert.Equal(1, phoneNext.Status);
        Assert.Contains(phoneNext.Commands, c => c.Kind == "Change" && c.ServerId == first && c.Email("Read") == "1");
        Assert.Contains(phoneNext.Commands, c => c.Kind == "Delete" && c.ServerId == deleted);
        Assert.Contains(phoneNext.Commands, c => c.Kind == "Add" && c.Email("Subject") == "Message 0004");
        Assert.Equal(3, phoneNext.Commands.Count);

        // The tablet is not told of its own changes, only of the new mail.
        SyncItem only = Assert.Single(tabletNext.Commands);
        Assert.Equal("Add", only.Kind);
        Assert.Equal(3, phoneItems.Count);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_DeleteWithDeletesAsMoves_PutsTheMessageInDeletedItems(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 2);
        using EasClient phone = fixture.Client(user, version);
        FolderSyncResult folders = await phone.FolderSyncAsync("0", version);
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        string deletedItems = folders.Adds.Single(f => f.Type == 4).ServerId;
        (List<SyncItem> items, string key) = await FullSyncAsync(phone, inbox);
        string victim = items.Single(i => i.Email("Subject") == "Message 0001").ServerId!;

        SyncCollectionResult afterDelete = (await phone.SyncAsync(inbox, key, commands: new XElement(AirSync + "Commands", new XElement(AirSync + "Delete", new XElement(AirSync + "ServerId", victim))), version: version)).Collection;
        (List<SyncItem> trash, _) = await FullSyncAsync(phone, deletedItems);
        SyncCollectionResult inboxAgain = (await phone.SyncAsync(inbox, afterDelete.SyncKey!, version: version)).Collection;

        Assert.Equal(1, afterDelete.Status);
        Assert.Equal("Message 0001", Assert.Single(trash).Email("Subject"));
        Assert.Empty(inboxAgain.Commands);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_FolderWithBrokenMessages_StillSynchronisesEveryMessage(string version)
    {
        string user = await fixture.NewUserAsync();
        foreach (byte[] broken in BrokenMessages())
        {
            await SmtpDelivery.DeliverRawAsync(fixture.Server.SmtpPort, "sender@remote.invalid", user, broken);
        }

        await fixture.DeliverNumberedAsync(user, 1);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);

        (List<SyncItem> adds, _) = await SyncToEndAsync(client, inbox, 100, validate: true);

        Assert.Equal(BrokenMessages().Count() + 1, adds.Count);
        Assert.All(adds, a => Assert.NotNull(a.ApplicationData));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_TruncatedPlainTextBody_SaysSoAndGivesTheFullSize(string version)
    {
        string user = await fixture.NewUserAsync();
        string text = string.Concat(Enumerable.Repeat("0123456789", 100));
        await fixture.DeliverAsync(user, [SmtpDelivery.TextMessage("sender@remote.invalid", user, "Long", text)]);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);
        string key = (await client.SyncAsync(inbox, "0", options: EasClient.BodyOptions(1, 50), version: version)).Collection.SyncKey!;

        SyncItem item = Assert.Single((await client.SyncAsync(inbox, key, options: EasClient.BodyOptions(1, 50), version: version)).Collection.Commands);

        XNamespace asb = EasNamespaces.AirSyncBase;
        XElement body = item.Body!;
        Assert.Equal("1", body.Element(asb + "Type")?.Value);
        Assert.Equal("1", body.Element(asb + "Truncated")?.Value);
        Assert.Equal(50, Encoding.UTF8.GetByteCount(body.Element(asb + "Data")!.Value));
        Assert.True(long.Parse(body.Element(asb + "EstimatedDataSize")!.Value, CultureInfo.InvariantCulture) >= 1000);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_UnknownKey_IsStatus3AndUnknownFolderIsStatus12(string version)
    {
        using EasClient client = fixture.Client(MailServerFixture.Bulk, version);
        string inbox = await InboxAsync(client);

        SyncCollectionResult unknownKey = (await client.SyncAsync(inbox, "987654", version: version)).Collection;
        SyncCollectionResult unknownFolder = (await client.SyncAsync("99999999", "0", version: version)).Collection;

        Assert.Equal(3, unknownKey.Status);
        Assert.Equal(12, unknownFolder.Status);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Sync_AnotherUsersFolder_IsNotFound(string version)
    {
        string owner = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(owner, 1);
        using EasClient ownerClient = fixture.Client(owner, version);
        string ownersInbox = await InboxAsync(ownerClient);
        using EasClient intruder = fixture.Client(MailServerFixture.Bulk, version);

        SyncCollectionResult result = (await intruder.SyncAsync(ownersInbox, "0", version: version)).Collection;

        Assert.Equal(12, result.Status);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task GetItemEstimate_CountsWhatTheNextSyncBrings_AndNeedsAPrimedCollection(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 250);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);

        XElement unprimed = await EstimateAsync(client, inbox, "0");
        string key = (await client.SyncAsync(inbox, "0", version: version)).Collection.SyncKey!;
        XElement all = await EstimateAsync(client, inbox, key);
        SyncCollectionResult window = (await client.SyncAsync(inbox, key, 100, version: version)).Collection;
        XElement rest = await EstimateAsync(client, inbox, window.SyncKey!);
        XElement wrongKey = await EstimateAsync(client, inbox, "424242");

        XNamespace ns = EasNamespaces.GetItemEstimate;
        Assert.Equal("3", unprimed.Descendants(ns + "Status").Single().Value);
        Assert.Equal("1", all.Descendants(ns + "Status").Single().Value);
        Assert.Equal("250", all.Descendants(ns + "Estimate").Single().Value);
        Assert.Equal("150", rest.Descendants(ns + "Estimate").Single().Value);
        Assert.Equal("4", wrongKey.Descendants(ns + "Status").Single().Value);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task MoveItems_MovesWithinTheMailbox_WithoutEchoToTheMover_AndTheOtherDeviceSeesIt(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 2);
        using EasClient phone = fixture.Client(user, version);
        using EasClient tablet = fixture.Client(user, version);
        FolderSyncResult folders = await phone.FolderSyncAsync("0", version);
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        FolderCommandResult created = await phone.FolderCreateAsync(folders.SyncKey!, "0", "Archive", 12);
        string archive = created.ServerId!;
        (List<SyncItem> items, string phoneInboxKey) = await FullSyncAsync(phone, inbox);
        (_, string phoneArchiveKey) = await FullSyncAsync(phone, archive);
        (_, string tabletInboxKey) = await FullSyncAsync(tablet, inbox);
        (_, string tabletArchiveKey) = await FullSyncAsync(tablet, archive);
        string moving = items.Single(i => i.Email("Subject") == "Message 0001").ServerId!;

        XElement moved = await MoveAsync(phone, moving, inbox, archive);
        XElement sameFolder = await MoveAsync(phone, items[1].ServerId!, inbox, inbox);
        XElement gone = await MoveAsync(phone, moving, inbox, archive);

        XNamespace ns = EasNamespaces.Move;
        Assert.Equal("3", moved.Descendants(ns + "Status").Single().Value);
        string newId = moved.Descendants(ns + "DstMsgId").Single().Value;
        Assert.StartsWith(archive + ":", newId, StringComparison.Ordinal);
        Assert.Equal("4", sameFolder.Descendants(ns + "Status").Single().Value);
        Assert.Equal("1", gone.Descendants(ns + "Status").Single().Value);
        Assert.Empty((await phone.SyncAsync(inbox, phoneInboxKey, version: version)).Collection.Commands);
        Assert.Empty((await phone.SyncAsync(archive, phoneArchiveKey, version: version)).Collection.Commands);
        SyncItem deleted = Assert.Single((await tablet.SyncAsync(inbox, tabletInboxKey, version: version)).Collection.Commands);
        Assert.Equal(("Delete", moving), (deleted.Kind, deleted.ServerId));
        SyncItem added = Assert.Single((await tablet.SyncAsync(archive, tabletArchiveKey, version: version)).Collection.Commands);
        Assert.Equal(("Add", newId, "Message 0001"), (added.Kind, added.ServerId, added.Email("Subject")));
    }

    [Fact]
    public async Task Sync_AnItemMovedOutAndBackByAnotherDevice_IsDeletedThenAddedNeverDoubled()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 1);
        using EasClient phone = fixture.Client(user, "16.1");
        using EasClient tablet = fixture.Client(user, "16.1");
        FolderSyncResult folders = await tablet.FolderSyncAsync("0", "16.1");
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        string archive = (await tablet.FolderCreateAsync(folders.SyncKey!, "0", "Archive", 12)).ServerId!;
        (List<SyncItem> items, string key) = await FullSyncAsync(phone, inbox);
        string id = Assert.Single(items).ServerId!;

        XElement away = await MoveAsync(tablet, id, inbox, archive);
        string inArchive = away.Descendants(EasNamespaces.Move + "DstMsgId").Single().Value;
        await MoveAsync(tablet, inArchive, archive, inbox);
        SyncCollectionResult next = (await phone.SyncAsync(inbox, key)).Collection;

        Assert.Equal([("Delete", id), ("Add", id)], next.Commands.Select(c => (c.Kind, c.ServerId)));
    }

    private static async Task<XElement> EstimateAsync(EasClient client, string collectionId, string syncKey)
    {
        XNamespace ns = EasNamespaces.GetItemEstimate;
        XNamespace airSync = EasNamespaces.AirSync;
        string version = client.Options.ProtocolVersion;
        var collection = new XElement(ns + "Collection", new XElement(airSync + "SyncKey", syncKey), new XElement(ns + "CollectionId", collectionId));

        EasResponse response = await client.SendAsync("GetItemEstimate", new XElement(ns + "GetItemEstimate", new XElement(ns + "Collections", collection)).ToString(SaveOptions.DisableFormatting), version);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "GetItemEstimateResponse.xsd");
        return response.Xml!.Root!;
    }

    private static async Task<XElement> MoveAsync(EasClient client, string item, string from, string to)
    {
        XNamespace ns = EasNamespaces.Move;
        var move = new XElement(ns + "Move", new XElement(ns + "SrcMsgId", item), new XElement(ns + "SrcFldId", from), new XElement(ns + "DstFldId", to));
        EasResponse response = await client.SendAsync("MoveItems", new XElement(ns + "MoveItems", move).ToString(SaveOptions.DisableFormatting), client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "MoveItemsResponse.xsd");
        return response.Xml!.Root!;
    }

    private static IEnumerable<byte[]> BrokenMessages()
    {
        yield return Encoding.Latin1.GetBytes("From: a@b.invalid\r\nSubject: bad charset\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\nH\xe9llo w\xf6rld\r\n");
        yield return Encoding.Latin1.GetBytes("Subject: no other headers at all\r\n\r\n\x01\x02\xff\xfe garbage \x80\x81\r\n");
        yield return Encoding.Latin1.GetBytes("From: a@b.invalid\r\nSubject: truncated multipart\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"xyz\"\r\n\r\n--xyz\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--xyz\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA");
        yield return Encoding.Latin1.GetBytes("From: =?utf-8?B?broken?= <a@b.invalid>\r\nSubject: =?x-unknown?Q?=E9t=E9?=\r\nDate: not a date\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>\xff\xfe unterminated <b>html\r\n");
        yield return Encoding.Latin1.GetBytes("\r\n\r\n");
    }

    private static async Task<string> InboxAsync(EasClient client)
    {
        FolderSyncResult folders = await client.FolderSyncAsync("0", client.Options.ProtocolVersion);
        return folders.Adds.Single(f => f.Type == 2).ServerId;
    }

    private static async Task<(List<SyncItem> Items, string Key)> FullSyncAsync(EasClient client, string folder)
    {
        string version = client.Options.ProtocolVersion;
        string key = (await client.SyncAsync(folder, "0", version: version)).Collection.SyncKey!;
        var items = new List<SyncItem>();
        bool more = true;
        while (more)
        {
            SyncCollectionResult result = (await client.SyncAsync(folder, key, 100, version: version)).Collection;
            Assert.Equal(1, result.Status);
            items.AddRange(result.Commands);
            key = result.SyncKey!;
            more = result.MoreAvailable;
        }

        return (items, key);
    }

    private static async Task<(List<SyncItem> Adds, int Windows)> SyncToEndAsync(EasClient client, string folder, int windowSize, bool validate)
    {
        string version = client.Options.ProtocolVersion;
        SyncResult primed = await client.SyncAsync(folder, "0", version: version);
        Assert.Equal(1, primed.Collection.Status);
        Assert.Empty(primed.Collection.Commands);
        string key = primed.Collection.SyncKey!;
        var adds = new List<SyncItem>();
        int windows = 0;
        bool more = true;
        while (more)
        {
            SyncResult result = await client.SyncAsync(folder, key, windowSize, version: version);
            if (validate)
            {
                XsdValidator.AssertValidWbxml(result.Response.Body, EasSchemas.Sync);
            }

            SyncCollectionResult collection = result.Collection;
            Assert.Equal(1, collection.Status);
            Assert.True(collection.Commands.Count <= windowSize);
            Assert.All(collection.Commands, c => Assert.Equal("Add", c.Kind));
            Assert.NotEqual(key, collection.SyncKey);
            adds.AddRange(collection.Commands);
            key = collection.SyncKey!;
            more = collection.MoreAvailable;
            windows++;
            Assert.True(windows <= 1000, "The sync did not end");
        }

        SyncCollectionResult after = (await client.SyncAsync(folder, key, windowSize, version: version)).Collection;
        Assert.Empty(after.Commands);
        Assert.Equal(key, after.SyncKey);
        return (adds, windows);
    }
}
