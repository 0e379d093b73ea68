using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Pushbox.Sync.Benchmarks;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

// dotnet run -c Release --project bench/Pushbox.Sync.Benchmarks [-- --messages 10000 --window 100]
// Writes an mbox, imports it into a fresh data folder with `pushbox import`, starts `pushbox serve` (the
// pushbox.dll built next to this tool) on free loopback ports, and runs a device's first sync of the
// Inbox twice: bodies truncated at 5,120 bytes, then full MIME. Prints a Markdown table; deletes everything.
int messages = Option("--messages", 10_000);
int window = Option("--window", 100);
int medianBytes = Option("--median-bytes", 20 * 1024);
int largeEvery = Option("--large-every", 100);
int largeBytes = Option("--large-bytes", 2 * 1024 * 1024);

#if DEBUG
Console.Error.WriteLine("Warning: this is a Debug build, and so is the server next to it; figures are only meaningful with -c Release.");
#endif

using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(30));
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

using PosixSignalRegistration onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using PosixSignalRegistration onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
CancellationToken token = cancellation.Token;

const string User = "bench@bench.example";
const string Password = "bench-Passw0rd";
string dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
string data = Directory.CreateTempSubdirectory("pushbox-sync-bench-").FullName;
PushboxServerProcess? server = null;
try
{
    string mbox = Path.Combine(data, "bench.mbox");
    long mboxBytes = MailboxGenerator.WriteMbox(mbox, messages, medianBytes, largeEvery, largeBytes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {messages:N0} messages ({mboxBytes / 1048576.0:N0} MB, median body {medianBytes / 1024} KB, 1 in {largeEvery} with a {largeBytes / 1048576.0:N0} MB attachment); importing…"));
    await PushboxCli.AddUserAsync(dll, data, User, Password, "Bench", token);
    var import = Stopwatch.StartNew();
    CliResult imported = await PushboxCli.RunAsync(dll, data, null, ["import", User, mbox], token);
    if (imported.ExitCode != 0)
    {
        throw new InvalidOperationException($"pushbox import failed: {imported.Stderr}{imported.Stdout}");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Imported in {import.Elapsed.TotalSeconds:N1} s ({messages / import.Elapsed.TotalSeconds:N0} messages/s)."));
    File.Delete(mbox);

    server = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = dll, DataDirectory = data }, token);
    int pid = server.ServerProcessId ?? throw new InvalidOperationException("The server's process id is unknown.");
    var rows = new List<string>();
    foreach ((string name, int type, int? truncation) in new[] { ("HTML, TruncationSize 5,120", 2, (int?)5120), ("full MIME", 4, null) })
    {
        EasClientOptions options = server.ClientOptions(User, Password, "Bench" + type.ToString(CultureInfo.InvariantCulture), "16.1");
        string inbox;
        using (var setup = new EasClient(options))
        {
            FolderSyncResult folders = await setup.FolderSyncAsync("0", cancellationToken: token);
            inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        }

        // The measured client reads only what it needs from the WBXML, not an XML tree of every response.
        options.DecodeResponses = false;
        using var client = new EasClient(options);
        GC.Collect();
        (long baseline, _) = ProcessMemory.Read(pid);
        ProcessMemory.ResetPeak(pid);

        string key = "0";
        int items = 0, windows = 0;
        long wireBytes = 0;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        bool more = true;
        while (more)
        {
            XNamespace ns = EasNamespaces.AirSync;
            var collection = new XElement(ns + "Collection", new XElement(ns + "SyncKey", key), new XElement(ns + "CollectionId", inbox));
            if (key != "0")
            {
                collection.Add(new XElement(ns + "WindowSize", window.ToString(CultureInfo.InvariantCulture)), EasClient.BodyOptions(type, truncation));
            }

            byte[] body = WbxmlXml.FromXml(new XElement(ns + "Sync", new XElement(ns + "Collections", collection)).ToString(SaveOptions.DisableFormatting));
            EasResponse response = await client.SendAsync(new EasRequest("Sync") { Wbxml = body }, token);
            SyncWindow answer = response.StatusCode == 200 ? SyncWindow.Read(response.Body) : throw new EasClientException("Sync failed", response);
            if (answer.Status != 1 || answer.SyncKey is null)
            {
                throw new EasClientException($"Sync answered Status {answer.Status}", response);
            }

            if (key != "0")
            {
                items += answer.Adds;
                wireBytes += response.Body.Length;
                windows++;
                latencies.Add(response.Elapsed.TotalMilliseconds);
                more = answer.MoreAvailable;
            }

            key = answer.SyncKey;
        }

        TimeSpan elapsed = clock.Elapsed;
        (_, long peak) = ProcessMemory.Read(pid);
        if (items != messages)
        {
            throw new InvalidOperationException($"The sync delivered {items} items, not {messages}.");
        }

        latencies.Sort();
        string row = string.Create(CultureInfo.InvariantCulture, $"| {name} | {items:N0} | {windows} | {elapsed.TotalSeconds:N1} | **{items / elapsed.TotalSeconds:N0}** | {wireBytes / (double)items / 1024:N1} | {latencies[latencies.Count / 2]:N0} / {latencies[(int)(latencies.Count * 0.99)]:N0} | {peak / 1048576.0:N0} (+{(peak - baseline) / 1048576.0:N0}) |");
        rows.Add(row);
        Console.WriteLine(row);
    }

    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"First sync of a {messages:N0}-message Inbox, WindowSize {window}, 16.1 over HTTPS on loopback, SQLite:"));
    Console.WriteLine();
    Console.WriteLine("| bodies | items | windows | seconds | items/s | KB on the wire per item | window ms p50 / p99 | server peak RSS MB (+ over idle) |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    rows.ForEach(Console.WriteLine);
    return 0;
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    Directory.Delete(data, recursive: true);
}

int Option(string name, int fallback)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
