using System.Text;
using System.Text.Json;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>Autodiscover for mobile devices (MS-ASCMD 2.2.1.1) and the v2 JSON form Outlook mobile uses.</summary>
[Collection(SharedServer.Name)]
public sealed class AutodiscoverTests(ServerFixture fixture) : ServerTest(fixture)
{
    private static readonly string[] Schemas = ["AutodiscoverResponse.xsd", "AutodiscoverMobileSync.xsd"];

    private string ActiveSyncUrl => new Uri(Fixture.Server.BaseAddress, EasClient.ActiveSyncPath).AbsoluteUri;

    [Fact]
    public async Task Autodiscover_ForTheSignedInUser_GivesTheMobileSyncUrl()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        AutodiscoverResult result = await client.AutodiscoverAsync(ServerFixture.Alice);

        Assert.Equal(200, result.Response.StatusCode);
        Assert.StartsWith("text/xml", result.Response.ContentType, StringComparison.OrdinalIgnoreCase);
        XsdValidator.AssertValidXml(result.Response.BodyText, Schemas);
        Assert.Null(result.ErrorCode);
        Assert.Equal("MobileSync", result.ServerType);
        Assert.Equal(ActiveSyncUrl, result.Url);
        Assert.Equal(ServerFixture.Alice, result.EMailAddress);
        Assert.Equal(ServerFixture.AliceName, result.DisplayName);
    }

    [Theory]
    [InlineData("<Autodiscover><Request><EMailAddress>alice@example.com</EMailAddress>")] // cut off
    [InlineData("not xml at all")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"e\">]><Autodiscover/>")] // a DTD
    [InlineData("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006\"><Request/></Autodiscover>")] // no address
    public async Task Autodiscover_MalformedRequest_IsError600(string body)
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        AutodiscoverResult result = await client.PostAutodiscoverAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(200, result.Response.StatusCode);
        XsdValidator.AssertValidXml(result.Response.BodyText, Schemas);
        Assert.Equal(600, result.ErrorCode);
        Assert.Null(result.Url);
    }

    [Fact]
    public async Task Autodiscover_OutlookResponseSchema_IsError601()
    {
        using EasClient client = Fixture.Client(ServerFixture.Alice);

        AutodiscoverResult result = await client.AutodiscoverAsync(ServerFixture.Alice, EasNamespaces.AutodiscoverOutlookResponse.NamespaceName);

        Assert.Equal(200, result.Response.StatusCode);
        XsdValidator.AssertValidXml(result.Response.BodyText, Schemas);
        Assert.Equal(601, result.ErrorCode);
    }

    [Fact]
    public async Task Autodiscover_WithoutCredentials_Is401WithChallenge()
    {
        using EasClient client = Fixture.Client(user: null);

        AutodiscoverResult result = await client.AutodiscoverAsync(ServerFixture.Alice);

        Assert.Equal(401, result.Response.StatusCode);
        Assert.StartsWith("Basic realm=", result.Response.Header("WWW-Authenticate"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AutodiscoverJson_ForActiveSync_GivesTheUrlAnonymously()
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.AutodiscoverJsonAsync(ServerFixture.Alice);

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.ContentType, StringComparison.OrdinalIgnoreCase);
        using JsonDocument json = JsonDocument.Parse(response.Body);
        Assert.Equal("ActiveSync", json.RootElement.GetProperty("Protocol").GetString());
        Assert.Equal(ActiveSyncUrl, json.RootElement.GetProperty("Url").GetString());
    }

    [Theory]
    [InlineData("not-an-address", "ActiveSync")]
    [InlineData(ServerFixture.Alice, "Ews")]
    public async Task AutodiscoverJson_BadRequest_Is400(string email, string protocol)
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.AutodiscoverJsonAsync(email, protocol);

        Assert.Equal(400, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(response.Body);
        Assert.Equal("InvalidRequest", json.RootElement.GetProperty("ErrorCode").GetString());
    }

    [Fact]
    public async Task AutodiscoverJson_PathForm_GivesTheUrlAnonymously()
    {
        using EasClient client = Fixture.Client(user: null);

        EasResponse response = await client.SendRawAsync(new RawHttpRequest
        {
            Method = HttpMethod.Get,
            PathAndQuery = "/autodiscover/autodiscover.json/v1.0/" + ServerFixture.Alice + "?Protocol=ActiveSync",
        });

        Assert.Equal(200, response.StatusCode);
        using JsonDocument json = JsonDocument.Parse(response.Body);
        Assert.Equal(ActiveSyncUrl, json.RootElement.GetProperty("Url").GetString());
    }
}
