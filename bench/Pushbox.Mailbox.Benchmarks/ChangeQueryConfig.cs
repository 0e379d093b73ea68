using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// BenchmarkDotNet's configuration for <see cref="ChangeQueryBenchmarks"/>. In-process, because the
/// folders are shared between cases (see <see cref="ChangeQueryLab"/>). The full job takes 3 warm-up
/// and 15 measured iterations of 250 ms, which for a query of a few hundred microseconds is well over
/// 1,000 timed calls per case; the quick job only proves that every case runs.
/// </summary>
internal static class ChangeQueryConfig
{
    public static IConfig Create(bool quick)
    {
        Job job = Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithId(quick ? "Quick" : "Full");
        job = quick
            ? job.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(40))
            : job.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(250));
        return DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
            .WithOrderer(new GrowingFolderOrderer())
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond))
            .WithArtifactsPath(ArtifactsPath());
    }

    /// <summary>BenchmarkDotNet.Artifacts beside the project file (git-ignored), wherever the command is run from.</summary>
    public static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pushbox.Mailbox.Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}
