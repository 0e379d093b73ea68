using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A <c>pushbox serve</c> of its own for the provisioning tests, whose default policy would gate every
/// other suite's commands: one user, and a default policy <see cref="PolicyName"/> set with the CLI
/// (<c>pushbox policy set Staff --settings - --default</c>) before the server starts.
/// </summary>
public sealed class ProvisioningServerFixture : IAsyncLifetime
{
    /// <summary>The only user.</summary>
    public const string User = "provisioned@example.com";

    /// <summary>The default policy.</summary>
    public const string PolicyName = "Staff";

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-provisioning-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private PushboxServerProcess? _server;

    /// <summary>The running server.</summary>
    public PushboxServerProcess Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A client of <see cref="User"/> on a new device.</summary>
    public EasClient Client(string version = "14.1")
    {
        EasClientOptions options = Server.ClientOptions(User, ServerFixture.Password, ServerFixture.NewDeviceId(), version);
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    /// <summary><c>pushbox policy set Staff --settings - [--default]</c> with <paramref name="settingsJson"/> on standard input, against the running server's data.</summary>
    public async Task SetPolicyAsync(string settingsJson, bool makeDefault = false)
    {
        string[] arguments = makeDefault ? ["policy", "set", PolicyName, "--settings", "-", "--default"] : ["policy", "set", PolicyName, "--settings", "-"];
        CliResult result = await PushboxCli.RunAsync(_dll, _data, settingsJson, arguments);
        Assert.True(result.ExitCode == 0, $"pushbox policy set exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
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
        await PushboxCli.AddUserAsync(_dll, _data, User, ServerFixture.Password, "Provisioned", timeout.Token);
        await SetPolicyAsync("{\"DevicePasswordEnabled\": true, \"MinDevicePasswordLength\": 6}", makeDefault: true);
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
}
