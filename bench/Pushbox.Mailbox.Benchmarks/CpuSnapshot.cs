using System.Diagnostics;
using System.Globalization;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// CPU time used so far by the whole machine, by this process and by PostgreSQL's processes (Linux
/// <c>/proc</c>). The difference of two snapshots says how much of the machine something else took
/// while the benchmark ran: figures measured beside a busy neighbour on two cores are not comparable.
/// </summary>
internal sealed record CpuSnapshot(long Timestamp, double MachineBusySeconds, double OwnSeconds, double PostgresSeconds)
{
    // USER_HZ, the unit of /proc's CPU times: 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take()
    {
        double machine = double.NaN;
        double postgres = 0;
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
            string[] cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = [.. cpu.Skip(1).Take(8).Select(t => long.Parse(t, CultureInfo.InvariantCulture))];
            machine = (ticks.Sum() - ticks[3] - ticks[4]) / TicksPerSecond;
            foreach (string stat in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).Select(d => Path.Combine(d, "stat")))
            {
                postgres += PostgresCpuSeconds(stat);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Not Linux, or /proc unreadable: the report says "unknown".
        }

        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(Stopwatch.GetTimestamp(), machine, self.TotalProcessorTime.TotalSeconds, postgres);
    }

    /// <summary>The share of all cores that processes other than this one and PostgreSQL used since <paramref name="before"/>.</summary>
    public double OthersShareSince(CpuSnapshot before)
    {
        double wall = Stopwatch.GetElapsedTime(before.Timestamp, Timestamp).TotalSeconds * Environment.ProcessorCount;
        double others = (MachineBusySeconds - before.MachineBusySeconds) - (OwnSeconds - before.OwnSeconds) - (PostgresSeconds - before.PostgresSeconds);
        return Math.Clamp(others / wall, 0, 1);
    }

    /// <summary>The shares of all cores this process and PostgreSQL used since <paramref name="before"/>.</summary>
    public (double Own, double Postgres) SharesSince(CpuSnapshot before)
    {
        double wall = Stopwatch.GetElapsedTime(before.Timestamp, Timestamp).TotalSeconds * Environment.ProcessorCount;
        return ((OwnSeconds - before.OwnSeconds) / wall, (PostgresSeconds - before.PostgresSeconds) / wall);
    }

    private static double PostgresCpuSeconds(string statPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(statPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // the process ended meanwhile
        }

        // pid (comm) state ppid … utime stime: comm may hold spaces, so split after the last ')'.
        int open = text.IndexOf('(', StringComparison.Ordinal);
        int close = text.LastIndexOf(')');
        if (open < 0 || close < open || text[(open + 1)..close] != "postgres")
        {
            return 0;
        }

        // utime, stime, cutime, cstime: a backend that exits is reaped by the postmaster, whose children's
        // times then include it, so the sum over PostgreSQL's processes only ever grows.
        string[] fields = text[(close + 2)..].Split(' ');
        return fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) / TicksPerSecond;
    }
}
