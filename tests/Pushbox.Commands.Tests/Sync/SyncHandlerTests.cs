using System.Globalization;
using System.Xml.Linq;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>
/// The Sync handler through the dispatcher, WBXML in and out: the short request forms of 12.1+ (empty body,
/// Partial) against the cached request, the request-wide checks (Wait, HeartbeatInterval, malformed bodies),
/// and the request-wide WindowSize shared by the collections.
/// </summary>
public sealed class SyncHandlerTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly XNamespace A = SyncHarness.AirSync;
    private SyncHarness _h = null!;
    private Folder _archive = null!;

    public async Task InitializeAsync()
    {
        _h = await SyncHarness.CreateAsync();
        _archive = await _h.Mailbox.Store.CreateFolderAsync(_h.User.Id, null, "Archive", FolderType.UserMail, None);
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<string> ShortFormVersions { get; } = new() { "12.1", "14.1", "16.1" };

    [Theory]
    [MemberData(nameof(ShortFormVersions))]
    public async Task SyncHandler_EmptyBody_RepeatsTheCachedRequest(string version)
    {
        EasVersion v = Version(version);
        IReadOnlyList<StoredItem> first = await _h.DeliverManyAsync(3);
        Assert.Equal("1", Single(await _h.PostAsync(Request(Collection("0", _h.Inbox, "<WindowSize>2</WindowSize>")), v)).Key);
        Answer two = Single(await _h.PostAsync(Request(Collection("1", _h.Inbox, "<WindowSize>2</WindowSize>")), v));

        Answer three = Single(await _h.PostAsync([], v)); // the device got "2": the same request, its key from the state
        StoredItem late = await _h.DeliverAsync();
        Answer four = Single(await _h.PostAsync([], v));
        Answer quiet = Single(await _h.PostAsync([], v));

        Assert.Equal(("2", true, 2), (two.Key, two.More, two.Adds.Count));
        Assert.Equal(("3", false), (three.Key, three.More));
        Assert.Equal([first[2].ServerId], three.Adds);
        Assert.Equal("4", four.Key);
        Assert.Equal([late.ServerId], four.Adds);
        Assert.Equal(("4", 1, 0), (quiet.Key, quiet.Status, quiet.Adds.Count));
        Assert.Equal(_h.Inbox.ServerId, quiet.CollectionId);
    }

    [Theory]
    [InlineData("12.1", false)]
    [InlineData("16.1", false)]
    [InlineData("12.0", true)] // the short forms are 12.1+ (MS-ASCMD 3.1.5.3)
    [InlineData("2.5", true)]
    public async Task SyncHandler_EmptyBody_WithNothingCachedOrBefore121_IsStatus13(string version, bool cached)
    {
        EasVersion v = Version(version);
        if (cached)
        {
            await _h.PostAsync(Request(Collection("0", _h.Inbox)), v);
        }

        XElement response = await _h.PostAsync([], v);

        Assert.Equal("13", response.Element(A + "Status")?.Value);
        Assert.Null(response.Element(A + "Collections"));
    }

    [Fact]
    public async Task SyncHandler_Partial_MergesWithTheCachedCollections()
    {
        Folder receipts = await _h.Mailbox.Store.CreateFolderAsync(_h.User.Id, null, "Receipts", FolderType.UserMail, None);
        await _h.PostAsync(Request(Collection("0", _h.Inbox) + Collection("0", _archive)));
        XElement primed = await _h.PostAsync(Request(Collection("1", _h.Inbox) + Collection("1", _archive)));
        Assert.All(Answers(primed), a => Assert.Equal("1", a.Key));
        List<Answer> joined = Answers(await _h.PostAsync(Request(Collection("0", receipts), "<Partial/>"))); // a collection not cached yet joins
        Assert.Equal([(_h.Inbox.ServerId, "1"), (_archive.ServerId, "1"), (receipts.ServerId, "1")], joined.Select(a => (a.CollectionId, a.Key)));
        StoredItem toInbox = await _h.DeliverAsync();
        StoredItem toArchive = await _h.DeliverAsync(folder: _archive);
        StoredItem toReceipts = await _h.DeliverAsync(folder: receipts);

        // Only the archive is listed (with its key); the inbox and receipts come from the cache, keys from their state.
        List<Answer> answers = Answers(await _h.PostAsync(Request(Collection("1", _archive, "<WindowSize>5</WindowSize>"), "<Partial/>")));

        Assert.Equal(
            [(_h.Inbox.ServerId, "2", toInbox.ServerId), (_archive.ServerId, "2", toArchive.ServerId), (receipts.ServerId, "2", toReceipts.ServerId)],
            answers.Select(a => (a.CollectionId, a.Key, Assert.Single(a.Adds))).OrderBy(a => a.CollectionId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task SyncHandler_PartialWithNothingCached_IsStatus13()
    {
        XElement response = await _h.PostAsync(Request(Collection("0", _h.Inbox), "<Partial/>"));

        Assert.Equal("13", response.Element(A + "Status")?.Value);
    }

    [Fact]
    public async Task SyncHandler_WaitAndHeartbeatIntervalTogether_IsStatus4()
    {
        XElement response = await _h.PostAsync(Request(Collection("0", _h.Inbox), "<Wait>5</Wait><HeartbeatInterval>300</HeartbeatInterval>"));

        Assert.Equal("4", response.Element(A + "Status")?.Value);
        Assert.Null(response.Element(A + "Limit"));
    }

    [Theory]
    [InlineData("<Wait>0</Wait>", "1")]
    [InlineData("<Wait>60</Wait>", "59")]
    [InlineData("<Wait>4294967295</Wait>", "59")]
    [InlineData("<HeartbeatInterval>59</HeartbeatInterval>", "60")]
    [InlineData("<HeartbeatInterval>3541</HeartbeatInterval>", "3540")]
    [InlineData("<HeartbeatInterval>0</HeartbeatInterval>", "60")]
    [InlineData("<Wait>1</Wait>", null)]
    [InlineData("<Wait>59</Wait>", null)]
    [InlineData("<HeartbeatInterval>60</HeartbeatInterval>", null)]
    [InlineData("<HeartbeatInterval>3540</HeartbeatInterval>", null)]
    public async Task SyncHandler_WaitOrHeartbeatOutOfRange_IsStatus14WithTheLimit(string element, string? limit)
    {
        XElement response = await _h.PostAsync(Request(Collection("0", _h.Inbox), element));

        if (limit is null)
        {
            Assert.Null(response.Element(A + "Status"));
            Assert.Equal("1", Single(response).Key);
        }
        else
        {
            Assert.Equal(("14", limit), (response.Element(A + "Status")?.Value, response.Element(A + "Limit")?.Value));
        }
    }

    [Theory]
    [InlineData("<Sync xmlns=\"AirSync:\"/>")] // neither Collections nor Partial
    [InlineData("<Sync xmlns=\"AirSync:\"><Partial/></Sync>")] // Partial and nothing else
    [InlineData("<Sync xmlns=\"AirSync:\"><Collections/></Sync>")]
    [InlineData("<Sync xmlns=\"AirSync:\"><Collections><Collection><CollectionId>1</CollectionId></Collection></Collections></Sync>")] // no SyncKey outside Partial
    [InlineData("<Sync xmlns=\"AirSync:\"><Collections><Collection><SyncKey>0</SyncKey></Collection></Collections></Sync>")] // no CollectionId
    [InlineData("<Sync xmlns=\"AirSync:\"><Collections><Collection><SyncKey>0</SyncKey><CollectionId>1</CollectionId><Status>1</Status></Collection></Collections></Sync>")] // a response element
    [InlineData("<Sync xmlns=\"AirSync:\"><Wait>5</Wait><Wait>5</Wait><Partial/></Sync>")]
    public async Task SyncHandler_MalformedBody_IsStatus4(string xml)
    {
        XElement response = await _h.PostAsync(xml);

        Assert.Equal("4", response.Element(A + "Status")?.Value);
        Assert.Null(response.Element(A + "Collections"));
    }

    [Theory]
    [InlineData(new byte[] { 0x03, 0x01, 0x6A, 0x00, 0x45, 0x5C })] // cut off inside Collections
    [InlineData(new byte[] { 0x03, 0x01, 0x6A, 0x00, 0x00, 0x07, 0x56 })] // a FolderSync document
    [InlineData(new byte[] { 0x47, 0x45, 0x54, 0x20 })] // not WBXML
    public async Task SyncHandler_BrokenWbxml_IsStatus4(byte[] body)
    {
        XElement response = await _h.PostAsync(body);

        Assert.Equal("4", response.Element(A + "Status")?.Value);
    }

    [Fact]
    public async Task SyncHandler_RequestWindowSize_IsSharedByTheCollectionsInOrder()
    {
        IReadOnlyList<StoredItem> inbox = await _h.DeliverManyAsync(6);
        IReadOnlyList<StoredItem> archive = await _h.DeliverManyAsync(8, _archive);
        await _h.PostAsync(Request(Collection("0", _h.Inbox) + Collection("0", _archive)));

        List<Answer> first = Answers(await _h.PostAsync(Request(Collection("1", _h.Inbox) + Collection("1", _archive), "<WindowSize>10</WindowSize>")));
        List<Answer> second = Answers(await _h.PostAsync(Request(Collection("2", _h.Inbox) + Collection("2", _archive), "<WindowSize>10</WindowSize>")));

        Assert.Equal([(_h.Inbox.ServerId, 6, false), (_archive.ServerId, 4, true)], first.Select(a => (a.CollectionId, a.Adds.Count, a.More)));
        Assert.Equal([(_h.Inbox.ServerId, 0, false), (_archive.ServerId, 4, false)], second.Select(a => (a.CollectionId, a.Adds.Count, a.More)));
        Assert.Equal(archive.Select(i => i.ServerId), first[1].Adds.Concat(second[1].Adds));
        Assert.Equal(inbox.Select(i => i.ServerId), first[0].Adds);
    }

    [Fact]
    public async Task SyncHandler_CollectionWindowSizeSmallerThanTheRequests_Wins()
    {
        await _h.DeliverManyAsync(6);
        await _h.PostAsync(Request(Collection("0", _h.Inbox)));

        Answer answer = Single(await _h.PostAsync(Request(Collection("1", _h.Inbox, "<WindowSize>4</WindowSize>"), "<WindowSize>10</WindowSize>")));

        Assert.Equal((4, true), (answer.Adds.Count, answer.More));
    }

    [Fact]
    public async Task SyncHandler_UnknownCollection_IsStatus12()
    {
        Answer answer = Single(await _h.PostAsync(Request("<Collection><SyncKey>0</SyncKey><CollectionId>424242</CollectionId></Collection>")));

        Assert.Equal(("424242", 12), (answer.CollectionId, answer.Status));
    }

    private static EasVersion Version(string text)
    {
        Assert.True(EasVersion.TryParse(text, out EasVersion version));
        return version;
    }

    private static string Request(string collections, string after = "") => $"<Sync xmlns=\"AirSync:\"><Collections>{collections}</Collections>{after}</Sync>";

    private static string Collection(string key, Folder folder, string inner = "") =>
        $"<Collection><SyncKey>{key}</SyncKey><CollectionId>{folder.ServerId}</CollectionId>{inner}</Collection>";

    private static List<Answer> Answers(XElement response)
    {
        Assert.Null(response.Element(A + "Status"));
        return [.. response.Element(A + "Collections")!.Elements(A + "Collection").Select(c => new Answer(
            c.Element(A + "CollectionId")!.Value,
            c.Element(A + "SyncKey")!.Value,
            int.Parse(c.Element(A + "Status")!.Value, CultureInfo.InvariantCulture),
            c.Element(A + "MoreAvailable") is not null,
            [.. c.Elements(A + "Commands").Elements(A + "Add").Select(add => add.Element(A + "ServerId")!.Value)]))];
    }

    private static Answer Single(XElement response) => Assert.Single(Answers(response));

    private sealed record Answer(string CollectionId, string Key, int Status, bool More, List<string> Adds);
}
