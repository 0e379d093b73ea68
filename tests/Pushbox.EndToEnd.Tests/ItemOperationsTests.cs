using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// ItemOperations (MS-ASCMD 2.2.1.10) and GetAttachment (2.2.1.7) over HTTPS against a real server fed over SMTP:
/// an attachment learnt from Sync and fetched whole, by range and as a multipart part; an item's body; a folder
/// emptied; the raw GetAttachment answer; responses valid against the schemas.
/// </summary>
[Collection(MailServer.Name)]
public sealed class ItemOperationsTests(MailServerFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace ItemOps = EasNamespaces.ItemOperations;
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace AirSyncBase = EasNamespaces.AirSyncBase;
    private static readonly XNamespace Email = EasNamespaces.Email;

    private static readonly string[] Schemas =
    [
        "ItemOperationsResponse.xsd", "ItemOperations.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Search.xsd", "DocumentLibrary.xsd",
        "Email.xsd", "Email2.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "RightsManagement.xsd",
        "ComposeMail.xsd", "MeetingResponseResponse.xsd", "GAL.xsd",
    ];

    /// <summary>300,017 bytes: several base64 chunks of the inline writer, and not a multiple of 3.</summary>
    private static readonly byte[] Attachment = Pattern(300_017);

    public static TheoryData<string> Versions { get; } = new() { "12.1", "14.1", "16.1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ItemOperations_AttachmentFromSync_IsFetchedWholeAndByRange(string version)
    {
        (EasClient client, _, SyncItem item) = await MailWithAttachmentAsync(version);
        using (client)
        {
            string reference = FileReference(item);

            XElement whole = await ItemOperationsAsync(client, Fetch(reference));
            XElement part = await ItemOperationsAsync(client, Fetch(reference, "1000-1999"));
            XElement tail = await ItemOperationsAsync(client, Fetch(reference, "300000-400000"));
            XElement beyond = await ItemOperationsAsync(client, Fetch(reference, "300017-300020"));

            XElement properties = FetchResult(whole, "1").Element(ItemOps + "Properties")!;
            Assert.Equal("application/pdf", properties.Element(AirSyncBase + "ContentType")!.Value);
            Assert.Equal("300017", properties.Element(ItemOps + "Total")!.Value);
            Assert.Equal(Attachment, Convert.FromBase64String(properties.Element(ItemOps + "Data")!.Value));
            XElement ranged = FetchResult(part, "1").Element(ItemOps + "Properties")!;
            Assert.Equal("1000-1999", ranged.Element(ItemOps + "Range")!.Value);
            Assert.Equal(Attachment[1000..2000], Convert.FromBase64String(ranged.Element(ItemOps + "Data")!.Value));
            XElement cut = FetchResult(tail, "1").Element(ItemOps + "Properties")!;
            Assert.Equal("300000-300016", cut.Element(ItemOps + "Range")!.Value);
            Assert.Equal(Attachment[300000..], Convert.FromBase64String(cut.Element(ItemOps + "Data")!.Value));
            FetchResult(beyond, "8");
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ItemOperations_MultiPart_SendsTheAttachmentAsABinaryPart(string version)
    {
        (EasClient client, _, SyncItem item) = await MailWithAttachmentAsync(version);
        using (client)
        {
            string reference = FileReference(item);
            var request = new EasRequest("ItemOperations")
            {
                Xml = Request(Fetch(reference), Fetch(reference, "10-19")),
                ProtocolVersion = version,
                Headers = [new("MS-ASAcceptMultiPart", "T")],
            };

            EasResponse response = await client.SendAsync(request);

            Assert.Equal(200, response.StatusCode);
            Assert.Equal(MultipartResponse.ContentType, response.ContentType);
            Assert.Equal(response.Body.Length.ToString(CultureInfo.InvariantCulture), response.Header("Content-Length"));
            var multipart = MultipartResponse.Parse(response.Body);
            XsdValidator.AssertValidWbxml(multipart.Parts[0], Schemas);
            XElement[] fetches = [.. multipart.Document.Root!.Descendants(ItemOps + "Fetch")];
            Assert.Equal(["1", "2"], fetches.Select(f => f.Element(ItemOps + "Properties")!.Element(ItemOps + "Part")!.Value));
            Assert.Empty(multipart.Document.Root.Descendants(ItemOps + "Data"));
            Assert.Equal(3, multipart.Parts.Count);
            Assert.Equal(Attachment, multipart.Parts[1]);
            Assert.Equal(Attachment[10..20], multipart.Parts[2]);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ItemOperations_FetchOfTheItem_GivesItsBody(string version)
    {
        (EasClient client, string inbox, SyncItem item) = await MailWithAttachmentAsync(version);
        using (client)
        {
            string fetch = $"<Fetch><Store>Mailbox</Store><airsync:CollectionId>{inbox}</airsync:CollectionId><airsync:ServerId>{item.ServerId}</airsync:ServerId>"
                + "<Options><airsyncbase:BodyPreference><airsyncbase:Type>1</airsyncbase:Type></airsyncbase:BodyPreference></Options></Fetch>";

            XElement response = await ItemOperationsAsync(client, fetch, $"<Fetch><Store>Mailbox</Store><airsync:CollectionId>{inbox}</airsync:CollectionId><airsync:ServerId>{inbox}:999999</airsync:ServerId></Fetch>");

            XElement[] fetches = [.. response.Element(ItemOps + "Response")!.Elements(ItemOps + "Fetch")];
            Assert.Equal(["1", "6"], fetches.Select(f => f.Element(ItemOps + "Status")!.Value));
            Assert.Equal("Email", fetches[0].Element(AirSync + "Class")!.Value);
            XElement properties = fetches[0].Element(ItemOps + "Properties")!;
            Assert.Equal("Quarterly report", properties.Element(Email + "Subject")!.Value);
            Assert.StartsWith("The report is attached.", properties.Element(AirSyncBase + "Body")!.Element(AirSyncBase + "Data")!.Value, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ItemOperations_EmptyFolderContents_EmptiesItAndSyncReportsTheDeletes(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 3);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);
        (List<SyncItem> items, string key) = await FullSyncAsync(client, inbox);
        Assert.Equal(3, items.Count);

        XElement response = await ItemOperationsAsync(client, $"<EmptyFolderContents><airsync:CollectionId>{inbox}</airsync:CollectionId></EmptyFolderContents>");

        XElement empty = response.Element(ItemOps + "Response")!.Element(ItemOps + "EmptyFolderContents")!;
        Assert.Equal(("1", inbox), (empty.Element(ItemOps + "Status")!.Value, empty.Element(AirSync + "CollectionId")!.Value));
        SyncCollectionResult next = (await client.SyncAsync(inbox, key, version: version)).Collection;
        Assert.Equal(items.Select(i => i.ServerId).Order(), next.Commands.Where(c => c.Kind is "Delete" or "SoftDelete").Select(c => c.ServerId).Order());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task GetAttachment_At121_SendsTheRawBytes(bool base64Query)
    {
        (EasClient client, _, SyncItem item) = await MailWithAttachmentAsync("12.1");
        using (client)
        {
            string reference = FileReference(item);

            EasResponse response = await client.SendAsync(new EasRequest("GetAttachment")
            {
                ProtocolVersion = "12.1",
                UseBase64Query = base64Query,
                Parameters = [new("AttachmentName", reference)],
            });

            Assert.Equal(200, response.StatusCode);
            Assert.Equal("application/pdf", response.ContentType);
            Assert.Equal("300017", response.Header("Content-Length"));
            Assert.Equal(Attachment, response.Body);
        }
    }

    [Fact]
    public async Task GetAttachment_ThatDoesNotExist_Is500WithoutABody()
    {
        (EasClient client, _, SyncItem item) = await MailWithAttachmentAsync("12.1");
        using (client)
        {
            EasResponse missing = await client.SendAsync(new EasRequest("GetAttachment") { ProtocolVersion = "12.1", Parameters = [new("AttachmentName", item.ServerId + ":42")] });
            EasResponse unnamed = await client.SendAsync(new EasRequest("GetAttachment") { ProtocolVersion = "12.1" });

            Assert.Equal(500, missing.StatusCode);
            Assert.Empty(missing.Body);
            Assert.Equal(400, unnamed.StatusCode);
        }
    }

    /// <summary>A new user with one message holding a PDF attachment, synced by a new device: the client, the Inbox and the item.</summary>
    private async Task<(EasClient Client, string Inbox, SyncItem Item)> MailWithAttachmentAsync(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user, [MessageWithAttachment(user)]);
        EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);
        (List<SyncItem> items, _) = await FullSyncAsync(client, inbox);
        return (client, inbox, Assert.Single(items));
    }

    private static string FileReference(SyncItem item)
    {
        XElement attachment = Assert.Single(item.ApplicationData!.Element(AirSyncBase + "Attachments")!.Elements(AirSyncBase + "Attachment"));
        Assert.Equal("report.pdf", attachment.Element(AirSyncBase + "DisplayName")!.Value);
        return attachment.Element(AirSyncBase + "FileReference")!.Value;
    }

    private static async Task<XElement> ItemOperationsAsync(EasClient client, params string[] operations)
    {
        EasResponse response = await client.SendAsync("ItemOperations", Request(operations), client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, Schemas);
        XElement root = response.Xml!.Root!;
        Assert.Equal("1", root.Element(ItemOps + "Status")!.Value);
        return root;
    }

    private static XElement FetchResult(XElement response, string status)
    {
        XElement fetch = response.Element(ItemOps + "Response")!.Element(ItemOps + "Fetch")!;
        Assert.Equal(status, fetch.Element(ItemOps + "Status")!.Value);
        return fetch;
    }

    private static string Request(params string[] operations) =>
        $"<ItemOperations xmlns=\"ItemOperations:\" xmlns:airsync=\"AirSync:\" xmlns:airsyncbase=\"AirSyncBase:\">{string.Concat(operations)}</ItemOperations>";

    private static string Fetch(string fileReference, string? range = null) =>
        $"<Fetch><Store>Mailbox</Store><airsyncbase:FileReference>{fileReference}</airsyncbase:FileReference>"
        + (range is null ? string.Empty : $"<Options><Range>{range}</Range></Options>")
        + "</Fetch>";

    private static byte[] MessageWithAttachment(string to)
    {
        var mime = new StringBuilder();
        mime.Append(CultureInfo.InvariantCulture, $"From: sender@remote.invalid\r\nTo: {to}\r\nSubject: Quarterly report\r\nDate: {DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        mime.Append(CultureInfo.InvariantCulture, $"Message-ID: <{Guid.NewGuid():N}@test.invalid>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n");
        mime.Append("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe report is attached.\r\n");
        mime.Append("--b1\r\nContent-Type: application/pdf; name=\"report.pdf\"\r\nContent-Disposition: attachment; filename=\"report.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        mime.Append(Convert.ToBase64String(Attachment, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n--b1--\r\n");
        return Encoding.ASCII.GetBytes(mime.ToString());
    }

    private static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 % 251);
        }

        return bytes;
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
            SyncCollectionResult result = (await client.SyncAsync(folder, key, 100, EasClient.BodyOptions(1, 512), version: version)).Collection;
            Assert.Equal(1, result.Status);
            items.AddRange(result.Commands);
            key = result.SyncKey!;
            more = result.MoreAvailable;
        }

        return (items, key);
    }
}
