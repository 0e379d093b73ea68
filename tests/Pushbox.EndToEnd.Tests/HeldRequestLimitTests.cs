using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// The limits on held requests, on a <c>pushbox serve</c> of its own: a held Ping gives its place among the active
/// requests back (so <c>ActiveSync:MaxConcurrentRequests</c> = 1 still serves other devices while Pings wait), and
/// held requests are bounded per user and per server, past which a device is answered 503 with Retry-After. A
/// device replacing its own held Ping is let in at the limit.
/// </summary>
public sealed class HeldRequestLimitTests : IAsyncLifetime
{
    private const int PerUser = 2;
    private const int PerServer = 3;
    private const int RetryAfter = 9;
    private static readonly XNamespace Ping = "Ping:";
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(10);
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-held-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private readonly List<EasClient> _clients = [];
    private PushboxServerProcess? _server;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await PushboxCli.AddUserAsync(_dll, _data, "ann@example.com", ServerFixture.Password, "Ann", timeout.Token);
        await PushboxCli.AddUserAsync(_dll, _data, "bob@example.com", ServerFixture.Password, "Bob", timeout.Token);
        var options = new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data };
        options.Environment["PUSHBOX__ActiveSync__MaxConcurrentRequests"] = "1";
        options.Environment["PUSHBOX__ActiveSync__Ping__MaxHeldRequestsPerUser"] = PerUser.ToString(CultureInfo.InvariantCulture);
        options.Environment["PUSHBOX__ActiveSync__Ping__MaxHeldRequests"] = PerServer.ToString(CultureInfo.InvariantCulture);
        options.Environment["PUSHBOX__ActiveSync__Ping__HeldRetryAfterSeconds"] = RetryAfter.ToString(CultureInfo.InvariantCulture);
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        foreach (EasClient client in _clients)
        {
            client.Dispose();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task HeldPings_DoNotTakeActivePlaces_AndAreBoundedPerUserAndPerServer()
    {
        // With one active place, each device's preparation (FolderSync, Sync) runs while the earlier devices' Pings wait.
        (EasClient ann1, string ann1Inbox) = await ReadyAsync("ann@example.com");
        Task<EasResponse> ann1Ping = PingAsync(ann1, ann1Inbox);
        await AssertHeldAsync(ann1Ping);
        (EasClient ann2, string ann2Inbox) = await ReadyAsync("ann@example.com");
        Task<EasResponse> ann2Ping = PingAsync(ann2, ann2Inbox);
        await AssertHeldAsync(ann2Ping);

        // Ann's third device is past her limit; her first device replacing its own Ping is not.
        (EasClient ann3, string ann3Inbox) = await ReadyAsync("ann@example.com");
        EasResponse refused = await PingAsync(ann3, ann3Inbox).WaitAsync(Prompt);
        Task<EasResponse> ann1Again = PingAsync(ann1, ann1Inbox);
        EasResponse replaced = await ann1Ping.WaitAsync(Prompt);
        await AssertHeldAsync(ann1Again);

        // Bob's first device takes the server's last place; his second is past the server's limit.
        (EasClient bob1, string bob1Inbox) = await ReadyAsync("bob@example.com");
        Task<EasResponse> bob1Ping = PingAsync(bob1, bob1Inbox);
        await AssertHeldAsync(bob1Ping);
        (EasClient bob2, string bob2Inbox) = await ReadyAsync("bob@example.com");
        EasResponse serverFull = await PingAsync(bob2, bob2Inbox).WaitAsync(Prompt);

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal(RetryAfter.ToString(CultureInfo.InvariantCulture), refused.Header("Retry-After"));
        Assert.Equal(200, replaced.StatusCode);
        Assert.Equal("1", replaced.Xml!.Root!.Element(Ping + "Status")?.Value);
        Assert.Equal(503, serverFull.StatusCode);
        Assert.Equal(RetryAfter.ToString(CultureInfo.InvariantCulture), serverFull.Header("Retry-After"));
        using var management = new HttpClient();
        string metrics = await management.GetStringAsync(new Uri(_server!.ManagementAddress, "metrics"));
        Assert.Contains($"pushbox_eas_held_requests {PerServer}", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Output, l => l.Contains("fail: ", StringComparison.Ordinal));
        Assert.Contains(_server.Output, l => l.Contains("was refused a held request", StringComparison.Ordinal));
    }

    /// <summary>A new device of <paramref name="user"/> with its hierarchy and Inbox synchronised, ready to Ping.</summary>
    private async Task<(EasClient Client, string Inbox)> ReadyAsync(string user)
    {
        EasClientOptions options = _server!.ClientOptions(user, ServerFixture.Password, ServerFixture.NewDeviceId(), "16.1");
        options.DeviceType = ServerFixture.DeviceType;
        var client = new EasClient(options);
        _clients.Add(client);
        string inbox = (await client.FolderSyncAsync("0", "16.1")).Adds.Single(f => f.Type == 2).ServerId;
        string key = (await client.SyncAsync(inbox, "0")).Collection.SyncKey!;
        Assert.NotNull((await client.SyncAsync(inbox, key, 100)).Collection.SyncKey);
        return (client, inbox);
    }

    private static Task<EasResponse> PingAsync(EasClient client, string folder) =>
        client.SendAsync("Ping", new XElement(
            Ping + "Ping",
            new XElement(Ping + "HeartbeatInterval", "120"),
            new XElement(Ping + "Folders", new XElement(Ping + "Folder", new XElement(Ping + "Id", folder), new XElement(Ping + "Class", "Email")))).ToString(SaveOptions.DisableFormatting), "16.1");

    private static async Task AssertHeldAsync(Task<EasResponse> ping)
    {
        await Task.Delay(400);
        Assert.False(ping.IsCompleted, ping.IsCompletedSuccessfully ? $"The Ping was answered {ping.Result.StatusCode}" : "The Ping failed");
    }
}
