using System.Globalization;
using System.Xml.Linq;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using static Pushbox.Commands.Tests.ItemOperations.ItemOperationsMessages;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>
/// ItemOperations EmptyFolderContents (MS-ASCMD 2.2.3.58) and conversation Move (2.2.3.117.1), and what holds for the
/// whole request: operations answered in order, a malformed body answered with the global status 2.
/// </summary>
public sealed class ItemOperationsFolderTests : IAsyncLifetime
{
    private static readonly XNamespace Io = "ItemOperations:";
    private static readonly XNamespace AirSync = "AirSync:";

    private ItemOperationsHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ItemOperationsHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task EmptyFolderContents_DeletesTheItemsAndKeepsSubfolders(string version)
    {
        Folder deleted = await _harness.FolderAsync(FolderType.DeletedItems);
        StoredItem first = await _harness.AddAsync(InConversation("a@x", "a@x"), FolderType.DeletedItems);
        StoredItem second = await _harness.AddAsync(InConversation("b@x", "b@x"), FolderType.DeletedItems);
        Folder sub = await _harness.Mailbox.Store.CreateFolderAsync(_harness.UserId, deleted.Id, "Old", FolderType.UserMail, CancellationToken.None);
        StoredItem inSub = await _harness.AddAsync(System.Text.Encoding.ASCII.GetBytes(InConversation("c@x", "c@x").ReplaceLineEndings("\r\n")), sub.Id);
        StoredItem inInbox = await _harness.AddAsync(InConversation("d@x", "d@x"));

        XElement response = await _harness.ItemOperationsAsync(version, Request(Empty(deleted.ServerId)));

        XElement empty = response.Element(Io + "Response")!.Element(Io + "EmptyFolderContents")!;
        Assert.Equal(("1", deleted.ServerId), (empty.Element(Io + "Status")!.Value, empty.Element(AirSync + "CollectionId")!.Value));
        Assert.Null(await ItemAsync(first));
        Assert.Null(await ItemAsync(second));
        Assert.NotNull(await ItemAsync(inSub));
        Assert.NotNull(await ItemAsync(inInbox));
        Assert.NotNull(await _harness.Mailbox.Store.GetFolderAsync(_harness.UserId, sub.Id, CancellationToken.None));
    }

    [Fact]
    public async Task EmptyFolderContents_WithDeleteSubFolders_DeletesThemToo()
    {
        Folder deleted = await _harness.FolderAsync(FolderType.DeletedItems);
        Folder sub = await _harness.Mailbox.Store.CreateFolderAsync(_harness.UserId, deleted.Id, "Old", FolderType.UserMail, CancellationToken.None);
        StoredItem inSub = await _harness.AddAsync(System.Text.Encoding.ASCII.GetBytes(InConversation("c@x", "c@x").ReplaceLineEndings("\r\n")), sub.Id);

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(Empty(deleted.ServerId, deleteSubFolders: true)));

        Assert.Equal(["1"], Statuses(response));
        Assert.Null(await _harness.Mailbox.Store.GetFolderAsync(_harness.UserId, sub.Id, CancellationToken.None));
        Assert.Null(await ItemAsync(inSub));
    }

    [Fact]
    public async Task EmptyFolderContents_UnknownOrNonMailFolder_IsRefused()
    {
        Folder calendar = await _harness.FolderAsync(FolderType.Calendar);

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(Empty("999999"), Empty("not-a-folder"), Empty(calendar.ServerId)));

        Assert.Equal(["6", "6", "16"], Statuses(response));
    }

    [Fact]
    public async Task Move_TakesTheConversationsMailAndLeavesSentAndDeletedItems()
    {
        StoredItem root = await _harness.AddAsync(InConversation("root@x", "root@x"));
        StoredItem reply = await _harness.AddAsync(InConversation("reply@x", "root@x"));
        StoredItem sent = await _harness.AddAsync(InConversation("sent@x", "root@x"), FolderType.SentItems);
        StoredItem binned = await _harness.AddAsync(InConversation("binned@x", "root@x"), FolderType.DeletedItems);
        StoredItem unrelated = await _harness.AddAsync(InConversation("other@x", "other@x"));
        Folder archive = await _harness.Mailbox.Store.CreateFolderAsync(_harness.UserId, null, "Archive", FolderType.UserMail, CancellationToken.None);
        byte[] conversation = root.Email!.ConversationId;
        Assert.Equal(conversation, reply.Email!.ConversationId);

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(Move(conversation, archive.ServerId)));

        XElement move = response.Element(Io + "Response")!.Element(Io + "Move")!;
        Assert.Equal("1", move.Element(Io + "Status")!.Value);
        Assert.Equal(conversation, Convert.FromBase64String(move.Element(Io + "ConversationId")!.Value));
        Assert.Equal(archive.Id, (await ItemAsync(root))!.FolderId);
        Assert.Equal(archive.Id, (await ItemAsync(reply))!.FolderId);
        Assert.Equal(sent.FolderId, (await ItemAsync(sent))!.FolderId);
        Assert.Equal(binned.FolderId, (await ItemAsync(binned))!.FolderId);
        Assert.Equal(unrelated.FolderId, (await ItemAsync(unrelated))!.FolderId);
    }

    [Fact]
    public async Task Move_RefusalsHaveTheSpecsStatuses()
    {
        StoredItem root = await _harness.AddAsync(InConversation("root@x", "root@x"));
        Folder calendar = await _harness.FolderAsync(FolderType.Calendar);
        Folder deleted = await _harness.FolderAsync(FolderType.DeletedItems);
        byte[] conversation = root.Email!.ConversationId;

        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            Move(conversation, deleted.ServerId, moveAlways: false),
            Move(conversation, calendar.ServerId),
            Move(conversation, "999999"),
            Move(new byte[16], deleted.ServerId)));

        Assert.Equal(["155", "156", "156", "6"], Statuses(response));
        Assert.Equal(root.FolderId, (await ItemAsync(root))!.FolderId);
    }

    [Fact]
    public async Task Move_IntoDeletedItems_IgnoresTheConversation()
    {
        StoredItem root = await _harness.AddAsync(InConversation("root@x", "root@x"));
        Folder deleted = await _harness.FolderAsync(FolderType.DeletedItems);

        XElement response = await _harness.ItemOperationsAsync("16.1", Request(Move(root.Email!.ConversationId, deleted.ServerId)));

        Assert.Equal(["1"], Statuses(response));
        Assert.Equal(deleted.Id, (await ItemAsync(root))!.FolderId);
    }

    [Fact]
    public async Task Operations_AreAnsweredInRequestOrder()
    {
        StoredItem item = await _harness.AddAsync(WithAttachment(Pattern(10)));
        Folder deleted = await _harness.FolderAsync(FolderType.DeletedItems);
        string folder = item.FolderId.ToString(CultureInfo.InvariantCulture);

        // The schema lists Moves, then EmptyFolderContents, then Fetches; the spec's order is the request's (R193, R194).
        XElement response = await _harness.ItemOperationsAsync("14.1", Request(
            FetchItem(folder, item.ServerId), Empty(deleted.ServerId), FetchAttachment("nonsense"), Move(item.Email!.ConversationId, "999999")), validate: false);

        Assert.Equal(["Fetch", "EmptyFolderContents", "Fetch", "Move"], response.Element(Io + "Response")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["1", "1", "15", "156"], Statuses(response));
    }

    [Theory]
    [InlineData("14.1", "<ItemOperations xmlns=\"ItemOperations:\"/>")]
    [InlineData("14.1", "<ItemOperations xmlns=\"ItemOperations:\"><Fetch><airsync:ServerId xmlns:airsync=\"AirSync:\">1:1</airsync:ServerId></Fetch></ItemOperations>")]
    [InlineData("12.1", "<ItemOperations xmlns=\"ItemOperations:\"><Move><ConversationId>AAAA</ConversationId><DstFldId>1</DstFldId></Move></ItemOperations>")]
    [InlineData("14.1", "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>")]
    public async Task MalformedBody_IsTheGlobalStatus2(string version, string xml)
    {
        XElement response = await _harness.ItemOperationsAsync(version, xml);

        Assert.Equal("2", response.Element(Io + "Status")!.Value);
        Assert.Null(response.Element(Io + "Response"));
    }

    [Fact]
    public async Task EmptyBody_IsTheGlobalStatus2()
    {
        XElement response = await ItemOperationsHarness.DecodeAsync(await _harness.RunAsync(EasCommand.ItemOperations, "14.1", null));

        Assert.Equal("2", response.Element(Io + "Status")!.Value);
    }

    [Fact]
    public async Task RefuseWithCommonStatus_IsTheGlobalStatus()
    {
        IEasCommandHandler handler = _harness.Handler(EasCommand.ItemOperations);

        XElement response = await ItemOperationsHarness.DecodeAsync(handler.RefuseWithCommonStatus(_harness.Context(EasCommand.ItemOperations, "14.1", acceptMultiPart: true), 142));

        Assert.Equal("142", response.Element(Io + "Status")!.Value);
    }

    private static string[] Statuses(XElement response) =>
        [.. response.Element(Io + "Response")!.Elements().Select(e => e.Element(Io + "Status")!.Value)];

    private Task<StoredItem?> ItemAsync(StoredItem item) => _harness.Mailbox.Store.GetItemAsync(_harness.UserId, item.Id, CancellationToken.None);
}
