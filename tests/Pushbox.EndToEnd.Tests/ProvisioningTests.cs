using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Provisioning against a server whose users have a default policy (MS-ASPROV 3.1.5.1, 3.2.5.2): the gate
/// (449 before 14.0, Status 142 and 144 from 14.0), the download and acknowledgement, and a policy change
/// made with the CLI while the server runs.
/// </summary>
public sealed class ProvisioningTests(ProvisioningServerFixture fixture) : IClassFixture<ProvisioningServerFixture>, IAsyncLifetime
{
    private const string EasType = "MS-EAS-Provisioning-WBXML";
    private static readonly XNamespace P = "Provision:";
    private static readonly XNamespace FH = "FolderHierarchy:";


    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task FolderSync_Unprovisioned_Is449Before140_AndStatus142From140()
    {
        using EasClient client = fixture.Client();

        EasResponse legacy = await client.SendAsync("FolderSync", FolderSyncXml, "12.1");
        Assert.Equal(449, legacy.StatusCode);
        Assert.Empty(legacy.Body);

        Assert.Equal("142", await FolderSyncStatusAsync(client, "14.1"));
        Assert.Equal("142", await FolderSyncStatusAsync(client, "14.1", useBase64Query: true));
    }

    [Fact]
    public async Task FolderSync_PolicyKeyHeaderNotANumber_Is400()
    {
        using EasClient client = fixture.Client();

        EasResponse response = await client.SendAsync(new EasRequest("FolderSync")
        {
            Xml = FolderSyncXml,
            ProtocolVersion = "14.1",
            Headers = [new("X-MS-PolicyKey", "12ab")],
        });

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Options_IsNeverGated()
    {
        using EasClient client = fixture.Client();

        EasResponse response = await client.OptionsAsync();

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Provision_DownloadAndAcknowledge_GivesAKeyThatOpensTheGate()
    {
        using EasClient client = fixture.Client();
        client.Options.PolicyKey = 0; // what a device without a key sends: Provision is never gated

        EasResponse download = await client.SendAsync("Provision", Initial, "14.1");
        Assert.Equal(200, download.StatusCode);
        XsdValidator.AssertValidWbxml(download.Body, EasSchemas.Provision);
        XElement policy = PolicyOf(download);
        Assert.Equal("1", policy.Element(P + "Status")!.Value);
        string temporary = policy.Element(P + "PolicyKey")!.Value;
        XElement doc = policy.Element(P + "Data")!.Element(P + "EASProvisionDoc")!;
        Assert.Equal(("1", "6"), (doc.Element(P + "DevicePasswordEnabled")!.Value, doc.Element(P + "MinDevicePasswordLength")!.Value));

        EasResponse acknowledged = await client.SendAsync("Provision", Acknowledge(temporary), "14.1");
        XsdValidator.AssertValidWbxml(acknowledged.Body, EasSchemas.Provision);
        XElement confirmed = PolicyOf(acknowledged);
        Assert.Equal("1", confirmed.Element(P + "Status")!.Value);
        uint final = uint.Parse(confirmed.Element(P + "PolicyKey")!.Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(temporary, final.ToString(CultureInfo.InvariantCulture));

        client.Options.PolicyKey = final;
        Assert.Equal("1", await FolderSyncStatusAsync(client, "14.1"));
        Assert.Equal("1", await FolderSyncStatusAsync(client, "14.1", useBase64Query: true));
        Assert.Equal(200, (await client.SendAsync("FolderSync", FolderSyncXml, "12.1")).StatusCode);

        client.Options.PolicyKey = unchecked(final + 1);
        Assert.Equal("144", await FolderSyncStatusAsync(client, "14.1"));

        // Real clients also send the key as a PolicyKey= query parameter instead of the header.
        client.Options.PolicyKey = null;
        EasResponse byParameter = await client.SendAsync(new EasRequest("FolderSync")
        {
            Xml = FolderSyncXml,
            ProtocolVersion = "14.1",
            Parameters = [new("PolicyKey", final.ToString(CultureInfo.InvariantCulture))],
        });
        Assert.Equal("1", byParameter.Xml!.Root!.Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task Provision_AcknowledgingAStaleTemporaryKey_IsPolicyKeyMismatch()
    {
        using EasClient client = fixture.Client();
        string first = PolicyOf(await client.SendAsync("Provision", Initial, "14.1")).Element(P + "PolicyKey")!.Value;
        await client.SendAsync("Provision", Initial, "14.1");

        XElement policy = PolicyOf(await client.SendAsync("Provision", Acknowledge(first), "14.1"));

        Assert.Equal("5", policy.Element(P + "Status")!.Value);
        Assert.Null(policy.Element(P + "PolicyKey"));
    }

    [Fact]
    public async Task PolicyChange_WithTheCli_MakesTheOldKey144And449()
    {
        using EasClient client = fixture.Client();
        client.Options.PolicyKey = await ProvisionAsync(client);
        Assert.Equal("1", await FolderSyncStatusAsync(client, "14.1"));

        await fixture.SetPolicyAsync("{\"DevicePasswordEnabled\": true, \"MinDevicePasswordLength\": 8}");

        Assert.Equal("144", await FolderSyncStatusAsync(client, "14.1"));
        Assert.Equal(449, (await client.SendAsync("FolderSync", FolderSyncXml, "12.1")).StatusCode);
        client.Options.PolicyKey = await ProvisionAsync(client);
        Assert.Equal("1", await FolderSyncStatusAsync(client, "14.1"));
    }

    private const string FolderSyncXml = "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>";

    private const string Initial = $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{EasType}</PolicyType></Policy></Policies></Provision>";

    private static string Acknowledge(string key) =>
        $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{EasType}</PolicyType><PolicyKey>{key}</PolicyKey><Status>1</Status></Policy></Policies></Provision>";

    private static XElement PolicyOf(EasResponse response)
    {
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        XElement root = response.Xml!.Root!;
        Assert.Equal("1", root.Element(P + "Status")!.Value);
        return root.Element(P + "Policies")!.Element(P + "Policy")!;
    }

    private static async Task<uint> ProvisionAsync(EasClient client)
    {
        string temporary = PolicyOf(await client.SendAsync("Provision", Initial, "14.1")).Element(P + "PolicyKey")!.Value;
        string final = PolicyOf(await client.SendAsync("Provision", Acknowledge(temporary), "14.1")).Element(P + "PolicyKey")!.Value;
        return uint.Parse(final, CultureInfo.InvariantCulture);
    }

    private static async Task<string> FolderSyncStatusAsync(EasClient client, string version, bool useBase64Query = false)
    {
        EasResponse response = await client.SendAsync("FolderSync", FolderSyncXml, version, useBase64Query);
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        return response.Xml!.Root!.Element(FH + "Status")!.Value;
    }
}
