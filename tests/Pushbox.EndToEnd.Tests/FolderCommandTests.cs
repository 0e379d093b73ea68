using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// FolderCreate, FolderUpdate and FolderDelete (MS-ASCMD 2.2.1.3, 2.2.1.6, 2.2.1.4) made by one device
/// and seen by another through FolderSync; every response validated against its schema.
/// </summary>
[Collection(SharedServer.Name)]
public sealed class FolderCommandTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly string[] CreateSchemas = ["FolderCreateResponse.xsd", "FolderHierarchy.xsd"];
    private static readonly string[] UpdateSchemas = ["FolderUpdateResponse.xsd", "FolderHierarchy.xsd"];
    private static readonly string[] DeleteSchemas = ["FolderDeleteResponse.xsd", "FolderHierarchy.xsd"];

    [Fact]
    public async Task FolderChanges_OfOneDevice_ReachTheOtherDeviceAndAreNotEchoed()
    {
        using EasClient phone = Fixture.Client(ServerFixture.Writer);
        using EasClient tablet = Fixture.Client(ServerFixture.Writer);
        string phoneKey = (await phone.FolderSyncAsync("0")).SyncKey!;
        string tabletKey = (await tablet.FolderSyncAsync("0")).SyncKey!;
        string name = "Projects " + ServerFixture.NewDeviceId();

        // Create on the phone.
        FolderCommandResult created = await phone.FolderCreateAsync(phoneKey, "0", name, 12);
        XsdValidator.AssertValidWbxml(created.Response.Body, CreateSchemas);
        Assert.Equal(1, created.Status);
        Assert.False(string.IsNullOrEmpty(created.ServerId));
        Assert.NotEqual(phoneKey, created.SyncKey);
        phoneKey = created.SyncKey!;
        FolderSyncResult phoneView = await phone.FolderSyncAsync(phoneKey);
        Assert.Equal((1, phoneKey, 0), (phoneView.Status, phoneView.SyncKey, phoneView.Count));

        FolderSyncResult tabletView = await tablet.FolderSyncAsync(tabletKey);
        XsdValidator.AssertValidWbxml(tabletView.Response.Body, StandardFolders.FolderSyncSchemas);
        Assert.Equal(1, tabletView.Status);
        Assert.Equal(new HierarchyFolder(created.ServerId!, "0", name, 12), Assert.Single(tabletView.Adds));
        tabletKey = tabletView.SyncKey!;

        // A subfolder, then a rename, on the phone.
        FolderCommandResult child = await phone.FolderCreateAsync(phoneKey, created.ServerId!, "Archive", 12);
        Assert.Equal(1, child.Status);
        FolderCommandResult renamed = await phone.FolderUpdateAsync(child.SyncKey!, created.ServerId!, "0", name + " (old)");
        XsdValidator.AssertValidWbxml(renamed.Response.Body, UpdateSchemas);
        Assert.Equal(1, renamed.Status);
        phoneKey = renamed.SyncKey!;

        tabletView = await tablet.FolderSyncAsync(tabletKey);
        Assert.Equal(1, tabletView.Status);
        Assert.Equal(new HierarchyFolder(created.ServerId!, "0", name + " (old)", 12), Assert.Single(tabletView.Updates));
        Assert.Equal(new HierarchyFolder(child.ServerId!, created.ServerId!, "Archive", 12), Assert.Single(tabletView.Adds));
        tabletKey = tabletView.SyncKey!;

        // Delete on the phone: the folder and its subfolder go.
        FolderCommandResult deleted = await phone.FolderDeleteAsync(phoneKey, created.ServerId!);
        XsdValidator.AssertValidWbxml(deleted.Response.Body, DeleteSchemas);
        Assert.Equal(1, deleted.Status);

        tabletView = await tablet.FolderSyncAsync(tabletKey);
        Assert.Equal(1, tabletView.Status);
        Assert.Contains(created.ServerId!, tabletView.Deletes);
        Assert.Empty(tabletView.Adds);
        FolderSyncResult fresh = await tablet.FolderSyncAsync("0");
        Assert.Equal(StandardFolders.All.Length, fresh.Count);
    }

    [Fact]
    public async Task FolderCreate_WithAStaleKey_IsStatus9()
    {
        using EasClient client = Fixture.Client(ServerFixture.Writer);
        string key = (await client.FolderSyncAsync("0")).SyncKey!;
        await client.FolderSyncAsync("0");

        FolderCommandResult result = await client.FolderCreateAsync(key, "0", "Stale " + ServerFixture.NewDeviceId(), 12);

        XsdValidator.AssertValidWbxml(result.Response.Body, CreateSchemas);
        Assert.Equal(9, result.Status);
    }

    [Fact]
    public async Task FolderCreate_NameTaken_IsStatus2()
    {
        using EasClient client = Fixture.Client(ServerFixture.Writer);
        string key = (await client.FolderSyncAsync("0")).SyncKey!;

        FolderCommandResult result = await client.FolderCreateAsync(key, "0", "Inbox", 12);

        Assert.Equal(2, result.Status);
    }

    [Fact]
    public async Task FolderCreate_UnknownParent_IsStatus5()
    {
        using EasClient client = Fixture.Client(ServerFixture.Writer);
        string key = (await client.FolderSyncAsync("0")).SyncKey!;

        FolderCommandResult result = await client.FolderCreateAsync(key, "999999", "Orphan", 12);

        Assert.Equal(5, result.Status);
    }

    [Fact]
    public async Task FolderDelete_OfTheInbox_IsStatus3_AndOfAnUnknownFolder_IsStatus4()
    {
        using EasClient client = Fixture.Client(ServerFixture.Writer);
        FolderSyncResult sync = await client.FolderSyncAsync("0");
        string inbox = sync.Adds.Single(f => f.Type == 2).ServerId;

        FolderCommandResult special = await client.FolderDeleteAsync(sync.SyncKey!, inbox);
        FolderCommandResult unknown = await client.FolderDeleteAsync(sync.SyncKey!, "999999");

        XsdValidator.AssertValidWbxml(special.Response.Body, DeleteSchemas);
        Assert.Equal(3, special.Status);
        Assert.Equal(4, unknown.Status);
    }

    [Fact]
    public async Task FolderUpdate_OfTheInbox_IsStatus2()
    {
        using EasClient client = Fixture.Client(ServerFixture.Writer);
        FolderSyncResult sync = await client.FolderSyncAsync("0");
        string inbox = sync.Adds.Single(f => f.Type == 2).ServerId;

        FolderCommandResult result = await client.FolderUpdateAsync(sync.SyncKey!, inbox, "0", "Renamed Inbox");

        XsdValidator.AssertValidWbxml(result.Response.Body, UpdateSchemas);
        Assert.Equal(2, result.Status);
    }
}
