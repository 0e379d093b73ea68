using System.Globalization;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the Settings tests: a default policy that enables password recovery (so every
/// device provisions first, as real ones do), a second policy without it for <see cref="NoRecovery"/>, and
/// <see cref="Away"/> with two aliases. Tests that change Out of Office create their own users with <see cref="NewUserAsync"/>.
/// </summary>
public sealed class SettingsServerFixture : IAsyncLifetime
{
    /// <summary>A user with aliases and a display name.</summary>
    public const string Away = "away@example.com";

    /// <summary><see cref="Away"/>'s display name.</summary>
    public const string AwayName = "Ann Away";

    /// <summary><see cref="Away"/>'s aliases.</summary>
    public static readonly string[] AwayAliases = ["ann@example.com", "holiday@example.com"];

    /// <summary>A user whose policy does not enable password recovery.</summary>
    public const string NoRecovery = "norecovery@example.com";

    private const string PolicyType = "MS-EAS-Provisioning-WBXML";
    private static readonly XNamespace P = "Provision:";

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-settings-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private PushboxServerProcess? _server;
    private int _users;

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A client of <paramref name="user"/> on a new device, provisioned (it holds a final policy key).</summary>
    public async Task<EasClient> ProvisionedClientAsync(string user, string version, string? deviceId = null)
    {
        EasClientOptions options = Server.ClientOptions(user, ServerFixture.Password, deviceId ?? ServerFixture.NewDeviceId(), version);
        options.DeviceType = ServerFixture.DeviceType;
        var client = new EasClient(options);
        client.Options.PolicyKey = 0;
        string temporary = PolicyKey(await client.SendAsync("Provision", $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{PolicyType}</PolicyType></Policy></Policies></Provision>", version));
        string final = PolicyKey(await client.SendAsync(
            "Provision",
            $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{PolicyType}</PolicyType><PolicyKey>{temporary}</PolicyKey><Status>1</Status></Policy></Policies></Provision>",
            version));
        client.Options.PolicyKey = uint.Parse(final, CultureInfo.InvariantCulture);
        return client;
    }

    /// <summary>A new user of its own.</summary>
    public async Task<string> NewUserAsync(string name = "")
    {
        string user = string.Create(CultureInfo.InvariantCulture, $"settings{Interlocked.Increment(ref _users)}@example.com");
        await PushboxCli.AddUserAsync(_dll, _data, user, ServerFixture.Password, name);
        return user;
    }

    /// <summary>Runs the CLI against the server's data; fails the test when it exits with an error.</summary>
    public async Task<string> CliAsync(params string[] arguments)
    {
        CliResult result = await PushboxCli.RunAsync(_dll, _data, null, arguments);
        Assert.True(result.ExitCode == 0, $"pushbox {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
        return result.Stdout;
    }

    /// <summary>Delivers one raw message over the server's SMTP port.</summary>
    public Task DeliverAsync(string from, string to, byte[] message) => SmtpDelivery.DeliverRawAsync(Server.SmtpPort, from, to, message);

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
        await PushboxCli.AddUserAsync(_dll, _data, Away, ServerFixture.Password, AwayName, timeout.Token);
        await PushboxCli.AddUserAsync(_dll, _data, NoRecovery, ServerFixture.Password, "No Recovery", timeout.Token);
        foreach (string alias in AwayAliases)
        {
            await CliAsync("user", "alias", "add", Away, alias);
        }

        await RunWithInputAsync("{\"PasswordRecoveryEnabled\": true}", "policy", "set", "Recovery", "--settings", "-", "--default");
        await RunWithInputAsync("{}", "policy", "set", "Plain", "--settings", "-");
        await CliAsync("policy", "assign", "Plain", NoRecovery);
        _server = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data }, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    private static string PolicyKey(EasResponse response)
    {
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        XElement policy = response.Xml!.Root!.Element(P + "Policies")!.Element(P + "Policy")!;
        Assert.Equal("1", policy.Element(P + "Status")!.Value);
        return policy.Element(P + "PolicyKey")!.Value;
    }

    private async Task RunWithInputAsync(string stdin, params string[] arguments)
    {
        CliResult result = await PushboxCli.RunAsync(_dll, _data, stdin, arguments);
        Assert.True(result.ExitCode == 0, $"pushbox {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
    }
}
