using System.Collections.Immutable;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// Runs the cases database by database, smallest folder first, so that one folder per database can
/// grow between cases instead of being seeded anew for each size; the methods keep their declared order.
/// </summary>
internal sealed class GrowingFolderOrderer() : DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared, JobOrderPolicy.Default)
{
    public override IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarkCases, IEnumerable<BenchmarkLogicalGroupRule>? order = null)
    {
        List<BenchmarkCase> declared = [.. base.GetExecutionOrder(benchmarkCases, order)];
        return declared
            .OrderBy(c => c.Parameters[nameof(ChangeQueryBenchmarks.Database)])
            .ThenBy(c => (int)c.Parameters[nameof(ChangeQueryBenchmarks.FolderSize)])
            .ThenBy(declared.IndexOf);
    }
}
