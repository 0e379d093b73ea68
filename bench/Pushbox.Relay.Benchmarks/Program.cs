using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Smtp;
using Pushbox.Smtp.Relay;
using Pushbox.Storage;
using Pushbox.Testing.Eas;

// Send throughput through the outbound queue: N messages for remote recipients are submitted (S at a time) through
// the real IMailSubmitter into the queue of a real database; the real relay sender (MaxConcurrency workers, BatchSize
// messages claimed at a time) sends them to an SMTP sink on loopback. By default the queue is filled first and the
// relay started afterwards, so that the relay's own rate (draining a backlog) is measured apart from the submitters';
// --mixed starts the relay first and measures submission and relaying together. Stops by itself when the sink has
// every message (or after the timeout).
//
//   dotnet run -c Release --project bench/Pushbox.Relay.Benchmarks -- [--messages 2000] [--submitters 8]
//       [--concurrency 4] [--batch 8] [--size 4096] [--mixed] [--postgres "Host=127.0.0.1;Username=postgres;Password=postgres"]
var settings = Settings.Parse(args);
string data = Directory.CreateTempSubdirectory("pushbox-relay-bench-").FullName;
string? postgresDatabase = null;
await using SmtpSink sink = SmtpSink.Start();
try
{
    var storage = new StorageOptions { DataDirectory = data };
    if (settings.Postgres is { } admin)
    {
        postgresDatabase = "pushbox_relay_bench_" + Guid.NewGuid().ToString("N")[..8];
        await Postgres.CreateAsync(admin, postgresDatabase);
        storage.Provider = StorageProvider.Postgres;
        storage.ConnectionString = admin + ";Database=" + postgresDatabase;
    }

    var services = new ServiceCollection();
    services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(c => c.SingleLine = true));
    services.AddPushboxStorage(storage);
    services.AddPushboxRelay(new RelayOptions
    {
        Host = "127.0.0.1",
        Port = sink.Port,
        Security = RelaySecurity.None,
        MaxConcurrency = settings.Concurrency,
        BatchSize = settings.Batch,
        LocalDomain = "bench.test",
        PollInterval = TimeSpan.FromSeconds(1),
    });
    await using ServiceProvider provider = services.BuildServiceProvider();
    await provider.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
    OutboundRelayService relay = provider.GetRequiredService<OutboundRelayService>();
    if (settings.Mixed)
    {
        await relay.StartAsync(CancellationToken.None);
    }

    IMailSubmitter submitter = provider.GetRequiredService<IMailSubmitter>();
    IBlobStore blobs = provider.GetRequiredService<IBlobStore>();

    var submitted = new ConcurrentDictionary<string, long>(StringComparer.OrdinalIgnoreCase);
    string filler = new('x', Math.Max(0, settings.Size - 400));
    long start = Stopwatch.GetTimestamp();
    long submitStart = start;
    await Parallel.ForEachAsync(
        Enumerable.Range(0, settings.Messages),
        new ParallelOptions { MaxDegreeOfParallelism = settings.Submitters },
        async (i, ct) =>
        {
            string recipient = string.Create(CultureInfo.InvariantCulture, $"r{i}@remote.example");
            string mime = $"From: sender@bench.test\r\nTo: {recipient}\r\nSubject: Bench {i}\r\nMessage-ID: <bench{i}@bench.test>\r\n\r\n{filler}\r\n";
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(mime));
            BlobRef content = await blobs.PutAsync(stream, stream.Length, ct);
            submitted[recipient] = Stopwatch.GetTimestamp();
            await submitter.SubmitAsync(new MailSubmission(content, "sender@bench.test", [recipient]), ct);
        });
    long submittedAll = Stopwatch.GetTimestamp();
    if (!settings.Mixed)
    {
        // The relay starts on a full queue: from here on, only its rate counts.
        start = Stopwatch.GetTimestamp();
        foreach (string recipient in submitted.Keys)
        {
            submitted[recipient] = start;
        }

        await relay.StartAsync(CancellationToken.None);
    }

    var arrivals = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
    DateTime deadline = DateTime.UtcNow + settings.Timeout;
    while (arrivals.Count < settings.Messages && DateTime.UtcNow < deadline)
    {
        // The sink stamps arrival in wall-clock time; convert via the offset between the two clocks taken now.
        foreach (SmtpSinkMessage message in sink.Messages)
        {
            foreach (string rcpt in message.Recipients)
            {
                arrivals.TryAdd(rcpt, Stopwatch.GetTimestamp() - (long)((DateTimeOffset.UtcNow - message.ReceivedAt).TotalSeconds * Stopwatch.Frequency));
            }
        }

        await Task.Delay(20);
    }

    long end = arrivals.Count == 0 ? Stopwatch.GetTimestamp() : arrivals.Values.Max();
    await relay.StopAsync(CancellationToken.None);

    double[] latencies = [.. arrivals.Select(a => (a.Value - submitted[a.Key]) * 1000.0 / Stopwatch.Frequency).Order()];
    double seconds = (end - start) / (double)Stopwatch.Frequency;
    double submitSeconds = (submittedAll - submitStart) / (double)Stopwatch.Frequency;
    Console.WriteLine($"store: {(settings.Postgres is null ? "SQLite" : "PostgreSQL")}, messages: {settings.Messages} of {settings.Size} bytes, submitters: {settings.Submitters}, relay workers: {settings.Concurrency}, batch: {settings.Batch}, {(settings.Mixed ? "relay running during submission" : "relay started on the full queue")}");
    Console.WriteLine($"submission: {settings.Messages} in {submitSeconds:F2} s ({settings.Messages / submitSeconds:F0} messages/s)");
    Console.WriteLine($"relayed: {arrivals.Count}/{settings.Messages} in {seconds:F2} s {(settings.Mixed ? "from the first submission" : "from the relay's start")}");
    Console.WriteLine($"relay throughput: {arrivals.Count / seconds:F0} messages/s");
    if (latencies.Length > 0)
    {
        Console.WriteLine($"{(settings.Mixed ? "submit" : "relay start")} -> relay 250: p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, max {latencies[^1]:F1} ms");
    }

    return arrivals.Count == settings.Messages ? 0 : 1;
}
finally
{
    if (postgresDatabase is not null)
    {
        await Postgres.DropAsync(settings.Postgres!, postgresDatabase);
    }

    Directory.Delete(data, recursive: true);
}

static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

/// <summary>The command line.</summary>
internal sealed record Settings(int Messages, int Submitters, int Concurrency, int Batch, int Size, bool Mixed, string? Postgres, TimeSpan Timeout)
{
    public static Settings Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Settings(Int("--messages", 2000), Int("--submitters", 8), Int("--concurrency", 4), Int("--batch", 8), Int("--size", 4096), args.Contains("--mixed"), Value("--postgres"), TimeSpan.FromSeconds(Int("--timeout", 300)));
    }
}

/// <summary>Creates and drops the benchmark's own PostgreSQL database.</summary>
internal static class Postgres
{
    public static async Task CreateAsync(string admin, string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(admin + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropAsync(string admin, string database)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(admin + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
