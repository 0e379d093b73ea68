using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>MB/s of WBXML: the WBXML bytes of the benchmark's document set divided by its mean time (1 MB = 10^6 B).</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "WBXML MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "WBXML bytes of the document set per second, in 10^6 B/s (document set size / Mean)";

    /// <summary>MB/s for <paramref name="benchmarkCase"/>, or null when it has no result.</summary>
    public static double? MegabytesPerSecond(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (mean is not > 0 || benchmarkCase.Parameters["Document"] is not DocumentSet set)
        {
            return null;
        }

        return Corpus.WbxmlBytes(set) * 1_000.0 / mean.Value; // bytes per ns × 10^9 / 10^6
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        MegabytesPerSecond(summary, benchmarkCase)?.ToString("N1", CultureInfo.InvariantCulture) ?? "NA";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
