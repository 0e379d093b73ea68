using System.Globalization;
using System.Xml.Linq;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using static Pushbox.Commands.Tests.ItemOperations.ItemOperationsMessages;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>ItemOperations Fetch (MS-ASCMD 2.2.3.67.1) of mailbox items and attachments, inline and multipart.</summary>
public sealed class ItemOperationsFetchTests : IAsyncLifetime
{
    private static readonly XNamespace Io = "ItemOperations:";
    private static readonly XNamespace AirSync = "AirSync:";
    private static readonly XNamespace AirSyncBase = "AirSyncBase:";
    private static readonly XNamespace Email = "Email:";

    private static readonly byte[] Pdf = Pattern(200_000);

    private ItemOperationsHarness _harness = null!;

    public static TheoryData<string> Versions { get; } = new() { "12.0", "12.1", "14.0", "14.1", "16.1" };

    public async Task InitializeAsync() => _harness = await ItemOperationsHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Fetch_MailboxItem_ReturnsItsPropertiesAndClass(string version)
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync(version, Request(FetchItem(item.FolderId.ToString(CultureInfo.InvariantCulture), item.ServerId)));

        Assert.Equal("1", response.Element(Io + "Status")!.Value);
        XElement fetch = response.Element(Io + "Response")!.Element(Io + "Fetch")!;
        Assert.Equal("1", fetch.Element(Io + "Status")!.Value);
        Assert.Equal(item.ServerId, fetch.Element(AirSync + "ServerId")!.Value);
        Assert.Equal("Email", fetch.Element(AirSync + "Class")!.Value);
        XElement properties = fetch.Element(Io + "Properties")!;
        Assert.Equal("Files", properties.Element(Email + "Subject")!.Value);
        Assert.Equal("See the files.", properties.Element(AirSyncBase + "Body")!.Element(AirSyncBase + "Data")!.Value.TrimEnd());
        Assert.Equal(2, properties.Element(AirSyncBase + "Attachments")!.Elements().Count());
    }

    [Fact]
    public async Task Fetch_ByLongId_IsReadAsAServerId()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync("14.1", Request($"<Fetch><Store>Mailbox</Store><search:LongId>{item.ServerId}</search:LongId></Fetch>"));

        XElement fetch = response.Descendants(Io + "Fetch").Single();
        Assert.Equal("1", fetch.Element(Io + "Status")!.Value);
        Assert.Equal(item.ServerId, fetch.Element((XNamespace)"Search:" + "LongId")!.Value);
        Assert.Equal("Files", fetch.Element(Io + "Properties")!.Element(Email + "Subject")!.Value);
    }

    [Fact]
    public async Task Fetch_ItemThatIsNotThere_IsStatus6()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string folder = item.FolderId.ToString(CultureInfo.InvariantCulture);
        Folder drafts = await _harness.FolderAsync(FolderType.Drafts);
        StoredItem other = await OtherUsersItemAsync();

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            FetchItem(folder, $"{item.FolderId}:{item.Id + 1000}"),
            FetchItem(drafts.ServerId, item.ServerId),
            FetchItem(folder, $"{drafts.Id}:{item.Id}"),
            FetchItem(folder, "not-an-id"),
            FetchItem(other.FolderId.ToString(CultureInfo.InvariantCulture), other.ServerId)));

        Assert.Equal(["6", "6", "6", "6", "6"], Statuses(response));
        Assert.Empty(response.Descendants(Io + "Properties"));
    }

    [Fact]
    public async Task Fetch_MailboxItemWithADocumentOption_IsStatus2()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(FetchItem(item.FolderId.ToString(CultureInfo.InvariantCulture), item.ServerId, "<Range>0-9</Range>")));

        Assert.Equal(["2"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_OtherStoresAndDocumentLinks_AreStatus9()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            $"<Fetch><Store>DocumentLibrary</Store><documentlibrary:LinkId>\\\\server\\share\\file.txt</documentlibrary:LinkId></Fetch>",
            $"<Fetch><Store>Mailbox</Store><documentlibrary:LinkId>http://intranet/file.docx</documentlibrary:LinkId></Fetch>",
            FetchAttachment($"{item.ServerId}:1", store: "Archive")));

        Assert.Equal(["9", "9", "9"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_WithoutOrWithSeveralLocators_IsStatus2()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            "<Fetch><Store>Mailbox</Store></Fetch>",
            $"<Fetch><Store>Mailbox</Store><airsync:ServerId>{item.ServerId}</airsync:ServerId><airsyncbase:FileReference>{item.ServerId}:1</airsyncbase:FileReference></Fetch>"));

        Assert.Equal(["2", "2"], Statuses(response));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Fetch_Attachment_SendsItsBytesInlineWithTotalAndType(string version)
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string reference = await FileReferenceAsync(item, "report.pdf");

        XElement response = await _harness.ItemOperationsAsync(version, Request(FetchAttachment(reference)));

        XElement fetch = response.Descendants(Io + "Fetch").Single();
        Assert.Equal("1", fetch.Element(Io + "Status")!.Value);
        Assert.Equal(reference, fetch.Element(AirSyncBase + "FileReference")!.Value);
        XElement properties = fetch.Element(Io + "Properties")!;
        Assert.Equal(Pdf.Length.ToString(CultureInfo.InvariantCulture), properties.Element(Io + "Total")!.Value);
        Assert.Null(properties.Element(Io + "Range"));
        Assert.Equal(Pdf, Convert.FromBase64String(properties.Element(Io + "Data")!.Value));
        Assert.Equal(version == "12.0" ? null : "application/pdf", properties.Element(AirSyncBase + "ContentType")?.Value);
    }

    [Theory]
    [InlineData("0-9", 0, 9)]
    [InlineData("1000-50999", 1000, 50999)]
    [InlineData("199990-999999", 199990, 199999)] // runs past the end: cut at the last byte
    [InlineData("199999-199999", 199999, 199999)]
    public async Task Fetch_AttachmentRange_SendsThoseBytesAndSaysWhich(string asked, int first, int last)
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string reference = await FileReferenceAsync(item, "report.pdf");

        XElement properties = (await _harness.ItemOperationsAsync("14.1", Request(FetchAttachment(reference, asked)))).Descendants(Io + "Properties").Single();

        Assert.Equal($"{first}-{last}", properties.Element(Io + "Range")!.Value);
        Assert.Equal(Pdf.Length.ToString(CultureInfo.InvariantCulture), properties.Element(Io + "Total")!.Value);
        Assert.Equal(Pdf[first..(last + 1)], Convert.FromBase64String(properties.Element(Io + "Data")!.Value));
    }

    [Fact]
    public async Task Fetch_RangeOfAnUnencodedAttachment_IsSeekedTo()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string reference = await FileReferenceAsync(item, "notes.txt");

        XElement properties = (await _harness.ItemOperationsAsync("14.1", Request(FetchAttachment(reference, "6-10")))).Descendants(Io + "Properties").Single();

        Assert.Equal("notes", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(properties.Element(Io + "Data")!.Value)));
        Assert.Equal("text/plain", properties.Element(AirSyncBase + "ContentType")!.Value);
    }

    [Fact]
    public async Task Fetch_RangeStartingPastTheEnd_IsStatus8()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string reference = await FileReferenceAsync(item, "report.pdf");

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(FetchAttachment(reference, "200000-200010"), FetchAttachment(reference, "0-0")));

        Assert.Equal(["8", "1"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_AttachmentThatIsNotThere_IsStatus15()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        StoredItem other = await OtherUsersItemAsync();

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            "<Fetch><Store>Mailbox</Store><airsyncbase:FileReference/></Fetch>",
            FetchAttachment("nonsense"),
            FetchAttachment($"{item.ServerId}:0"), // the text body, not an attachment
            FetchAttachment($"{item.ServerId}:7"),
            FetchAttachment($"{item.FolderId}:{item.Id + 1000}:1"),
            FetchAttachment($"{other.ServerId}:1")));

        Assert.Equal(["15", "15", "15", "15", "15", "15"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_AttachmentWithAnOptionButRange_IsStatus2()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            $"<Fetch><Store>Mailbox</Store><airsyncbase:FileReference>{item.ServerId}:1</airsyncbase:FileReference><Options><airsyncbase:BodyPreference><airsyncbase:Type>1</airsyncbase:Type></airsyncbase:BodyPreference></Options></Fetch>"));

        Assert.Equal(["2"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_AttachmentOfAMovedItem_StillWorksByItsOldReference()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string reference = await FileReferenceAsync(item, "report.pdf");
        Folder junk = (await _harness.Mailbox.Store.GetFoldersAsync(_harness.UserId, CancellationToken.None)).Single(f => f.Name == StandardFolders.JunkEmailName);
        await _harness.Mailbox.Store.MoveItemAsync(_harness.UserId, item.Id, junk.Id, CancellationToken.None);

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(FetchAttachment(reference, "0-3")));

        Assert.Equal(["1"], Statuses(response));
    }

    [Fact]
    public async Task Fetch_Multipart_SendsTheWbxmlThenEachAttachmentAsAPart()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));
        string pdf = await FileReferenceAsync(item, "report.pdf");
        string notes = await FileReferenceAsync(item, "notes.txt");

        (XElement document, IReadOnlyList<byte[]> parts, _) = await _harness.MultipartAsync("14.1", Request(
            FetchAttachment(pdf), FetchAttachment("nonsense"), FetchAttachment(notes), FetchAttachment(pdf, "100-199")));

        Assert.Equal(["1", "15", "1", "1"], Statuses(document));
        Assert.Empty(document.Descendants(Io + "Data"));
        Assert.Equal(["1", "2", "3"], document.Descendants(Io + "Part").Select(p => p.Value));
        Assert.Equal(4, parts.Count);
        Assert.Equal(Pdf, parts[1]);
        Assert.Equal(NotesText, System.Text.Encoding.ASCII.GetString(parts[2]));
        Assert.Equal(Pdf[100..200], parts[3]);
        Assert.Equal("100-199", document.Descendants(Io + "Range").Single().Value);
    }

    [Fact]
    public async Task Fetch_MultipartWithoutAttachments_IsTheWbxmlPartAlone()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pdf));

        (XElement document, IReadOnlyList<byte[]> parts, _) = await _harness.MultipartAsync("14.1", Request(FetchItem(item.FolderId.ToString(CultureInfo.InvariantCulture), item.ServerId)));

        Assert.Single(parts);
        Assert.Equal("Files", document.Descendants(Email + "Subject").Single().Value);
    }

    [Fact]
    public async Task Fetch_LargeAttachment_ArrivesWhole()
    {
        byte[] large = Pattern(3 * 1024 * 1024 + 17);
        StoredItem item = await _harness.AddAsync(WithAttachment(large));
        string reference = await FileReferenceAsync(item, "report.pdf");

        XElement inline = await _harness.ItemOperationsAsync("16.1", Request(FetchAttachment(reference)), validate: false);
        (_, IReadOnlyList<byte[]> parts, _) = await _harness.MultipartAsync("16.1", Request(FetchAttachment(reference)));

        Assert.Equal(large, Convert.FromBase64String(inline.Descendants(Io + "Data").Single().Value));
        Assert.Equal(large, parts[1]);
    }

    private static string[] Statuses(XElement response) =>
        [.. response.Element(Io + "Response")!.Elements().Select(e => e.Element(Io + "Status")!.Value)];

    /// <summary>The FileReference the item's attachment list gives <paramref name="name"/>, learnt by fetching the item.</summary>
    private async Task<string> FileReferenceAsync(StoredItem item, string name)
    {
        XElement response = await _harness.ItemOperationsAsync("14.1", Request(FetchItem(item.FolderId.ToString(CultureInfo.InvariantCulture), item.ServerId)));
        return response.Descendants(AirSyncBase + "Attachment")
            .Single(a => a.Element(AirSyncBase + "DisplayName")!.Value == name)
            .Element(AirSyncBase + "FileReference")!.Value;
    }

    private Task<StoredItem> OtherUsersItemAsync() => _harness.AddForAnotherUserAsync(WithAttachment(Pdf));
}
