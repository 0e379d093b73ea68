using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>FolderSync (MS-ASCMD 2.2.1.5) over HTTPS at every protocol version, with both query forms.</summary>
[Collection(SharedServer.Name)]
public sealed class FolderSyncTests(ServerFixture fixture) : ServerTest(fixture)
{
    /// <summary>Every version with the plain query; 12.1 and later also with the base64 query (MS-ASHTTP 2.2.1.1.1.1).</summary>
    public static TheoryData<string, bool> VersionsAndQueryForms()
    {
        var data = new TheoryData<string, bool>();
        foreach (string version in StandardFolders.Versions)
        {
            data.Add(version, false);
            if (version is not ("2.5" or "12.0"))
            {
                data.Add(version, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(VersionsAndQueryForms))]
    public async Task FolderSync_KeyZero_ReturnsTheElevenStandardFoldersValidAgainstTheSchema(string version, bool base64Query)
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader, version: version);

        FolderSyncResult result = await client.FolderSyncAsync("0", version, base64Query);

        Assert.Equal(EasClient.WbxmlContentType, result.Response.ContentType);
        XsdValidator.AssertValidWbxml(result.Response.Body, StandardFolders.FolderSyncSchemas);
        Assert.Equal(1, result.Status);
        Assert.False(string.IsNullOrEmpty(result.SyncKey));
        Assert.NotEqual("0", result.SyncKey);
        Assert.Equal(11, result.Count);
        Assert.Equal(StandardFolders.All.OrderBy(f => f.Type), result.Adds.Select(f => (f.DisplayName, f.Type)).OrderBy(f => f.Type));
        Assert.All(result.Adds, f => Assert.Equal("0", f.ParentId));
        Assert.Equal(11, result.Adds.Select(f => f.ServerId).Distinct().Count());
        Assert.Empty(result.Updates);
        Assert.Empty(result.Deletes);
    }

    [Theory]
    [MemberData(nameof(VersionsAndQueryForms))]
    public async Task FolderSync_CurrentKeyWithoutChanges_KeepsTheKeyAndListsNothing(string version, bool base64Query)
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader, version: version);
        FolderSyncResult initial = await client.FolderSyncAsync("0", version, base64Query);

        FolderSyncResult again = await client.FolderSyncAsync(initial.SyncKey!, version, base64Query);

        XsdValidator.AssertValidWbxml(again.Response.Body, StandardFolders.FolderSyncSchemas);
        Assert.Equal(1, again.Status);
        Assert.Equal(initial.SyncKey, again.SyncKey);
        Assert.Equal(0, again.Count);
        Assert.Empty(again.Adds);
    }

    [Fact]
    public async Task FolderSync_KeyZeroTwice_GivesTheSameFoldersAndANewKey()
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader);
        FolderSyncResult first = await client.FolderSyncAsync("0");

        FolderSyncResult second = await client.FolderSyncAsync("0");

        Assert.Equal(1, second.Status);
        Assert.Equal(first.Adds, second.Adds);
        Assert.NotEqual(first.SyncKey, second.SyncKey);
        Assert.Equal(9, (await client.FolderSyncAsync(first.SyncKey!)).Status); // the key before the reset is gone
    }

    [Fact]
    public async Task FolderSync_PreviousKeyAfterAChange_ReturnsTheSameAnswerAgain()
    {
        // MS-ASCMD 3.1.5.1 (sync key): a device that lost the response sends the previous key again.
        using EasClient phone = Fixture.Client(ServerFixture.Retry);
        using EasClient tablet = Fixture.Client(ServerFixture.Retry);
        string phoneKey = (await phone.FolderSyncAsync("0")).SyncKey!;
        string tabletKey = (await tablet.FolderSyncAsync("0")).SyncKey!;
        string name = "Retry " + ServerFixture.NewDeviceId();
        FolderCommandResult created = await tablet.FolderCreateAsync(tabletKey, "0", name, 12);
        Assert.Equal(1, created.Status);

        FolderSyncResult answer = await phone.FolderSyncAsync(phoneKey);
        FolderSyncResult retried = await phone.FolderSyncAsync(phoneKey);

        Assert.Equal(1, answer.Status);
        Assert.NotEqual(phoneKey, answer.SyncKey);
        Assert.Equal(new HierarchyFolder(created.ServerId!, "0", name, 12), Assert.Single(answer.Adds));
        Assert.Equal(answer.Response.Body, retried.Response.Body);
        FolderSyncResult next = await phone.FolderSyncAsync(answer.SyncKey!);
        Assert.Equal((1, answer.SyncKey, 0), (next.Status, next.SyncKey, next.Count));
        Assert.Equal(1, (await tablet.FolderDeleteAsync(created.SyncKey!, created.ServerId!)).Status);
    }

    [Theory]
    [InlineData("4711")]
    [InlineData("not-a-key")]
    [InlineData("-1")]
    public async Task FolderSync_UnknownKey_IsStatus9(string key)
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader);
        await client.FolderSyncAsync("0");

        FolderSyncResult result = await client.FolderSyncAsync(key);

        XsdValidator.AssertValidWbxml(result.Response.Body, StandardFolders.FolderSyncSchemas);
        Assert.Equal(9, result.Status);
        Assert.Null(result.SyncKey);
    }

    [Fact]
    public async Task FolderSync_OverHttp2_Works()
    {
        using EasClient client = Fixture.Client(ServerFixture.Reader, httpVersion: System.Net.HttpVersion.Version20);

        FolderSyncResult result = await client.FolderSyncAsync("0", useBase64Query: true);

        Assert.Equal(new Version(2, 0), result.Response.HttpVersion);
        Assert.Equal((1, 11), (result.Status, result.Count));
    }

    [Fact]
    public async Task FolderSync_Base64QueryWithABinaryGuidDeviceId_Works()
    {
        // MS-ASHTTP 2.2.1.1.1.1: the device ID field holds "a string or a GUID"; Windows Phone sent 16 raw bytes.
        using EasClient client = Fixture.Client(ServerFixture.Reader);
        var query = new Base64Query
        {
            ProtocolVersion = Base64Query.VersionByte("14.1"),
            CommandCode = EasCommandCodes.GetCode("FolderSync"),
            Locale = 0x0407,
            DeviceId = Guid.NewGuid().ToByteArray(),
            DeviceType = System.Text.Encoding.ASCII.GetBytes("WP8"),
        };
        query.With(Base64QueryTag.User, ServerFixture.Reader);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            PathAndQuery = EasClient.ActiveSyncPath + "?" + query.Encode(),
            Headers = [new("Content-Type", EasClient.WbxmlContentType)],
            Body = Pushbox.Wbxml.WbxmlXml.FromXml("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>"""),
        });

        FolderSyncResult result = FolderSyncResult.From(response);
        Assert.Equal((1, 11), (result.Status, result.Count));
    }
}
