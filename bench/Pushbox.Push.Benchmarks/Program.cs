using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Pushbox.Push.Benchmarks;
using Pushbox.Testing.Eas;

// dotnet run -c Release --project bench/Pushbox.Push.Benchmarks [-- --help]
// For each level: a temporary data folder, `pushbox serve` (the pushbox.dll built next to this tool) on free
// loopback ports, that many devices each holding a Ping; the server's memory per held Ping and how fast mail
// over SMTP wakes a Ping. Prints a Markdown table; stops every server and deletes every folder.
PushSettings? settings = PushSettings.Parse(args, out string? error);
if (settings is null)
{
    (error is null ? Console.Out : Console.Error).WriteLine(error is null ? PushSettings.Usage : $"{error}\n\n{PushSettings.Usage}");
    return error is null ? 0 : 2;
}

#if DEBUG
Console.Error.WriteLine("Warning: this is a Debug build, and so is the server next to it; figures are only meaningful with -c Release.");
#endif

// Each held Ping is a socket here and one in the server; both processes have this limit (the server inherits it).
int most = settings.Levels.Max();
(long? soft, long? hard) = DescriptorLimit.Read();
if (soft < most + 2048)
{
    Console.Error.WriteLine($"The open-file limit is {soft} (hard limit {hard?.ToString(CultureInfo.InvariantCulture) ?? "unlimited"}); {most:N0} held Pings need at least {most + 2048}. Raise the hard limit (e.g. `ulimit -Hn {most + 4096}` as root, or LimitNOFILE) or pass smaller --levels.");
    return 1;
}

// A bound on the whole run, so the tool stops by itself whatever hangs.
using var cancellation = new CancellationTokenSource(settings.TimeLimit);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping the server and deleting its data folder…");
    cancellation.Cancel();
}

using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
CancellationToken token = cancellation.Token;

string dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
var results = new List<LevelResult>();
try
{
    foreach (int level in settings.Levels)
    {
        results.Add(await LevelRun.RunAsync(settings, dll, level, token));
    }
}
catch (OperationCanceledException) when (token.IsCancellationRequested)
{
    Console.Error.WriteLine(results.Count == 0 ? "Stopped before the end." : "Stopped before the end; the levels that finished:");
    if (results.Count == 0)
    {
        return 130;
    }
}
catch (Exception e) when (e is EasClientException or InvalidOperationException or TimeoutException or HttpRequestException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

Console.WriteLine();
Console.WriteLine(Report(settings, results));
return results.Count < settings.Levels.Count ? 130 : results.Any(r => r.Errors > 0) ? 1 : 0;

static string Report(PushSettings settings, List<LevelResult> results)
{
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"Held Pings (protocol 16.1, HeartbeatInterval {PushDevice.HeartbeatInterval}, the Inbox), HTTP/1.1 {(settings.PlainHttp ? "over plain HTTP" : "over TLS")}, one connection per device, {settings.DevicesPerUser} device(s) per user, SQLite; one server per level{(settings.ServerEnvironment.Count == 0 ? string.Empty : " (server environment: " + string.Join(", ", settings.ServerEnvironment.Select(e => e.Key + "=" + e.Value)) + ")")}. Wake: one SMTP delivery to each of {settings.WakePercent.ToString(CultureInfo.InvariantCulture)} % of the users, one after the other; time from the 250 to each of the user's devices' Ping answers. MB = 2^20 B, KB = 2^10 B.");
    text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load tool and server on the same machine, over loopback; load average at the end {LoadAverage()}.");
    text.AppendLine();
    text.AppendLine("| N | RSS start MB | RSS idle MB | RSS held MB | KB per held Ping | KB per device | woken | wake p50 ms | p99 ms | errors |");
    text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (LevelResult r in results)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Devices:N0} | {r.StartRss / 1048576.0:N1} | {r.IdleRss / 1048576.0:N1} | {r.HeldRss / 1048576.0:N1} | {r.KilobytesPerHeldPing:N1} | {r.KilobytesPerDevice:N1} | {r.WakeMs.Length} | {LevelResult.Percentile(r.WakeMs, 50):N1} | {LevelResult.Percentile(r.WakeMs, 99):N1} | {r.Errors} |");
    }

    text.AppendLine();
    text.AppendLine("KB per held Ping: (RSS held − RSS idle) / N, what a Ping adds to an open, idle connection. KB per device: (RSS held − RSS start) / N, the connection and the Ping together over the freshly started server.");
    foreach (LevelResult r in results)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"- {r.Devices:N0}: {r.Users:N0} users; priming {r.PrimingSeconds:N0} s; all Pings held {r.HoldingSeconds:N1} s after the first was sent; from the start of a delivery to the Ping answer p50 {LevelResult.Percentile(r.SendToWakeMs, 50):N1} ms, p99 {LevelResult.Percentile(r.SendToWakeMs, 99):N1} ms; {r.ShutdownAnswered:N0} held Pings answered Status 1 at shutdown.");
    }

    return text.ToString();
}

static string CpuModel()
{
    string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
    return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
