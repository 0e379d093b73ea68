using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pushbox.Wbxml.Benchmarks;

// dotnet run -c Release --project bench/Pushbox.Wbxml.Benchmarks [-- --validate | BenchmarkDotNet options]
//   --validate  only check that both libraries agree on every document (seconds), then exit.
//   otherwise   validate, run every benchmark (or those --filter selects), print the MB/s tables.
//   --dump DIR  also write each document as WBXML, Pushbox XML and libwbxml XML into DIR.
bool validateOnly = args.Contains("--validate");
args = [.. args.Where(a => a != "--validate")];
int dump = Array.IndexOf(args, "--dump");
if (dump >= 0 && dump + 1 < args.Length)
{
    Validation.Dump(args[dump + 1], Console.Out);
    args = [.. args[..dump], .. args[(dump + 2)..]];
}

if (!Validation.Run(Console.Out))
{
    return 1;
}

if (validateOnly)
{
    return 0;
}

if (!args.Contains("--filter") && !args.Contains("-f") && !args.Contains("--list") && !args.Contains("--help"))
{
    args = [.. args, "--filter", "*"]; // no interactive prompt: run everything by default
}

Summary[] summaries = [.. BenchmarkSwitcher.FromTypes([typeof(DecodeBenchmarks), typeof(EncodeBenchmarks)]).Run(args, BenchConfig.Create())];
if (summaries.Length == 0 || summaries.All(s => s.Reports.IsEmpty))
{
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

string markdown = ThroughputReport.Write(summaries, Console.Out);
string path = Path.Combine(summaries[0].ResultsDirectoryPath, "Pushbox.Wbxml.Benchmarks-throughput.md");
File.WriteAllText(path, markdown);
Console.WriteLine($"Throughput tables written to {path}");
return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
