using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// The figures the benchmarks exist for, from BenchmarkDotNet's summaries: MB/s of WBXML per
/// document set and operation, managed bytes allocated per operation, and Pushbox/libwbxml
/// throughput ratios (above 1: Pushbox is faster).
/// </summary>
internal static class ThroughputReport
{
    private static readonly (string Title, string Pushbox, string Libwbxml)[] Comparisons =
    [
        ("Decode: WbxmlReader (spans) vs libwbxml tree", nameof(DecodeBenchmarks.Pushbox_Read), nameof(DecodeBenchmarks.Libwbxml_Tree)),
        ("Decode: WbxmlReader (spans) vs libwbxml parser, no handler", nameof(DecodeBenchmarks.Pushbox_Read), nameof(DecodeBenchmarks.Libwbxml_Parse)),
        ("Decode: WbxmlReader + GetString() vs libwbxml tree", nameof(DecodeBenchmarks.Pushbox_ReadStrings), nameof(DecodeBenchmarks.Libwbxml_Tree)),
        ("WBXML → XML: WbxmlXml.ToXml vs wbxml_conv_wbxml2xml", nameof(DecodeBenchmarks.Pushbox_ToXml), nameof(DecodeBenchmarks.Libwbxml_ToXml)),
        ("Encode: WbxmlWriter from tree vs wbxml_tree_to_wbxml", nameof(EncodeBenchmarks.Pushbox_Write), nameof(EncodeBenchmarks.Libwbxml_TreeToWbxml)),
        ("Encode: WbxmlWriter from tree, UTF-8 text vs wbxml_tree_to_wbxml", nameof(EncodeBenchmarks.Pushbox_WriteUtf8), nameof(EncodeBenchmarks.Libwbxml_TreeToWbxml)),
        ("XML → WBXML: WbxmlXml.FromXml vs wbxml_conv_xml2wbxml", nameof(EncodeBenchmarks.Pushbox_FromXml), nameof(EncodeBenchmarks.Libwbxml_FromXml)),
    ];

    /// <summary>The rows, in the order of the comparisons.</summary>
    private static readonly string[] Methods =
    [
        nameof(DecodeBenchmarks.Pushbox_Read), nameof(DecodeBenchmarks.Pushbox_ReadStrings), nameof(DecodeBenchmarks.Libwbxml_Parse), nameof(DecodeBenchmarks.Libwbxml_Tree),
        nameof(DecodeBenchmarks.Pushbox_ToXml), nameof(DecodeBenchmarks.Libwbxml_ToXml),
        nameof(EncodeBenchmarks.Pushbox_Write), nameof(EncodeBenchmarks.Pushbox_WriteUtf8), nameof(EncodeBenchmarks.Libwbxml_TreeToWbxml),
        nameof(EncodeBenchmarks.Pushbox_FromXml), nameof(EncodeBenchmarks.Libwbxml_FromXml),
    ];

    /// <summary>Prints the tables to <paramref name="log"/> and returns them as Markdown.</summary>
    public static string Write(IEnumerable<Summary> summaries, TextWriter log)
    {
        var results = new Dictionary<(string Method, DocumentSet Set), (double MegabytesPerSecond, double MeanNs, long? Allocated)>();
        foreach (Summary summary in summaries)
        {
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (ThroughputColumn.MegabytesPerSecond(summary, report.BenchmarkCase) is not { } rate
                    || report.BenchmarkCase.Parameters["Document"] is not DocumentSet set)
                {
                    continue;
                }

                results[(report.BenchmarkCase.Descriptor.WorkloadMethod.Name, set)] =
                    (rate, report.ResultStatistics!.Mean, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
            }
        }

        var text = new StringBuilder();
        DocumentSet[] sets = Enum.GetValues<DocumentSet>();
        string[] methods = [.. Methods.Where(m => results.Keys.Any(k => k.Method == m))];
        Table(text, "### Throughput: MB/s of WBXML (1 MB = 10^6 B; document set size / mean time)", sets, methods, results,
            r => string.Create(CultureInfo.InvariantCulture, $"{r.MegabytesPerSecond:N1}"));
        text.AppendLine();
        Table(text, "### Managed bytes allocated per operation (one operation = every document of the set once)", sets, methods, results,
            r => Bytes(r.Allocated));
        text.AppendLine();
        text.AppendLine("### Pushbox / libwbxml throughput ratio (above 1: Pushbox is faster)");
        text.AppendLine();
        text.Append("| comparison |").Append(string.Concat(sets.Select(s => $" {s} |"))).AppendLine();
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", sets.Length))).AppendLine();
        foreach ((string title, string pushbox, string libwbxml) in Comparisons)
        {
            if (!sets.Any(set => results.ContainsKey((pushbox, set)) && results.ContainsKey((libwbxml, set))))
            {
                continue; // not run (--filter)
            }

            text.Append(CultureInfo.InvariantCulture, $"| {title} |");
            foreach (DocumentSet set in sets)
            {
                text.Append(results.TryGetValue((pushbox, set), out var ours) && results.TryGetValue((libwbxml, set), out var theirs)
                    ? string.Create(CultureInfo.InvariantCulture, $" {theirs.MeanNs / ours.MeanNs:N2}× |")
                    : " – |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("libwbxml allocates on the C heap only, which BenchmarkDotNet does not see; the few managed bytes shown for it are the in-process harness, not libwbxml.");
        text.Append("Native heap held by one decoded libwbxml tree:");
        foreach (Sample sample in Corpus.Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $" {sample.Name} {Validation.TreeNativeBytes(sample.Wbxml):N0} B;");
        }

        text.Length--;
        text.AppendLine(".");
        string markdown = text.ToString();
        log.WriteLine();
        log.WriteLine(markdown);
        return markdown;
    }

    private static void Table(
        StringBuilder text,
        string title,
        DocumentSet[] sets,
        string[] methods,
        Dictionary<(string Method, DocumentSet Set), (double MegabytesPerSecond, double MeanNs, long? Allocated)> results,
        Func<(double MegabytesPerSecond, double MeanNs, long? Allocated), string> cell)
    {
        text.AppendLine(title);
        text.AppendLine();
        text.Append("| operation |");
        foreach (DocumentSet set in sets)
        {
            text.Append(CultureInfo.InvariantCulture, $" {set} ({Corpus.WbxmlBytes(set):N0} B) |");
        }

        text.AppendLine();
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", sets.Length))).AppendLine();
        foreach (string method in methods)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {method} |");
            foreach (DocumentSet set in sets)
            {
                text.Append(results.TryGetValue((method, set), out var r) ? $" {cell(r)} |" : " – |");
            }

            text.AppendLine();
        }
    }

    private static string Bytes(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b:N0} B") : "? B";
}
