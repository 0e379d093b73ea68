using System.Globalization;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the mailbox quota tests, on SQLite in its data folder or on a PostgreSQL
/// database of its own (from <c>PUSHBOX_TEST_POSTGRES</c>). The server-wide limits stay unlimited; each test sets its
/// users' own limits with <c>pushbox user set</c>, in another process, as an administrator would.
/// </summary>
public abstract class QuotaServerFixture : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-quota-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private readonly TestPostgresDatabase _database = new("pushbox_e2e_quota_");
    private readonly bool _postgres;
    private PushboxServerProcess? _server;
    private int _users;

    protected QuotaServerFixture(bool postgres)
    {
        _postgres = postgres;
    }

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A new user of this server.</summary>
    public async Task<string> NewUserAsync()
    {
        string user = string.Create(CultureInfo.InvariantCulture, $"quota{Interlocked.Increment(ref _users)}@example.com");
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password);
        return user;
    }

    /// <summary>A client of <paramref name="user"/> on a new device.</summary>
    public EasClient Client(string user, string version)
    {
        EasClientOptions options = Server.ClientOptions(user, ServerFixture.Password, ServerFixture.NewDeviceId(), version);
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    /// <summary>Runs <c>pushbox ARGUMENTS</c> against the server's data and asserts it succeeded; returns its output.</summary>
    public async Task<string> CliAsync(params string[] arguments)
    {
        CliResult result = await PushboxCli.RunAsync(_dll, _data, null, arguments);
        Assert.True(result.ExitCode == 0, $"pushbox {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>Runs <c>pushbox ARGUMENTS</c> and returns the whole result, whatever its exit code.</summary>
    public Task<CliResult> RunCliAsync(params string[] arguments) => PushboxCli.RunAsync(_dll, _data, null, arguments);

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

    /// <summary>Fails when the server has exited or logged an error.</summary>
    public void AssertServerHealthy()
    {
        Assert.False(Server.HasExited, "pushbox serve has exited:\n" + string.Join('\n', Server.Output));
        string[] errors = [.. Server.Output.Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal))];
        Assert.True(errors.Length == 0, "The server logged an error:\n" + string.Join('\n', errors));
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (_postgres)
        {
            await _database.CreateForAsync(_data, timeout.Token);
        }

        var options = new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data };
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_postgres)
        {
            await _database.DropAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}

/// <summary>The quota server on SQLite.</summary>
public sealed class SqliteQuotaServerFixture() : QuotaServerFixture(postgres: false);

/// <summary>The quota server on PostgreSQL.</summary>
public sealed class PostgresQuotaServerFixture() : QuotaServerFixture(postgres: true);
