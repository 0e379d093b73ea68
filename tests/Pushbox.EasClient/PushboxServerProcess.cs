using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Pushbox.Testing.Eas;

/// <summary>
/// <c>pushbox serve</c> running as a separate process on free loopback ports: ActiveSync over HTTPS,
/// SMTP, and the management listener (health, metrics). The server runs under a small <c>sh</c>
/// watchdog that holds this process's end of a pipe: when this process goes away for any reason,
/// even SIGKILL, the pipe closes and the watchdog stops the server, so nothing is left running.
/// <see cref="DisposeAsync"/> stops it gracefully (SIGTERM), then kills the tree after
/// <see cref="PushboxServerOptions.StopTimeout"/>.
/// </summary>
public sealed partial class PushboxServerProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;

    // $0 is dotnet, "$@" the pushbox arguments. fd 3 keeps the pipe from this process: cat sees its end.
    // A background job's standard input is /dev/null in sh unless redirected, hence the explicit <&3.
    private const string Watchdog = """
        exec 3<&0
        "$0" "$@" </dev/null 3<&- &
        child=$!
        ( cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null ) &
        watch=$!
        exec 3<&-
        wait "$child"
        status=$?
        kill "$watch" 2>/dev/null
        exit $status
        """;

    private readonly Process _process;
    private readonly PushboxServerOptions _options;
    private readonly Queue<string> _output = new();
    private readonly TaskCompletionSource<string> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private PushboxServerProcess(Process process, PushboxServerOptions options, int httpsPort, int smtpPort, int managementPort)
    {
        _process = process;
        _options = options;
        BaseAddress = new Uri($"{(options.PlainHttp ? "http" : "https")}://127.0.0.1:{httpsPort}/");
        ManagementAddress = new Uri($"http://127.0.0.1:{managementPort}/");
        SmtpPort = smtpPort;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    /// <summary>Where ActiveSync and Autodiscover answer: <c>https://127.0.0.1:PORT/</c> (<c>http://</c> with <see cref="PushboxServerOptions.PlainHttp"/>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where <c>/healthz</c> and <c>/metrics</c> answer: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri ManagementAddress { get; }

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int SmtpPort { get; }

    /// <summary>The data folder.</summary>
    public string DataDirectory => _options.DataDirectory;

    /// <summary>The SHA-256 fingerprint of the server certificate as the server logged it (colon-separated hex).</summary>
    public string CertificateSha256 { get; private set; } = string.Empty;

    /// <summary>The process id of the <c>dotnet pushbox.dll</c> process (not the watchdog); null once it has gone.</summary>
    public int? ServerProcessId => FindServerPid(_process.Id);

    /// <summary>Whether the server (its watchdog) has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The most recent output lines of the server, standard output and error interleaved.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>
    /// Picks free ports, starts the server and waits until it logs that it serves (listeners bound,
    /// certificate known). A port taken between choosing and binding makes it try again with others.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server exited during start; the message holds its output.</exception>
    /// <exception cref="TimeoutException">It did not serve within <see cref="PushboxServerOptions.StartTimeout"/>; it was stopped.</exception>
    public static async Task<PushboxServerProcess> StartAsync(PushboxServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(options.PushboxDll))
        {
            throw new FileNotFoundException("pushbox.dll is not built.", options.PushboxDll);
        }

        for (int attempt = 1; ; attempt++)
        {
            PushboxServerProcess server = Launch(options);
            try
            {
                await server.WaitUntilServingAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && server.Output.Any(l => l.Contains("address already in use", StringComparison.OrdinalIgnoreCase)))
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Client options for a user of this server: its base address, the certificate pinned.</summary>
    public EasClientOptions ClientOptions(string? userName, string? password, string deviceId, string protocolVersion = "16.1") => new()
    {
        BaseAddress = BaseAddress,
        UserName = userName,
        Password = password,
        DeviceId = deviceId,
        ProtocolVersion = protocolVersion,
        CertificateValidation = CertificateValidation.Pin(CertificateSha256),
    };

    /// <summary>The processor time the server process has used so far (Linux /proc); null when it cannot be read.</summary>
    public TimeSpan? ServerProcessorTime()
    {
        if (ServerProcessId is not { } pid)
        {
            return null;
        }

        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stops the server: closes the watchdog's pipe (SIGTERM to the server), waits, then kills the whole tree.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    _process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // the watchdog has gone already
                }

                using var stop = new CancellationTokenSource(_options.StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static PushboxServerProcess Launch(PushboxServerOptions options)
    {
        int https = FreePort();
        int smtp = FreePort();
        int management = FreePort();
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["-c", Watchdog, DotnetHost.Path, options.PushboxDll, "--data", options.DataDirectory, "serve",
            "--urls", $"{(options.PlainHttp ? "http" : "https")}://127.0.0.1:{https}", "--smtp", $"127.0.0.1:{smtp}"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in options.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["PUSHBOX__Management__Url"] = $"http://127.0.0.1:{management}";
        var process = new Process { StartInfo = start };
        var server = new PushboxServerProcess(process, options, https, smtp, management);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        Task exited = _process.WaitForExitAsync(timeout.Token);
        Task finished = await Task.WhenAny(_serving.Task, exited, Task.Delay(Timeout.Infinite, timeout.Token)).ConfigureAwait(false);
        if (finished == _serving.Task)
        {
            CertificateSha256 = await _serving.Task.ConfigureAwait(false);
            return;
        }

        if (_process.HasExited)
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false); // drains the output
            throw new InvalidOperationException($"pushbox serve exited with {_process.ExitCode} during start:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"pushbox serve did not start serving within {_options.StartTimeout}:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > _options.OutputLinesKept)
            {
                _output.Dequeue();
            }
        }

        if (ServingLine().Match(line) is { Success: true } match)
        {
            _serving.TrySetResult(match.Groups["fingerprint"].Value);
        }
    }

    /// <summary>The server's process: the watchdog's child whose command line names pushbox.dll.</summary>
    private static int? FindServerPid(int watchdog)
    {
        try
        {
            foreach (string child in File.ReadAllText($"/proc/{watchdog}/task/{watchdog}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (File.ReadAllText($"/proc/{child}/cmdline").Contains("pushbox.dll", StringComparison.Ordinal))
                {
                    return int.Parse(child, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // gone
        }

        return null;
    }

    [GeneratedRegex(@"Pushbox is serving .* certificate SHA-256 (?<fingerprint>[0-9A-F]{2}(?::[0-9A-F]{2}){31})")]
    private static partial Regex ServingLine();
}
