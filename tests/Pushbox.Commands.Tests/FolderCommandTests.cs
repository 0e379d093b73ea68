using System.Buffers;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Protocol;
using Pushbox.Protocol.Query;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests;

/// <summary>The folder commands through the dispatcher: WBXML in, WBXML out, on a real SQLite store.</summary>
public sealed class FolderCommandTests : IAsyncLifetime
{
    private SqliteMailbox _mailbox = null!;
    private EasDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _mailbox = await SqliteMailbox.CreateAsync();
        var services = new ServiceCollection();
        _mailbox.AddTo(services);
        services.AddPushboxCommands();
        _dispatcher = services.BuildServiceProvider().GetRequiredService<EasDispatcher>();
    }

    public async Task DisposeAsync() => await _mailbox.DisposeAsync();

    [Fact]
    public void Dispatcher_ListsExactlyTheImplementedCommands()
    {
        Assert.Equal(
            new[]
            {
                EasCommand.Sync, EasCommand.GetItemEstimate, EasCommand.MoveItems, EasCommand.ItemOperations, EasCommand.GetAttachment, EasCommand.Ping,
                EasCommand.FolderSync, EasCommand.FolderCreate, EasCommand.FolderDelete, EasCommand.FolderUpdate, EasCommand.Provision, EasCommand.GetHierarchy,
                EasCommand.Settings,
                EasCommand.Search, EasCommand.ResolveRecipients, EasCommand.ValidateCert,
                EasCommand.SendMail, EasCommand.SmartReply, EasCommand.SmartForward, EasCommand.Find,
            }.Order(),
            _dispatcher.ImplementedCommands);
        Assert.False(_dispatcher.IsImplemented(EasCommand.MeetingResponse));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task FolderSync_KeyZero_ReturnsTheWholeHierarchy(string version)
    {
        XElement response = await RunAsync(EasCommand.FolderSync, version, "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>");

        XNamespace fh = "FolderHierarchy:";
        Assert.Equal("1", response.Element(fh + "Status")!.Value);
        Assert.Equal("1", response.Element(fh + "SyncKey")!.Value);
        Assert.Equal("11", response.Element(fh + "Changes")!.Element(fh + "Count")!.Value);
        Assert.Contains(response.Descendants(fh + "Add"), a => a.Element(fh + "DisplayName")!.Value == "Inbox" && a.Element(fh + "Type")!.Value == "2" && a.Element(fh + "ParentId")!.Value == "0");
    }

    [Fact]
    public async Task FolderSync_UnknownKey_IsStatus9()
    {
        XElement response = await RunAsync(EasCommand.FolderSync, "14.1", "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>42</SyncKey></FolderSync>");

        Assert.Equal("9", response.Element((XNamespace)"FolderHierarchy:" + "Status")!.Value);
    }

    [Fact]
    public async Task FolderSync_MalformedBody_IsStatus10()
    {
        XElement response = await RunAsync(EasCommand.FolderSync, "14.1", "<FolderSync xmlns=\"FolderHierarchy:\"/>");

        Assert.Equal("10", response.Element((XNamespace)"FolderHierarchy:" + "Status")!.Value);
    }

    [Fact]
    public async Task FolderCreateUpdateDelete_RoundTrip()
    {
        XNamespace fh = "FolderHierarchy:";
        await RunAsync(EasCommand.FolderSync, "16.1", "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>");

        XElement created = await RunAsync(EasCommand.FolderCreate, "16.1", "<FolderCreate xmlns=\"FolderHierarchy:\"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>Receipts</DisplayName><Type>12</Type></FolderCreate>");
        Assert.Equal(("1", "2"), (created.Element(fh + "Status")!.Value, created.Element(fh + "SyncKey")!.Value));
        string serverId = created.Element(fh + "ServerId")!.Value;

        XElement duplicate = await RunAsync(EasCommand.FolderCreate, "16.1", "<FolderCreate xmlns=\"FolderHierarchy:\"><SyncKey>2</SyncKey><ParentId>0</ParentId><DisplayName>receipts</DisplayName><Type>12</Type></FolderCreate>");
        Assert.Equal("2", duplicate.Element(fh + "Status")!.Value);

        XElement renamed = await RunAsync(EasCommand.FolderUpdate, "16.1", $"<FolderUpdate xmlns=\"FolderHierarchy:\"><SyncKey>2</SyncKey><ServerId>{serverId}</ServerId><ParentId>0</ParentId><DisplayName>Bills</DisplayName></FolderUpdate>");
        Assert.Equal(("1", "3"), (renamed.Element(fh + "Status")!.Value, renamed.Element(fh + "SyncKey")!.Value));

        XElement special = await RunAsync(EasCommand.FolderDelete, "16.1", "<FolderDelete xmlns=\"FolderHierarchy:\"><SyncKey>3</SyncKey><ServerId>1</ServerId></FolderDelete>");
        Assert.Equal("3", special.Element(fh + "Status")!.Value);

        XElement deleted = await RunAsync(EasCommand.FolderDelete, "16.1", $"<FolderDelete xmlns=\"FolderHierarchy:\"><SyncKey>3</SyncKey><ServerId>{serverId}</ServerId></FolderDelete>");
        Assert.Equal(("1", "4"), (deleted.Element(fh + "Status")!.Value, deleted.Element(fh + "SyncKey")!.Value));

        XElement stale = await RunAsync(EasCommand.FolderDelete, "16.1", $"<FolderDelete xmlns=\"FolderHierarchy:\"><SyncKey>3</SyncKey><ServerId>{serverId}</ServerId></FolderDelete>");
        Assert.Equal("9", stale.Element(fh + "Status")!.Value);
    }

    [Fact]
    public async Task GetHierarchy_In25_ListsMailFolders()
    {
        XElement response = await RunAsync(EasCommand.GetHierarchy, "2.5", null);

        XNamespace fh = "FolderHierarchy:";
        Assert.Equal(["Inbox", "Drafts", "Deleted Items", "Sent Items", "Outbox", "Junk Email"], response.Elements(fh + "Folder").Select(f => f.Element(fh + "DisplayName")!.Value));
        Assert.Equal("1", response.Elements(fh + "Folder").Last().Element(fh + "Type")!.Value);
    }

    [Fact]
    public async Task GetHierarchy_In14_IsNotPartOfTheVersion()
    {
        var e = await Assert.ThrowsAsync<EasProtocolException>(() => RunAsync(EasCommand.GetHierarchy, "14.0", null));

        Assert.Equal(EasProtocolError.CommandNotSupportedByVersion, e.Reason);
    }

    private async Task<XElement> RunAsync(EasCommand command, string version, string? xml)
    {
        Assert.True(EasVersion.TryParse(version, out EasVersion easVersion));
        var query = new EasQuery { Command = command, DeviceId = _mailbox.Device.DeviceId, DeviceType = _mailbox.Device.DeviceType };
        var context = new EasRequestContext(_mailbox.User.Id, _mailbox.User.Address, _mailbox.Device, easVersion, query);
        byte[] body = xml is null ? [] : WbxmlXml.FromXml(xml);

        EasCommandResult result = await _dispatcher.DispatchAsync(context, body, CancellationToken.None);

        Assert.Equal(200, result.HttpStatus);
        var output = new ArrayBufferWriter<byte>();
        result.Body!(new WbxmlWriter(output));
        return XDocument.Parse(WbxmlXml.ToXml(output.WrittenMemory)).Root!;
    }
}
