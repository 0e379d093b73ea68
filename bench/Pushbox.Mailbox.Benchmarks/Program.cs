using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pushbox.Mailbox.Benchmarks;
using Pushbox.Storage;

// dotnet run -c Release --project bench/Pushbox.Mailbox.Benchmarks [-- --quick] [--only smtp|changes] [--db sqlite|postgres]
// Prints the figures as Markdown at the end and writes them to BenchmarkDotNet.Artifacts/results/.
BenchSettings? settings = BenchSettings.Parse(args, out string? error);
if (settings is null)
{
    (error is null ? Console.Out : Console.Error).WriteLine(error is null ? BenchSettings.Usage : $"{error}\n\n{BenchSettings.Usage}");
    return error is null ? 0 : 2;
}

using var cancellation = new CancellationTokenSource();

// A bound on the whole run, so the tool stops by itself whatever hangs (the full run takes about 4 minutes).
cancellation.CancelAfter(settings.Quick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(30));

// Ctrl+C or SIGTERM: stop at the next store call and clean up (drop the databases, delete the data folders) rather than die.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping, cleaning up the databases and data folders…");
    cancellation.Cancel();
}

using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
CancellationToken token = cancellation.Token;

var postgres = new PostgresServer(settings.PostgresConnectionString);
string postgresVersion = "not used";
if (settings.Providers.Contains(StorageProvider.Postgres))
{
    try
    {
        postgresVersion = await postgres.CheckAsync(token);
    }
    catch (InvalidOperationException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
}

var text = new StringBuilder();
text.AppendLine(CultureInfo.InvariantCulture, $"## Pushbox.Mailbox.Benchmarks{(settings.Quick ? " (--quick: tiny sizes, figures not comparable)" : string.Empty)}");
text.AppendLine();
text.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, PostgreSQL {postgresVersion}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
text.AppendLine();

int status = 0;
long started = Stopwatch.GetTimestamp();
try
{
    if (settings.RunSmtp)
    {
        Console.WriteLine("SMTP delivery throughput");
        CpuSnapshot cpu = CpuSnapshot.Take();
        var runs = new List<SmtpRunResult>();

        // The runs that count, then PostgreSQL without waiting for the commit flush (what the flush costs),
        // then MailKit's default socket (what Nagle's algorithm on the client costs).
        (StorageProvider Provider, SmtpVariant Variant)[] plan =
        [
            .. settings.Providers.Select(p => (p, SmtpVariant.Standard)),
            .. settings.Providers.Where(p => p == StorageProvider.Postgres).Select(p => (p, SmtpVariant.NoCommitFlush)),
            .. settings.Providers.Select(p => (p, SmtpVariant.ClientNagle)),
        ];
        foreach ((StorageProvider provider, SmtpVariant variant) in plan)
        {
            SmtpRunResult run = await SmtpLoad.RunAsync(provider, settings, postgres, variant, Console.Out, token);
            runs.Add(run);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run.Label}: {run.MessagesPerSecond:N0} messages/s, {run.MegabytesPerSecond:N2} MB/s, p50 {Statistics.Percentile(run.LatencyMs, 50):N2} ms; {run.Delivered:N0} of {run.Messages:N0} in the Inbox"));
            if (!run.AllDelivered)
            {
                status = 1;
            }
        }

        Report.Smtp(text, runs);
        Report.Cpu(text, cpu, CpuSnapshot.Take());
    }

    if (settings.RunChanges)
    {
        Console.WriteLine("Change query cost against folder size (BenchmarkDotNet)");
        ChangeQueryLab.Configure(settings, postgres, token);
        CpuSnapshot cpu = CpuSnapshot.Take();
        try
        {
            Summary summary = BenchmarkRunner.Run<ChangeQueryBenchmarks>(ChangeQueryConfig.Create(settings.Quick));
            token.ThrowIfCancellationRequested();
            Report.Seeding(text, ChangeQueryLab.Steps);
            Report.ChangeQueries(text, summary, settings.FolderSizes);
            Report.Cpu(text, cpu, CpuSnapshot.Take());
            if (summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) || summary.Reports.Length == 0)
            {
                Console.Error.WriteLine("Some change-query cases failed; see BenchmarkDotNet's log above.");
                status = 1;
            }
        }
        finally
        {
            await ChangeQueryLab.DisposeAsync();
        }
    }
}
catch (OperationCanceledException) when (token.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped before the end; what was measured so far follows.");
    status = 130;
}

text.AppendLine(CultureInfo.InvariantCulture, $"Whole run: {Stopwatch.GetElapsedTime(started).TotalMinutes:N1} minutes.");
string report = text.ToString();
string results = Path.Combine(ChangeQueryConfig.ArtifactsPath(), "results");
Directory.CreateDirectory(results);
string path = Path.Combine(results, "Pushbox.Mailbox.Benchmarks-report.md");
await File.WriteAllTextAsync(path, report, CancellationToken.None);
Console.WriteLine();
Console.WriteLine(report);
Console.WriteLine($"Written to {path}");
return status;

static string CpuModel()
{
    try
    {
        string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
