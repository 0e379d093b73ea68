using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// The default job: in-process (libwbxml is loaded once, no generated project to build), 3 warm-up
/// and 5 measured iterations of 250 ms each, so that all 55 cases finish in a few minutes on two
/// cores. Pass BenchmarkDotNet's own options (e.g. <c>--job short</c>, <c>--iterationCount 15</c>) to change it.
/// </summary>
internal static class BenchConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Quick")
                .AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new ThroughputColumn())
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(ArtifactsPath());

    /// <summary>BenchmarkDotNet.Artifacts beside the project file (git-ignored), wherever the command is run from.</summary>
    private static string ArtifactsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pushbox.Wbxml.Benchmarks.csproj")))
            {
                return Path.Combine(dir.FullName, "BenchmarkDotNet.Artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
    }
}
