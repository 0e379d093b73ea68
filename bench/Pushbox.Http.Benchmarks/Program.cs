using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Pushbox.Http.Benchmarks;
using Pushbox.Testing.Eas;

// dotnet run -c Release --project bench/Pushbox.Http.Benchmarks [-- --help]
// Starts `pushbox serve` (the pushbox.dll built next to this tool, same configuration) on free loopback
// ports with a temporary data folder, measures, prints a Markdown table, stops the server and deletes the folder.
LoadSettings? settings = LoadSettings.Parse(args, out string? error);
if (settings is null)
{
    (error is null ? Console.Out : Console.Error).WriteLine(error is null ? LoadSettings.Usage : $"{error}\n\n{LoadSettings.Usage}");
    return error is null ? 0 : 2;
}

#if DEBUG
Console.Error.WriteLine("Warning: this is a Debug build, and so is the server next to it; figures are only meaningful with -c Release.");
#endif

using var cancellation = new CancellationTokenSource();

// A bound on the whole run, so the tool stops by itself whatever hangs.
cancellation.CancelAfter(TimeSpan.FromMinutes(5) + ((settings.Warmup + settings.Duration) * settings.Levels.Count));

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping the server and deleting its data folder…");
    cancellation.Cancel();
}

using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
CancellationToken token = cancellation.Token;

const string Password = "bench-Passw0rd";
string dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
string data = Directory.CreateTempSubdirectory("pushbox-http-bench-").FullName;
var devices = new List<PrimedDevice>();
PushboxServerProcess? server = null;
try
{
    string[] users = [.. Enumerable.Range(1, settings.Users).Select(i => string.Create(CultureInfo.InvariantCulture, $"load{i:D4}@bench.example"))];
    Console.WriteLine($"Adding {users.Length} users…");
    await PushboxCli.ImportUsersAsync(dll, data, users.Select(u => (u, Password, u[..u.IndexOf('@', StringComparison.Ordinal)])), token);

    server = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = dll, DataDirectory = data }, token);
    Console.WriteLine($"pushbox serve is listening on {server.BaseAddress} (pid {server.ServerProcessId}); priming {settings.Devices} devices…");

    // Device i belongs to user i mod N; priming also opens each device's connection (TLS handshake, first password check).
    using var priming = new SemaphoreSlim(8);
    PrimedDevice[] primed = await Task.WhenAll(Enumerable.Range(0, settings.Devices).Select(async i =>
    {
        await priming.WaitAsync(token);
        try
        {
            EasClientOptions options = server.ClientOptions(users[i % users.Length], Password, string.Create(CultureInfo.InvariantCulture, $"Bench{i:D5}"), "14.1");
            options.DeviceType = "LoadTool";
            options.MaxConnectionsPerServer = 1;
            options.HttpVersion = settings.Http2 ? HttpVersion.Version20 : HttpVersion.Version11;
            return await PrimedDevice.PrimeAsync(options, token);
        }
        finally
        {
            priming.Release();
        }
    }));
    devices.AddRange(primed);

    var results = new List<LevelResult>();
    foreach (int level in settings.Levels)
    {
        Console.WriteLine($"{level} client(s): {settings.Warmup.TotalSeconds:N0} s warm-up, {settings.Duration.TotalSeconds:N0} s measured…");
        LevelResult result = await LoadRun.RunAsync(devices, level, settings.Options, settings.Warmup, settings.Duration, server, token);
        results.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {result.RequestsPerSecond:N0} requests/s, p50 {result.Percentile(50):N2} ms, p99 {result.Percentile(99):N2} ms, {result.Errors} errors"));
    }

    string table = Report(settings, results, server);
    Console.WriteLine();
    Console.WriteLine(table);
    return results.Any(r => r.Errors > 0 || r.Requests == 0) ? 1 : 0;
}
catch (OperationCanceledException) when (token.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped before the end.");
    return 1;
}
catch (Exception e) when (e is EasClientException or InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine(e.Message);
    if (server is not null)
    {
        Console.Error.WriteLine(string.Join(Environment.NewLine, server.Output.TakeLast(30)));
    }

    return 1;
}
finally
{
    foreach (PrimedDevice device in devices)
    {
        device.Dispose();
    }

    if (server is not null)
    {
        await server.DisposeAsync();
    }

    Directory.Delete(data, recursive: true);
}

static string Report(LoadSettings settings, List<LevelResult> results, PushboxServerProcess server)
{
    var text = new StringBuilder();
    string what = settings.Options ? "Authenticated OPTIONS (sign-in only, no store write)" : "FolderSync at the current key (no changes), protocol 14.1";
    text.AppendLine(CultureInfo.InvariantCulture, $"{what}, {(settings.Http2 ? "HTTP/2" : "HTTP/1.1")} over TLS, one keep-alive connection per client, {settings.Users} users, {settings.Devices} devices, SQLite; {settings.Warmup.TotalSeconds:N0} s warm-up and {settings.Duration.TotalSeconds:N0} s measured per level{(settings.Quick ? " (--quick: not comparable)" : string.Empty)}.");
    text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; client and server on the same machine, over loopback. Certificate {server.CertificateSha256[..8]}….");
    text.AppendLine();
    text.AppendLine("| clients | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors | server CPU | load tool CPU |");
    text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (LevelResult r in results)
    {
        string serverCpu = r.ServerCpu is { } cpu ? $"{cpu.TotalSeconds / r.Duration.TotalSeconds:N2} cores" : "n/a";
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Clients} | {r.Requests:N0} | {r.RequestsPerSecond:N0} | {r.Percentile(50):N2} | {r.Percentile(90):N2} | {r.Percentile(99):N2} | {r.Percentile(100):N2} | {r.Errors} | {serverCpu} | {r.ClientCpu.TotalSeconds / r.Duration.TotalSeconds:N2} cores |");
    }

    return text.ToString();
}

static string CpuModel()
{
    try
    {
        string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
    catch (IOException)
    {
        return "unknown CPU";
    }
}
