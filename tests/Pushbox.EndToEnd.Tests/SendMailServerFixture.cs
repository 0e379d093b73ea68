using System.Globalization;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the sending tests, whose relay is an <see cref="SmtpSink"/> on loopback,
/// with retries in seconds and a small message-size limit (<see cref="MaxMessageSize"/>). Every test makes its
/// own users with <see cref="NewUserAsync"/>. On SQLite in its data folder, or (<see cref="PostgresSendMailServerFixture"/>)
/// on a PostgreSQL database of its own from <c>PUSHBOX_TEST_POSTGRES</c>.
/// </summary>
public class SendMailServerFixture : IAsyncLifetime
{
    private readonly bool _postgres;
    private readonly TestPostgresDatabase _database = new("pushbox_e2e_send_");

    /// <summary>A server on SQLite.</summary>
    public SendMailServerFixture()
        : this(postgres: false)
    {
    }

    /// <summary>A server on SQLite or PostgreSQL.</summary>
    protected SendMailServerFixture(bool postgres)
    {
        _postgres = postgres;
    }

    /// <summary>The server's ActiveSync:Send:MaxMessageSize.</summary>
    public const int MaxMessageSize = 3 * 1024 * 1024;

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-send-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private PushboxServerProcess? _server;
    private int _users;

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>The relay.</summary>
    public SmtpSink Relay { get; private set; } = null!;

    /// <summary>A client of <paramref name="user"/> on a new device (or <paramref name="deviceId"/>).</summary>
    public EasClient Client(string user, string version, string? deviceId = null)
    {
        EasClientOptions options = Server.ClientOptions(user, ServerFixture.Password, deviceId ?? ServerFixture.NewDeviceId(), version);
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    /// <summary>A new user with an empty mailbox, and optionally an alias.</summary>
    public async Task<string> NewUserAsync(string? alias = null)
    {
        string user = string.Create(CultureInfo.InvariantCulture, $"send{Interlocked.Increment(ref _users)}@example.com");
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password);
        if (alias is not null)
        {
            CliResult result = await PushboxCli.RunAsync(_dll, _data, null, ["user", "alias", "add", user, alias]);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        return user;
    }

    /// <summary>Delivers a raw message to <paramref name="user"/> over the server's SMTP port.</summary>
    public Task DeliverAsync(string from, string user, byte[] message) =>
        SmtpDelivery.DeliverAsync(Server.SmtpPort, from, user, [message]);

    /// <summary>Every email in a standard folder of <paramref name="user"/> (type 2 Inbox, 5 Sent Items), with its MIME, read over EAS 14.1.</summary>
    public async Task<List<SyncItem>> ReadFolderAsync(string user, int folderType)
    {
        using EasClient client = Client(user, "14.1");
        FolderSyncResult folders = await client.FolderSyncAsync("0", "14.1");
        string folder = folders.Adds.Single(f => f.Type == folderType).ServerId;
        string key = (await client.SyncAsync(folder, "0", version: "14.1")).Collection.SyncKey!;
        var items = new List<SyncItem>();
        bool more = true;
        while (more)
        {
            SyncCollectionResult result = (await client.SyncAsync(folder, key, 100, options: EasClient.BodyOptions(4), version: "14.1")).Collection;
            Assert.Equal(1, result.Status);
            items.AddRange(result.Commands);
            key = result.SyncKey!;
            more = result.MoreAvailable;
        }

        return items;
    }

    /// <summary>The MIME of a synced item (body type 4).</summary>
    public static string Mime(SyncItem item) => item.Body?.Element(EasNamespaces.AirSyncBase + "Data")?.Value ?? string.Empty;

    /// <summary>Waits until <paramref name="user"/>'s folder holds an item <paramref name="match"/> accepts.</summary>
    public async Task<SyncItem> WaitForItemAsync(string user, int folderType, Func<SyncItem, bool> match, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (true)
        {
            if ((await ReadFolderAsync(user, folderType)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No matching item reached {user}'s folder of type {folderType} within {timeout}.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Fails when the server has exited or logged an error.</summary>
    public void AssertServerHealthy()
    {
        Assert.False(Server.HasExited, "pushbox serve has exited:\n" + string.Join('\n', Server.Output));
        string[] errors = [.. Server.Output.Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal))];
        Assert.True(errors.Length == 0, "The server logged an error:\n" + string.Join('\n', errors));
    }

    public async Task InitializeAsync()
    {
        Relay = SmtpSink.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (_postgres)
        {
            await _database.CreateForAsync(_data, timeout.Token);
        }

        var options = new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data };
        options.Environment["PUSHBOX__Relay__Host"] = "127.0.0.1";
        options.Environment["PUSHBOX__Relay__Port"] = Relay.Port.ToString(CultureInfo.InvariantCulture);
        options.Environment["PUSHBOX__Relay__Security"] = "None";
        options.Environment["PUSHBOX__Relay__Timeout"] = "00:00:10";
        options.Environment["PUSHBOX__Relay__Lease"] = "00:01:00";
        options.Environment["PUSHBOX__Relay__FirstRetryDelay"] = "00:00:01";
        options.Environment["PUSHBOX__Relay__MaxRetryDelay"] = "00:00:02";
        options.Environment["PUSHBOX__Relay__PollInterval"] = "00:00:01";
        options.Environment["PUSHBOX__Relay__LocalDomain"] = "pushbox.test";
        options.Environment["PUSHBOX__ActiveSync__Send__MaxMessageSize"] = MaxMessageSize.ToString(CultureInfo.InvariantCulture);
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await Relay.DisposeAsync();
        if (_postgres)
        {
            await _database.DropAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}
