using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Device management over HTTPS with the administrator's CLI in another process, at 12.1, 14.1 and 16.1: a remote
/// wipe (and at 16.1 an account-only wipe) ordered while the device holds a Ping, fetched with Provision and
/// acknowledged, the device refused afterwards and starting over once removed (MS-ASPROV 3.2.5.1.2.2, MS-ASCMD 2.2.2
/// status 140 and 129); a DeviceType blocked by a rule; a default access level of quarantine showing only a notice in
/// the Inbox, and a clean resynchronisation once the device is allowed. Runs on SQLite and on PostgreSQL.
/// </summary>
public abstract class DeviceManagementTests(DeviceManagementServerFixture fixture) : IAsyncLifetime
{
    private const string EasType = "MS-EAS-Provisioning-WBXML";
    private static readonly XNamespace P = "Provision:";
    private static readonly XNamespace Ping = "Ping:";
    private static readonly XNamespace FH = "FolderHierarchy:";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Wipe_OrderedWhileThePhoneHoldsAPing_AnswersItAtOnce_IsFetchedAndAcknowledged_ThenThePhoneIsRefusedUntilRemoved(string version)
    {
        string user = await fixture.NewUserAsync();
        using EasClient phone = fixture.Client(user, version);
        string inbox = (await phone.FolderSyncAsync("0", version)).Adds.Single(f => f.Type == 2).ServerId;
        string key = (await phone.SyncAsync(inbox, "0", version: version)).Collection.SyncKey!;
        await phone.SyncAsync(inbox, key, version: version);

        Task<EasResponse> ping = phone.SendAsync("Ping", PingXml(300, inbox), version);
        await Task.Delay(500);
        Assert.False(ping.IsCompleted, "The Ping answered although nothing changed");
        var clock = Stopwatch.StartNew();
        await fixture.CliAsync("device", "wipe", user, phone.Options.DeviceId);
        EasResponse woken = await ping.WaitAsync(Prompt);

        // The held Ping is answered as soon as the order is committed: 140 from 14.0, HTTP 449 before (MS-ASCMD 2.2.2).
        Assert.True(clock.Elapsed < Prompt);
        if (version == "12.1")
        {
            Assert.Equal(449, woken.StatusCode);
        }
        else
        {
            Assert.Equal(200, woken.StatusCode);
            XsdValidator.AssertValidWbxml(woken.Body, "PingResponse.xsd");
            Assert.Equal("140", woken.Xml!.Root!.Element(Ping + "Status")!.Value);
            Assert.Equal("140", await FolderSyncStatusAsync(phone, version));
        }

        Assert.Equal("Pending", (await DeviceAsync(user, phone.Options.DeviceId)).GetProperty("wipe").GetString());

        // A 12.1 phone told 449 downloads the policy; a 14.0+ phone told 140 sends an empty Provision (MS-ASPROV 3.1.5.1.1).
        string fetch = version == "12.1"
            ? $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{EasType}</PolicyType></Policy></Policies></Provision>"
            : "<Provision xmlns=\"Provision:\"/>";
        XElement directive = await ProvisionAsync(phone, fetch, version);
        Assert.Equal("1", directive.Element(P + "Status")!.Value);
        Assert.NotNull(directive.Element(P + "RemoteWipe"));
        Assert.Null(directive.Element(P + "Policies"));
        Assert.Equal("Sent", (await DeviceAsync(user, phone.Options.DeviceId)).GetProperty("wipe").GetString());

        XElement acknowledged = await ProvisionAsync(phone, "<Provision xmlns=\"Provision:\"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>", version);
        Assert.Equal("1", acknowledged.Element(P + "Status")!.Value);
        Assert.Null(acknowledged.Element(P + "RemoteWipe"));

        JsonElement wiped = await DeviceAsync(user, phone.Options.DeviceId);
        Assert.Equal(("Wiped", "Full"), (wiped.GetProperty("wipe").GetString(), wiped.GetProperty("wipeKind").GetString()));
        Assert.True(wiped.GetProperty("wipeAcknowledgedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        await AssertRefusedAsync(phone, version);

        await fixture.CliAsync("device", "remove", user, phone.Options.DeviceId);

        FolderSyncResult fresh = await phone.FolderSyncAsync("0", version);
        Assert.Equal(1, fresh.Status);
        Assert.Contains(fresh.Adds, f => f.Type == 2);
        Assert.Equal("None", (await DeviceAsync(user, phone.Options.DeviceId)).GetProperty("wipe").GetString());
        using var management = new HttpClient();
        string metrics = await management.GetStringAsync(new Uri(fixture.Server.ManagementAddress, "metrics"));
        Assert.Contains("pushbox_eas_provisioning_events_total{event=\"wipe_sent\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountOnlyWipe_At161_IsFetchedAsAccountOnlyRemoteWipe_AndRefusedForAn141Device()
    {
        string user = await fixture.NewUserAsync();
        using EasClient phone = fixture.Client(user, "16.1");
        using EasClient older = fixture.Client(user, "14.1");
        Assert.Equal(1, (await phone.FolderSyncAsync("0", "16.1")).Status);
        Assert.Equal(1, (await older.FolderSyncAsync("0", "14.1")).Status);

        CliResult refused = await fixture.RunCliAsync("device", "wipe", user, older.Options.DeviceId, "--account-only");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("16.1", refused.Stderr, StringComparison.Ordinal);
        await fixture.CliAsync("device", "wipe", user, phone.Options.DeviceId, "--account-only");

        Assert.Equal("140", await FolderSyncStatusAsync(phone, "16.1"));
        XElement directive = await ProvisionAsync(phone, "<Provision xmlns=\"Provision:\"/>", "16.1");
        Assert.NotNull(directive.Element(P + "AccountOnlyRemoteWipe"));
        Assert.Null(directive.Element(P + "RemoteWipe"));
        XElement acknowledged = await ProvisionAsync(phone, "<Provision xmlns=\"Provision:\"><AccountOnlyRemoteWipe><Status>1</Status></AccountOnlyRemoteWipe></Provision>", "16.1");
        Assert.Equal("1", acknowledged.Element(P + "Status")!.Value);

        JsonElement wiped = await DeviceAsync(user, phone.Options.DeviceId);
        Assert.Equal(("Wiped", "AccountOnly"), (wiped.GetProperty("wipe").GetString(), wiped.GetProperty("wipeKind").GetString()));
        await AssertRefusedAsync(phone, "16.1");
        Assert.Equal("1", await FolderSyncStatusAsync(older, "14.1"));

        // An administrator who allows the wiped phone lets it start over.
        await fixture.CliAsync("device", "allow", user, phone.Options.DeviceId);
        Assert.Equal(1, (await phone.FolderSyncAsync("0", "16.1")).Status);
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task DeviceTypeBlockedByARule_CannotProvisionOrSynchronise_UntilTheDeviceIsAllowed(string version)
    {
        string user = await fixture.NewUserAsync();
        string type = "Blocked" + version.Replace(".", string.Empty, StringComparison.Ordinal);
        string added = await fixture.CliAsync("device", "rule", "add", "devicetype", type.ToUpperInvariant(), "block");
        string ruleId = added.Split(':')[0]["Rule ".Length..];
        try
        {
            using EasClient phone = fixture.Client(user, version, type);
            using EasClient allowedPhone = fixture.Client(user, version);

            await AssertRefusedAsync(phone, version);
            Assert.Equal(1, (await allowedPhone.FolderSyncAsync("0", version)).Status);
            JsonElement listed = await DeviceAsync(user, phone.Options.DeviceId);
            Assert.Equal(("Blocked", "rules", type), (listed.GetProperty("access").GetString(), listed.GetProperty("accessSetBy").GetString(), listed.GetProperty("deviceType").GetString()));

            await fixture.CliAsync("device", "allow", user, phone.Options.DeviceId);

            Assert.Equal(1, (await phone.FolderSyncAsync("0", version)).Status);
            Assert.Equal("device", (await DeviceAsync(user, phone.Options.DeviceId)).GetProperty("accessSetBy").GetString());
        }
        finally
        {
            await fixture.CliAsync("device", "rule", "remove", ruleId);
        }
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task DefaultQuarantine_ShowsOnlyTheNoticeInTheInbox_AndOnceAllowedThePhoneResynchronisesTheMailbox(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user, 3);
        await fixture.CliAsync("device", "rule", "default", "quarantine");
        EasClient phone;
        try
        {
            phone = fixture.Client(user, version);
            FolderSyncResult folders = await phone.FolderSyncAsync("0", version);
            Assert.Equal(1, folders.Status);
            string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
            string sent = folders.Adds.Single(f => f.Type == 5).ServerId;

            SyncCollectionResult initial = await SyncAsync(phone, inbox, "0", version);
            SyncCollectionResult notice = await SyncAsync(phone, inbox, initial.SyncKey!, version);
            SyncCollectionResult quiet = await SyncAsync(phone, inbox, notice.SyncKey!, version);
            SyncCollectionResult otherFolder = await SyncAsync(phone, sent, await FirstKeyAsync(phone, sent, version), version);

            SyncItem only = Assert.Single(notice.Commands);
            Assert.Equal("Add", only.Kind);
            Assert.Equal("Your device is quarantined", only.Email("Subject"));
            string text = (only.Body?.Element(EasNamespaces.AirSyncBase + "Data") ?? only.ApplicationData!.Element(EasNamespaces.Email + "Body"))!.Value;
            Assert.Contains(phone.Options.DeviceId, text, StringComparison.Ordinal);
            Assert.Contains("administrator must allow", text, StringComparison.Ordinal);
            Assert.Empty(quiet.Commands);
            Assert.Empty(otherFolder.Commands);
            Assert.Equal("Quarantined", (await DeviceAsync(user, phone.Options.DeviceId)).GetProperty("access").GetString());
            EasResponse move = await phone.SendAsync("MoveItems", "<MoveItems xmlns=\"Move:\"><Move><SrcMsgId>1:1</SrcMsgId><SrcFldId>1</SrcFldId><DstFldId>2</DstFldId></Move></MoveItems>", version);
            Assert.Equal(version == "12.1" ? 403 : 200, move.StatusCode);

            // A quarantined phone may hold a Ping; letting it out answers the Ping at once with Status 7, because
            // its hierarchy is gone with the quarantine's sync state (MS-ASCMD 2.2.3.177.11).
            Task<EasResponse> ping = phone.SendAsync("Ping", PingXml(300, inbox), version);
            await Task.Delay(500);
            Assert.False(ping.IsCompleted, "The quarantined phone's Ping answered although nothing changed");
            await fixture.CliAsync("device", "allow", user, phone.Options.DeviceId);
            EasResponse woken = await ping.WaitAsync(Prompt);
            Assert.Equal(200, woken.StatusCode);
            XsdValidator.AssertValidWbxml(woken.Body, "PingResponse.xsd");
            Assert.Equal("7", woken.Xml!.Root!.Element(Ping + "Status")!.Value);

            // Let out of quarantine, the phone's keys are gone: Status 3 and 9 make it start over (MS-ASCMD 2.2.3.177.17, 2.2.3.177.6).
            Assert.Equal(3, (await SyncAsync(phone, inbox, quiet.SyncKey!, version)).Status);
            Assert.Equal(9, (await phone.FolderSyncAsync(folders.SyncKey!, version)).Status);
            Assert.Equal(1, (await phone.FolderSyncAsync("0", version)).Status);
            SyncCollectionResult mail = await SyncAsync(phone, inbox, await FirstKeyAsync(phone, inbox, version), version);
            Assert.Equal(3, mail.Commands.Count);
            Assert.DoesNotContain(mail.Commands, c => c.Email("Subject") == "Your device is quarantined");
            phone.Dispose();
        }
        finally
        {
            await fixture.CliAsync("device", "rule", "default", "allow");
        }
    }

    private static string PingXml(int heartbeat, string folder) =>
        new XElement(
            Ping + "Ping",
            new XElement(Ping + "HeartbeatInterval", heartbeat.ToString(CultureInfo.InvariantCulture)),
            new XElement(Ping + "Folders", new XElement(Ping + "Folder", new XElement(Ping + "Id", folder), new XElement(Ping + "Class", "Email")))).ToString(SaveOptions.DisableFormatting);

    /// <summary>Refused everywhere: FolderSync and Provision get 129 from 14.0, HTTP 403 before.</summary>
    private static async Task AssertRefusedAsync(EasClient phone, string version)
    {
        string initial = $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{EasType}</PolicyType></Policy></Policies></Provision>";
        if (version == "12.1")
        {
            Assert.Equal(403, (await phone.SendAsync("FolderSync", "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>", version)).StatusCode);
            Assert.Equal(403, (await phone.SendAsync("Provision", initial, version)).StatusCode);
            return;
        }

        Assert.Equal("129", await FolderSyncStatusAsync(phone, version));
        Assert.Equal("129", (await ProvisionAsync(phone, initial, version)).Element(P + "Status")!.Value);
    }

    private static async Task<string> FolderSyncStatusAsync(EasClient client, string version)
    {
        EasResponse response = await client.SendAsync("FolderSync", "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>", version);
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        XsdValidator.AssertValidWbxml(response.Body, StandardFolders.FolderSyncSchemas);
        return response.Xml!.Root!.Element(FH + "Status")!.Value;
    }

    private static async Task<XElement> ProvisionAsync(EasClient client, string xml, string version)
    {
        EasResponse response = await client.SendAsync("Provision", xml, version);
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        XsdValidator.AssertValidWbxml(response.Body, EasSchemas.Provision);
        return response.Xml!.Root!;
    }

    private static async Task<SyncCollectionResult> SyncAsync(EasClient client, string folder, string key, string version)
    {
        SyncResult result = await client.SyncAsync(folder, key, 50, version: version);
        XsdValidator.AssertValidWbxml(result.Response.Body, EasSchemas.Sync);
        return result.Collection;
    }

    private static async Task<string> FirstKeyAsync(EasClient client, string folder, string version) =>
        (await SyncAsync(client, folder, "0", version)).SyncKey!;

    /// <summary>The device as <c>pushbox device list EMAIL --json</c> shows it.</summary>
    private async Task<JsonElement> DeviceAsync(string user, string deviceId)
    {
        using JsonDocument listed = JsonDocument.Parse(await fixture.CliAsync("device", "list", user, "--json"));
        return listed.RootElement.EnumerateArray().Single(d => d.GetProperty("deviceId").GetString() == deviceId).Clone();
    }
}

/// <summary>Device management on SQLite: the CLI's writes reach the held Ping through the data folder's change relay.</summary>
public sealed class SqliteDeviceManagementTests(SqliteDeviceManagementServerFixture fixture) : DeviceManagementTests(fixture), IClassFixture<SqliteDeviceManagementServerFixture>;

/// <summary>Device management on PostgreSQL: the CLI's writes reach the held Ping through LISTEN/NOTIFY.</summary>
public sealed class PostgresDeviceManagementTests(PostgresDeviceManagementServerFixture fixture) : DeviceManagementTests(fixture), IClassFixture<PostgresDeviceManagementServerFixture>;
