using System.Globalization;
using System.Text;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Reports;
using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>The figures of a run as Markdown tables, the form bench/README.md quotes them in.</summary>
internal static class Report
{
    private static readonly string[] Queries = [nameof(ChangeQueryBenchmarks.Changes_Last10), nameof(ChangeQueryBenchmarks.Changes_Last100), nameof(ChangeQueryBenchmarks.FolderStats_CountAll)];

    public static void Smtp(StringBuilder text, IReadOnlyList<SmtpRunResult> runs)
    {
        if (runs.Count == 0)
        {
            return;
        }

        SmtpRunResult first = runs[0];
        text.AppendLine(CultureInfo.InvariantCulture, $"### SMTP delivery: {first.Messages:N0} messages of {first.SentBytes / (double)first.Messages:N0} B ({first.SmallestMessage:N0}–{first.LargestMessage:N0}) over {first.Connections} connections");
        text.AppendLine();
        var throughput = new MarkdownTable("database", "wall time", "messages/s", "MB/s", "latency p50", "p95", "p99", "max", "in the Inbox");
        foreach (SmtpRunResult run in runs)
        {
            throughput.Add(
                run.Label,
                MarkdownTable.Number(run.Elapsed.TotalSeconds, 2) + " s",
                MarkdownTable.Number(run.MessagesPerSecond, 0),
                MarkdownTable.Number(run.MegabytesPerSecond, 2),
                Ms(Statistics.Percentile(run.LatencyMs, 50)),
                Ms(Statistics.Percentile(run.LatencyMs, 95)),
                Ms(Statistics.Percentile(run.LatencyMs, 99)),
                Ms(run.LatencyMs.Max()),
                string.Create(CultureInfo.InvariantCulture, $"{run.Delivered:N0} of {run.Messages:N0} {(run.AllDelivered ? "✓" : "✗ MISSING")}"));
        }

        throughput.WriteTo(text);
        text.AppendLine();
        text.AppendLine("Latency: from `SendAsync` start to its 250 reply, per message (1 MB = 10^6 B). Where the server spends it, mean (p50) per message:");
        text.AppendLine();
        var stages = new MarkdownTable("database", "SendAsync → 250", "blob put (2 fsyncs)", "folder lookup", "AddEmailAsync (commit)", "rest (protocol, parsing, client)", "transactions / message", "WAL flushes / message");
        foreach (SmtpRunResult run in runs)
        {
            double latency = Statistics.Mean(run.LatencyMs);
            double rest = latency - Statistics.Mean(run.BlobPutMs) - Statistics.Mean(run.FolderLookupMs) - Statistics.Mean(run.AddEmailMs);
            stages.Add(
                run.Label,
                MeanAndMedian(run.LatencyMs),
                MeanAndMedian(run.BlobPutMs),
                MeanAndMedian(run.FolderLookupMs),
                MeanAndMedian(run.AddEmailMs),
                Ms(rest),
                run.Wal is { } wal ? MarkdownTable.Number(wal.Commits / (double)run.Messages, 2) : "–",
                run.Wal is { } w ? MarkdownTable.Number(w.Syncs / (double)run.Messages, 2) : "–");
        }

        stages.WriteTo(text);
        text.AppendLine();
        text.AppendLine("What a durable write costs here, measured beside Pushbox one at a time (median):");
        text.AppendLine();
        var probe = new MarkdownTable("database", "20 KB blob put, with fsyncs", "without fsyncs", "one-row commit, durable", "without waiting for the flush");
        foreach (SmtpRunResult run in runs)
        {
            if (run.Probe is { } p)
            {
                probe.Add(run.Label, Ms(p.BlobDurableMs), Ms(p.BlobPlainMs), Ms(p.CommitDurableMs), Ms(p.CommitPlainMs));
            }
        }

        probe.WriteTo(text);
        text.AppendLine();
    }

    public static void Seeding(StringBuilder text, IEnumerable<SeedStep> steps)
    {
        SeedStep[] all = [.. steps];
        if (all.Length == 0)
        {
            return;
        }

        text.AppendLine("### Seeding the Inbox (AddEmailsAsync, 1,000 per call)");
        text.AppendLine();
        var table = new MarkdownTable("database", "items", "time", "items/s");
        foreach (SeedStep step in all)
        {
            table.Add(step.Provider.ToString(), string.Create(CultureInfo.InvariantCulture, $"{step.From:N0} → {step.To:N0}"), MarkdownTable.Number(step.Elapsed.TotalSeconds, 1) + " s", MarkdownTable.Number(step.ItemsPerSecond, 0));
        }

        foreach (IGrouping<StorageProvider, SeedStep> provider in all.GroupBy(s => s.Provider))
        {
            table.Add($"**{provider.Key} total**", MarkdownTable.Number(provider.Max(s => s.To)), MarkdownTable.Number(provider.Sum(s => s.Elapsed.TotalSeconds), 1) + " s", string.Empty);
        }

        table.WriteTo(text);
        text.AppendLine();
    }

    public static void ChangeQueries(StringBuilder text, Summary summary, IReadOnlyList<int> sizes)
    {
        Dictionary<(string Query, StorageProvider Db, int Size), BenchmarkReport> reports = [];
        foreach (BenchmarkReport report in summary.Reports)
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            var key = (report.BenchmarkCase.Descriptor.WorkloadMethod.Name, (StorageProvider)report.BenchmarkCase.Parameters[nameof(ChangeQueryBenchmarks.Database)], (int)report.BenchmarkCase.Parameters[nameof(ChangeQueryBenchmarks.FolderSize)]);
            reports[key] = report;
        }

        if (reports.Count == 0)
        {
            text.AppendLine("### Change query: no results (see BenchmarkDotNet's log above)");
            return;
        }

        int smallest = sizes[0];
        int largest = sizes[^1];
        text.AppendLine("### Change query cost against folder size: mean (median) µs per call");
        text.AppendLine();
        string[] headers = ["query", "database", .. sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s:N0} items")), string.Create(CultureInfo.InvariantCulture, $"{largest:N0} / {smallest:N0}")];
        var times = new MarkdownTable(headers);
        var detail = new MarkdownTable(["query", "database", .. sizes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s:N0}: calls timed, bytes/call"))]);
        foreach (string query in Queries)
        {
            foreach (StorageProvider db in reports.Keys.Select(k => k.Db).Distinct().Order())
            {
                var cells = new List<string> { Label(query), db.ToString() };
                var detailCells = new List<string> { Label(query), db.ToString() };
                foreach (int size in sizes)
                {
                    BenchmarkReport? report = reports.GetValueOrDefault((query, db, size));
                    cells.Add(report is null ? "–" : $"{Us(report.ResultStatistics!.Mean)} ({Us(report.ResultStatistics.Median)})");
                    detailCells.Add(report is null ? "–" : $"{MarkdownTable.Number(Calls(report))}, {MarkdownTable.Number(report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? double.NaN)} B");
                }

                double ratio = reports.TryGetValue((query, db, largest), out BenchmarkReport? big) && reports.TryGetValue((query, db, smallest), out BenchmarkReport? small)
                    ? big.ResultStatistics!.Mean / small.ResultStatistics!.Mean
                    : double.NaN;
                cells.Add(MarkdownTable.Number(ratio, 2) + "×");
                times.Add([.. cells]);
                detail.Add([.. detailCells]);
            }
        }

        times.WriteTo(text);
        text.AppendLine();
        text.AppendLine("Calls timed (measured iterations only) and managed bytes allocated per call:");
        text.AppendLine();
        detail.WriteTo(text);
        text.AppendLine();
    }

    /// <summary>One line on who used the CPU during a part: a busy neighbour makes the figures above incomparable.</summary>
    public static void Cpu(StringBuilder text, CpuSnapshot before, CpuSnapshot after)
    {
        if (double.IsNaN(before.MachineBusySeconds) || double.IsNaN(after.MachineBusySeconds))
        {
            text.AppendLine("CPU use during this part: unknown (no /proc/stat).");
        }
        else
        {
            (double own, double postgres) = after.SharesSince(before);
            text.AppendLine(CultureInfo.InvariantCulture, $"CPU use during this part, as a share of all {Environment.ProcessorCount} cores: this process {own:P0}, PostgreSQL {postgres:P0}, anything else {after.OthersShareSince(before):P1}.");
        }

        text.AppendLine();
    }

    private static string Label(string query) => query switch
    {
        nameof(ChangeQueryBenchmarks.Changes_Last10) => "GetChangesAsync, since modseq−10, limit 100 (10 items)",
        nameof(ChangeQueryBenchmarks.Changes_Last100) => "GetChangesAsync, since modseq−100, limit 100 (100 items)",
        nameof(ChangeQueryBenchmarks.FolderStats_CountAll) => "GetFolderStatsAsync (O(n) contrast)",
        _ => query,
    };

    private static long Calls(BenchmarkReport report) =>
        report.AllMeasurements.Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage == IterationStage.Actual).Sum(m => m.Operations);

    private static string Us(double nanoseconds) => MarkdownTable.Number(nanoseconds / 1_000, nanoseconds < 100_000 ? 1 : 0);

    private static string Ms(double milliseconds) => MarkdownTable.Number(milliseconds, milliseconds < 10 ? 2 : 1) + " ms";

    private static string MeanAndMedian(double[] samples) =>
        $"{Ms(Statistics.Mean(samples))} ({Ms(Statistics.Percentile(samples, 50))})";
}
