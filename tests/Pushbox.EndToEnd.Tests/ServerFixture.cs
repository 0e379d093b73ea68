using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// One <c>pushbox serve</c> for the whole suite, as a separate process: a temporary data folder, users
/// added with the CLI (<c>user add --password-stdin</c> and <c>user import</c>), HTTPS, SMTP and the
/// management listener on free loopback ports, small limits so that the limit tests are cheap. Tests
/// get one user per concern (a user whose folders never change, one whose folders do, one to lock
/// out…) and a fresh device id each, so their order does not matter. After every test
/// <see cref="AssertServerHealthyAsync"/> checks the server's metrics and log for an answer 500 or an
/// error. At the end the server is stopped and the folder deleted.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    /// <summary>Everyone's password (except where a test sends a wrong one).</summary>
    public const string Password = "e2e-Secret-Passw0rd";

    /// <summary>Signs in for OPTIONS, Autodiscover and the hostile requests; added with <c>user add</c>.</summary>
    public const string Alice = "alice@example.com";

    /// <summary>Alice's display name, given to <c>user add --name</c>.</summary>
    public const string AliceName = "Alice Example";

    /// <summary>A user whose folder hierarchy no test changes: FolderSync and GetHierarchy read the standard folders.</summary>
    public const string Reader = "reader@example.com";

    /// <summary>A user whose folders FolderCreate, FolderUpdate and FolderDelete change.</summary>
    public const string Writer = "writer@example.com";

    /// <summary>A user whose folders another device changes between FolderSyncs (retry of the previous key).</summary>
    public const string Retry = "retry@example.com";

    /// <summary>The user Alice names in User= (403).</summary>
    public const string Other = "other@example.com";

    /// <summary>The user a wrong password is tried for once.</summary>
    public const string WrongPassword = "wrongpw@example.com";

    /// <summary>The user locked out by repeated wrong passwords.</summary>
    public const string Locked = "locked@example.com";

    /// <summary>The request body limit configured (PUSHBOX__ActiveSync__Wbxml__MaxDocumentSize).</summary>
    public const int MaxDocumentSize = 16 * 1024;

    /// <summary>Failed sign-ins that lock a user out (PUSHBOX__Authentication__MaxFailuresPerUser).</summary>
    public const int MaxFailuresPerUser = 3;

    /// <summary>The device type every test device sends.</summary>
    public const string DeviceType = "E2ETest";

    private static int s_devices;
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-").FullName;
    private PushboxServerProcess? _server;
    private int _outputChecked;
    private long _serverErrorsSeen;

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>Plain HTTP to the management listener (health, metrics).</summary>
    public HttpClient Management { get; } = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A device id no other test uses: letters and digits, 20 characters.</summary>
    public static string NewDeviceId() =>
        string.Create(CultureInfo.InvariantCulture, $"E2E{Interlocked.Increment(ref s_devices):D4}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}");

    /// <summary>
    /// A client of the server for <paramref name="user"/> (null: no credentials) on a new device, with
    /// the certificate pinned to the fingerprint the server logged.
    /// </summary>
    public EasClient Client(string? user, string? deviceId = null, string version = "16.1", Version? httpVersion = null, string? password = null)
    {
        EasClientOptions options = Server.ClientOptions(user, user is null ? null : password ?? Password, deviceId ?? NewDeviceId(), version);
        options.DeviceType = DeviceType;
        options.HttpVersion = httpVersion ?? HttpVersion.Version11;
        return new EasClient(options);
    }

    /// <summary>The management listener's <c>/metrics</c> text.</summary>
    public Task<string> MetricsAsync() => Management.GetStringAsync(new Uri(Server.ManagementAddress, "metrics"));

    /// <summary>The value of one Prometheus sample, e.g. <c>pushbox_eas_failed_logins_total{reason="user_locked_out"}</c>; 0 when absent.</summary>
    public async Task<double> MetricAsync(string sample)
    {
        string text = await MetricsAsync();
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(sample.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public async Task InitializeAsync()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await PushboxCli.AddUserAsync(dll, _data, Alice, Password, AliceName, timeout.Token);
        await PushboxCli.ImportUsersAsync(
            dll,
            _data,
            [.. new[] { Reader, Writer, Retry, Other, WrongPassword, Locked }.Select(u => (u, Password, u[..u.IndexOf('@', StringComparison.Ordinal)]))],
            timeout.Token);

        var options = new PushboxServerOptions { PushboxDll = dll, DataDirectory = _data };
        options.Environment["PUSHBOX__ActiveSync__Wbxml__MaxDocumentSize"] = MaxDocumentSize.ToString(CultureInfo.InvariantCulture);
        options.Environment["PUSHBOX__Authentication__MaxFailuresPerUser"] = MaxFailuresPerUser.ToString(CultureInfo.InvariantCulture);
        // Every test connects from 127.0.0.1: the per-address lock-out would lock the whole suite out.
        options.Environment["PUSHBOX__Authentication__MaxFailuresPerAddress"] = "0";
        _server = await PushboxServerProcess.StartAsync(options, timeout.Token);
    }

    /// <summary>
    /// Fails when the server has exited, has answered a request with 500 (its own metrics say so), or
    /// has logged an error or unhandled exception, since the last check. Every test class runs it after
    /// each test, so the test that caused it fails.
    /// </summary>
    public async Task AssertServerHealthyAsync()
    {
        Assert.False(Server.HasExited, "pushbox serve has exited:\n" + string.Join('\n', Server.Output));
        string metrics = await MetricsAsync();
        string[] serverErrorLines = [.. metrics.Split('\n').Where(l => l.StartsWith("pushbox_eas_requests_total", StringComparison.Ordinal) && l.Contains("status=\"500\"", StringComparison.Ordinal))];
        long serverErrorCount = (long)serverErrorLines.Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        string[] serverErrors = serverErrorCount > Interlocked.Exchange(ref _serverErrorsSeen, serverErrorCount) ? serverErrorLines : [];
        IReadOnlyList<string> output = Server.Output;
        int seen = Interlocked.Exchange(ref _outputChecked, output.Count);
        string[] errors = [.. output.Skip(Math.Min(seen, output.Count)).Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase))];
        Assert.True(serverErrors.Length == 0 && errors.Length == 0, "The server answered 500 or logged an error:\n" + string.Join('\n', serverErrors.Concat(errors)));
    }

    public async Task DisposeAsync()
    {
        Management.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }
}
