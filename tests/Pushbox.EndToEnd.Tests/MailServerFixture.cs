using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the mail tests, with mail delivered over its real SMTP port:
/// <see cref="Bulk"/> holds <see cref="BulkCount"/> messages that the tests only read; every test that
/// changes a mailbox creates its own user with <see cref="NewUserAsync"/>.
/// </summary>
public sealed class MailServerFixture : IAsyncLifetime
{
    /// <summary>The read-only user with the large Inbox.</summary>
    public const string Bulk = "bulk@example.com";

    /// <summary>Messages in <see cref="Bulk"/>'s Inbox.</summary>
    public const int BulkCount = 1000;

    /// <summary>The server's shortest Ping heartbeat, in seconds.</summary>
    public const int MinHeartbeat = 2;

    /// <summary>The most folders one Ping may watch on this server.</summary>
    public const int MaxPingFolders = 5;

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-mail-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private PushboxServerProcess? _server;
    private int _users;

    /// <summary>
    /// A certification authority the server trusts besides the system store (<c>ActiveSync:ValidateCert:TrustedRootsFile</c>),
    /// with its private key, to issue test S/MIME certificates from.
    /// </summary>
    public X509Certificate2 TrustedCa { get; } = TestCertificates.CreateCa("Pushbox E2E Trusted Root");

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A client of <paramref name="user"/> on a new device (or <paramref name="deviceId"/>).</summary>
    public EasClient Client(string user, string version, string? deviceId = null)
    {
        EasClientOptions options = Server.ClientOptions(user, ServerFixture.Password, deviceId ?? ServerFixture.NewDeviceId(), version);
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    /// <summary>A new user of its own, with an empty mailbox.</summary>
    public async Task<string> NewUserAsync()
    {
        string user = string.Create(CultureInfo.InvariantCulture, $"mail{Interlocked.Increment(ref _users)}@example.com");
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password);
        return user;
    }

    /// <summary>A new user of its own with display name <paramref name="name"/>, at <paramref name="local"/>@example.com.</summary>
    public async Task<string> NewNamedUserAsync(string local, string name)
    {
        string user = $"{local}@example.com";
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password, name);
        return user;
    }

    /// <summary>Runs <c>pushbox</c> on the server's data folder, as an administrator beside the running server would.</summary>
    public Task<CliResult> CliAsync(params string[] arguments) => PushboxCli.RunAsync(_dll, _data, null, arguments);

    /// <summary>Delivers raw messages to <paramref name="user"/> over SMTP.</summary>
    public Task DeliverAsync(string user, IEnumerable<byte[]> messages) =>
        SmtpDelivery.DeliverAsync(Server.SmtpPort, "sender@remote.invalid", user, messages);

    /// <summary>Delivers <paramref name="count"/> numbered text messages ("Message 0001" …) to <paramref name="user"/>.</summary>
    public Task DeliverNumberedAsync(string user, int count, int first = 1) =>
        DeliverAsync(user, Enumerable.Range(first, count).Select(i => SmtpDelivery.TextMessage(
            "sender@remote.invalid", user, string.Create(CultureInfo.InvariantCulture, $"Message {i:D4}"), string.Create(CultureInfo.InvariantCulture, $"Body of message {i}."))));

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
        await PushboxCli.AddUserAsync(_dll, _data, Bulk, ServerFixture.Password, "Bulk", timeout.Token);
        var options = new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data };

        // Short heartbeats and few folders, so the Ping tests see their limits in seconds.
        options.Environment["PUSHBOX__ActiveSync__Ping__MinHeartbeatInterval"] = MinHeartbeat.ToString(CultureInfo.InvariantCulture);
        options.Environment["PUSHBOX__ActiveSync__Ping__MaxFolders"] = MaxPingFolders.ToString(CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(Path.Combine(_data, "trusted-roots.pem"), TrustedCa.ExportCertificatePem(), timeout.Token);
        options.Environment["PUSHBOX__ActiveSync__ValidateCert__TrustedRootsFile"] = "trusted-roots.pem";
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
        await DeliverNumberedAsync(Bulk, BulkCount);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}
