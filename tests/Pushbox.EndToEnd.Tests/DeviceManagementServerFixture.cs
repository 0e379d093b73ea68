using System.Globalization;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the device-management tests, whose access rules and default access level
/// are organisation-wide and would refuse other suites' devices: on SQLite in its data folder, or on a PostgreSQL
/// database of its own (from <c>PUSHBOX_TEST_POSTGRES</c>, as the scale-out tests). Either way an administrator's
/// <c>pushbox device …</c> runs in another process and reaches a request the server holds (a Ping) as it does in
/// production: through the data folder's change relay (SQLite) or LISTEN/NOTIFY (PostgreSQL).
/// </summary>
public abstract class DeviceManagementServerFixture : IAsyncLifetime
{
    /// <summary>The server's shortest Ping heartbeat, in seconds.</summary>
    public const int MinHeartbeat = 2;

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-devices-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private readonly TestPostgresDatabase _database = new("pushbox_e2e_devices_");
    private PushboxServerProcess? _server;
    private int _users;

    protected DeviceManagementServerFixture(bool postgres)
    {
        UsesPostgres = postgres;
    }

    /// <summary>Whether the server runs on PostgreSQL (else SQLite).</summary>
    public bool UsesPostgres { get; }

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A new user of this server.</summary>
    public async Task<string> NewUserAsync()
    {
        string user = string.Create(CultureInfo.InvariantCulture, $"device{Interlocked.Increment(ref _users)}@example.com");
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password);
        return user;
    }

    /// <summary>A client of <paramref name="user"/> on a new device.</summary>
    public EasClient Client(string user, string version, string deviceType = ServerFixture.DeviceType)
    {
        EasClientOptions options = Server.ClientOptions(user, ServerFixture.Password, ServerFixture.NewDeviceId(), version);
        options.DeviceType = deviceType;
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

    /// <summary>Delivers <paramref name="count"/> text messages to <paramref name="user"/> over SMTP.</summary>
    public Task DeliverAsync(string user, int count) =>
        SmtpDelivery.DeliverAsync(Server.SmtpPort, "sender@remote.invalid", user, Enumerable.Range(1, count).Select(i =>
            SmtpDelivery.TextMessage("sender@remote.invalid", user, string.Create(CultureInfo.InvariantCulture, $"Message {i:D4}"), "Body")));

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
        if (UsesPostgres)
        {
            await _database.CreateForAsync(_data, timeout.Token);
        }

        var options = new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data };
        options.Environment["PUSHBOX__ActiveSync__Ping__MinHeartbeatInterval"] = MinHeartbeat.ToString(CultureInfo.InvariantCulture);
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (UsesPostgres)
        {
            await _database.DropAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}

/// <summary>The device-management server on SQLite.</summary>
public sealed class SqliteDeviceManagementServerFixture() : DeviceManagementServerFixture(postgres: false);

/// <summary>The device-management server on PostgreSQL.</summary>
public sealed class PostgresDeviceManagementServerFixture() : DeviceManagementServerFixture(postgres: true);
