using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Ping (MS-ASCMD 2.2.1.13) over HTTPS: held until something the device has not synchronised arrives — mail over
/// SMTP, another device's change, a folder created — answered at once when it is already there, Status 1 when the
/// heartbeat runs out or a newer Ping takes over, and the bounds (Status 3, 5, 6, 7); and the hanging Sync
/// (12.1 Wait, 14.0+ HeartbeatInterval), held the same way and answered with the changes.
/// </summary>
[Collection(MailServer.Name)]
public sealed class PingTests(MailServerFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace Ping = "Ping:";
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace Email = EasNamespaces.Email;
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    // The key each device holds for its Inbox after the last full sync.
    private readonly Dictionary<EasClient, string> _keys = [];

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
    public async Task Ping_AfterACompleteSync_WaitsAndIsWokenByMailDeliveredOverSmtp(string version)
    {
        (string user, EasClient client, string inbox, _) = await SyncedAsync(version);
        using (client)
        {
            Task<XElement> ping = PingAsync(client, 30, inbox);
            await Task.Delay(500);
            Assert.False(ping.IsCompleted, "The Ping answered although nothing changed");
            using (var management = new HttpClient())
            {
                string metrics = await management.GetStringAsync(new Uri(fixture.Server.ManagementAddress, "metrics"));
                Assert.Contains("pushbox_eas_held_requests 1", metrics, StringComparison.Ordinal);
            }

            var clock = Stopwatch.StartNew();
            await fixture.DeliverNumberedAsync(user, 1, first: 100);
            XElement answer = await ping.WaitAsync(Prompt);

            Assert.Equal("2", answer.Element(Ping + "Status")?.Value);
            Assert.Equal([inbox], answer.Descendants(Ping + "Folder").Select(f => f.Value));
            Assert.True(clock.Elapsed < Prompt);
        }
    }

    [Fact]
    public async Task Ping_MailThatArrivedBetweenTheSyncAndThePing_AnswersAtOnce()
    {
        (string user, EasClient client, string inbox, _) = await SyncedAsync("16.1");
        using (client)
        {
            await fixture.DeliverNumberedAsync(user, 1, first: 100);

            XElement answer = await PingAsync(client, 30, inbox).WaitAsync(Prompt);

            Assert.Equal("2", answer.Element(Ping + "Status")?.Value);
        }
    }

    [Fact]
    public async Task Ping_IsWokenByAnotherDevicesChange_AndByAFolderCreatedElsewhere()
    {
        (string user, EasClient phone, string inbox, _) = await SyncedAsync("16.1");
        using (phone)
        {
            using EasClient tablet = fixture.Client(user, "16.1");
            FolderSyncResult tabletFolders = await tablet.FolderSyncAsync("0", "16.1");
            string key = (await tablet.SyncAsync(inbox, "0")).Collection.SyncKey!;
            SyncCollectionResult all = (await tablet.SyncAsync(inbox, key, 100)).Collection;

            Task<XElement> ping = PingAsync(phone, 30, inbox);
            await Task.Delay(300);
            var read = new XElement(AirSync + "Commands", new XElement(AirSync + "Change", new XElement(AirSync + "ServerId", all.Commands[0].ServerId), new XElement(AirSync + "ApplicationData", new XElement(Email + "Read", "1"))));
            await tablet.SyncAsync(inbox, all.SyncKey!, commands: read);
            XElement woken = await ping.WaitAsync(Prompt);

            Assert.Equal("2", woken.Element(Ping + "Status")?.Value);

            // The phone syncs the change, Pings again, and the tablet creates a folder.
            SyncCollectionResult change = (await phone.SyncAsync(inbox, _keys[phone])).Collection;
            Assert.Single(change.Commands);
            Task<XElement> second = PingAsync(phone, 30, inbox);
            await Task.Delay(300);
            await tablet.FolderCreateAsync(tabletFolders.SyncKey!, "0", "Created elsewhere", 12);
            XElement hierarchy = await second.WaitAsync(Prompt);

            Assert.Equal("7", hierarchy.Element(Ping + "Status")?.Value);
        }
    }

    [Fact]
    public async Task Ping_IsWokenByMailImportedFromTheCommandLine()
    {
        // The CLI is another process on the same SQLite database: its commit reaches the server's held Ping
        // through the data folder's change socket.
        (string user, EasClient client, string inbox, _) = await SyncedAsync("16.1");
        using (client)
        {
            string maildir = Directory.CreateTempSubdirectory("pushbox-e2e-maildir-").FullName;
            try
            {
                foreach (string sub in new[] { "cur", "new", "tmp" })
                {
                    Directory.CreateDirectory(Path.Combine(maildir, sub));
                }

                await File.WriteAllBytesAsync(Path.Combine(maildir, "new", "1700000000.1.host"), SmtpDelivery.TextMessage("old@remote.invalid", user, "Imported", "Imported by the administrator."));
                Task<XElement> ping = PingAsync(client, 60, inbox);
                await Task.Delay(500);
                Assert.False(ping.IsCompleted, "The Ping answered although nothing changed");

                CliResult import = await fixture.CliAsync("import", user, maildir);
                XElement answer = await ping.WaitAsync(Prompt);

                Assert.Equal(0, import.ExitCode);
                Assert.Equal("2", answer.Element(Ping + "Status")?.Value);
                Assert.Equal([inbox], answer.Descendants(Ping + "Folder").Select(f => f.Value));
            }
            finally
            {
                Directory.Delete(maildir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Ping_HeartbeatRunsOut_IsStatus1_AndANewerPingEndsTheOlderOne()
    {
        (_, EasClient client, string inbox, _) = await SyncedAsync("16.1");
        using (client)
        {
            XElement expired = await PingAsync(client, MailServerFixture.MinHeartbeat, inbox).WaitAsync(TimeSpan.FromSeconds(MailServerFixture.MinHeartbeat + 5));
            Task<XElement> older = PingAsync(client, 30, inbox);
            await Task.Delay(500);
            Task<XElement> newer = PingAsync(client, 30, inbox);
            XElement ended = await older.WaitAsync(Prompt);

            Assert.Equal("1", expired.Element(Ping + "Status")?.Value);
            Assert.Equal("1", ended.Element(Ping + "Status")?.Value);
            Assert.False(newer.IsCompleted);
            Task<XElement> newest = PingAsync(client, MailServerFixture.MinHeartbeat, inbox);
            Assert.Equal("1", (await newer.WaitAsync(Prompt)).Element(Ping + "Status")?.Value);
            await newest.WaitAsync(TimeSpan.FromSeconds(MailServerFixture.MinHeartbeat + 5));
        }
    }

    [Fact]
    public async Task Ping_Bounds_MissingParameters3_Heartbeat5_TooManyFolders6_UnknownFolder7_AndAnEmptyPingReusesTheLastOne()
    {
        (string user, EasClient client, string inbox, _) = await SyncedAsync("16.1");
        using (client)
        {
            using EasClient fresh = fixture.Client(user, "16.1");
            XElement missing = await SendAsync(fresh, null);
            XElement tooShort = await PingAsync(client, 1, inbox);
            XElement tooMany = await PingAsync(client, 30, [.. Enumerable.Repeat(inbox, 1), .. Enumerable.Range(1, MailServerFixture.MaxPingFolders).Select(i => (100000 + i).ToString(CultureInfo.InvariantCulture))]);
            XElement unknown = await PingAsync(client, 30, "99999999");

            Assert.Equal("3", missing.Element(Ping + "Status")?.Value);
            Assert.Equal(("5", MailServerFixture.MinHeartbeat.ToString(CultureInfo.InvariantCulture)), (tooShort.Element(Ping + "Status")?.Value, tooShort.Element(Ping + "HeartbeatInterval")?.Value));
            Assert.Equal(("6", MailServerFixture.MaxPingFolders.ToString(CultureInfo.InvariantCulture)), (tooMany.Element(Ping + "Status")?.Value, tooMany.Element(Ping + "MaxFolders")?.Value));
            Assert.Equal("7", unknown.Element(Ping + "Status")?.Value);

            // A Ping with values caches them; an empty one then waits on the same folder with the same heartbeat.
            await PingAsync(client, MailServerFixture.MinHeartbeat, inbox);
            var clock = Stopwatch.StartNew();
            XElement reused = await SendAsync(client, null);
            Assert.Equal("1", reused.Element(Ping + "Status")?.Value);
            Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(MailServerFixture.MinHeartbeat - 0.5));
        }
    }

    [Theory]
    [InlineData("12.1", "Wait", "1")]
    [InlineData("14.1", "HeartbeatInterval", "60")]
    [InlineData("16.1", "HeartbeatInterval", "60")]
    public async Task HangingSync_WithNothingNew_IsHeldUntilMailArrives_AndThenCarriesIt(string version, string element, string value)
    {
        (string user, EasClient client, string inbox, string key) = await SyncedAsync(version);
        using (client)
        {
            var collection = new XElement(AirSync + "Collection", new XElement(AirSync + "SyncKey", key), new XElement(AirSync + "CollectionId", inbox));
            var sync = new XElement(AirSync + "Sync", new XElement(AirSync + "Collections", collection), new XElement(AirSync + element, value));

            Task<SyncResult> held = client.SyncAsync(sync, version);
            await Task.Delay(500);
            Assert.False(held.IsCompleted, "The hanging Sync answered although nothing changed");
            await fixture.DeliverNumberedAsync(user, 1, first: 100);
            SyncCollectionResult answer = (await held.WaitAsync(Prompt)).Collection;

            Assert.Equal(1, answer.Status);
            SyncItem added = Assert.Single(answer.Commands);
            Assert.Equal(("Add", "Message 0100"), (added.Kind, added.Email("Subject")));
            Assert.NotEqual(key, answer.SyncKey);
        }
    }

    [Fact]
    public async Task HangingSync_IsEndedByTheDevicesNextRequest_WithAQuietAnswer()
    {
        (_, EasClient client, string inbox, string key) = await SyncedAsync("16.1");
        using (client)
        {
            var collection = new XElement(AirSync + "Collection", new XElement(AirSync + "SyncKey", key), new XElement(AirSync + "CollectionId", inbox));
            Task<SyncResult> held = client.SyncAsync(new XElement(AirSync + "Sync", new XElement(AirSync + "Collections", collection), new XElement(AirSync + "HeartbeatInterval", "600")));
            await Task.Delay(500);

            Task<XElement> ping = PingAsync(client, MailServerFixture.MinHeartbeat, inbox);
            SyncCollectionResult ended = (await held.WaitAsync(Prompt)).Collection;

            Assert.Equal((1, key), (ended.Status, ended.SyncKey));
            Assert.Empty(ended.Commands);
            Assert.Equal("1", (await ping.WaitAsync(TimeSpan.FromSeconds(MailServerFixture.MinHeartbeat + 5))).Element(Ping + "Status")?.Value);
        }
    }

    /// <summary>A new user with 3 messages, a device that ran FolderSync and synced the Inbox to the end.</summary>
    private async Task<(string User, EasClient Client, string Inbox, string Key)> SyncedAsync(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverNumberedAsync(user, 3);
        EasClient client = fixture.Client(user, version);
        string inbox = (await client.FolderSyncAsync("0", version)).Adds.Single(f => f.Type == 2).ServerId;
        string key = await CurrentKeyAsync(client, inbox, fromZero: true);
        return (user, client, inbox, key);
    }

    /// <summary>Syncs <paramref name="folder"/> to the end (from "0" the first time) and returns the key.</summary>
    private async Task<string> CurrentKeyAsync(EasClient client, string folder, bool fromZero = false)
    {
        string version = client.Options.ProtocolVersion;
        string key = fromZero ? (await client.SyncAsync(folder, "0", version: version)).Collection.SyncKey! : _keys[client];
        SyncCollectionResult result;
        do
        {
            result = (await client.SyncAsync(folder, key, 100, version: version)).Collection;
            key = result.SyncKey!;
        }
        while (result.MoreAvailable);

        _keys[client] = key;
        return key;
    }

    private static Task<XElement> PingAsync(EasClient client, int heartbeat, params string[] folders) =>
        SendAsync(client, new XElement(
            Ping + "Ping",
            new XElement(Ping + "HeartbeatInterval", heartbeat.ToString(CultureInfo.InvariantCulture)),
            new XElement(Ping + "Folders", folders.Select(id => new XElement(Ping + "Folder", new XElement(Ping + "Id", id), new XElement(Ping + "Class", "Email"))))));

    private static async Task<XElement> SendAsync(EasClient client, XElement? ping)
    {
        EasResponse response = await client.SendAsync("Ping", ping?.ToString(SaveOptions.DisableFormatting), client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "PingResponse.xsd");
        return response.Xml!.Root!;
    }
}
