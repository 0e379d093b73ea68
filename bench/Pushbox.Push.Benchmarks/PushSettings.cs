using System.Globalization;

namespace Pushbox.Push.Benchmarks;

/// <summary>The command line of the tool.</summary>
internal sealed class PushSettings
{
    public const string Usage = """
        dotnet run -c Release --project bench/Pushbox.Push.Benchmarks [-- OPTIONS]

          --levels A,B,…         held Pings per run, one server each (default 1000,5000,10000)
          --devices-per-user K   devices of each user (default 1). Each user costs one PBKDF2 hash at
                                 import and one at its first sign-in (about 0.1 s of a core each), so
                                 K > 1 makes large levels affordable on a small machine
          --wake-percent P       users who get one message each over SMTP while the rest stay held (default 1)
          --priming C            devices primed at once (default 16)
          --settle S             seconds to wait before reading the idle memory (default 5)
          --time-limit M         minutes after which the run stops by itself (default 40)
          --inspect S            keep the Pings held S seconds after measuring, for dotnet-gcdump or dotnet-counters
          --plain-http           serve ActiveSync over plain HTTP, as behind a TLS-terminating proxy
          --server-env NAME=VAL  an environment variable for the server (repeatable), e.g. a GC setting
          --help                 this text

        Each device has its own client and one keep-alive HTTP/1.1 connection (over TLS unless --plain-http). It is primed with
        FolderSync 0, Sync 0 and Syncs of its (empty) Inbox to the end, then sends a Ping watching the
        Inbox (HeartbeatInterval 900) that the server holds.
        """;

    public IReadOnlyList<int> Levels { get; private set; } = [1000, 5000, 10000];

    public int DevicesPerUser { get; private set; } = 1;

    public double WakePercent { get; private set; } = 1;

    public int Priming { get; private set; } = 16;

    public TimeSpan Settle { get; private set; } = TimeSpan.FromSeconds(5);

    public TimeSpan TimeLimit { get; private set; } = TimeSpan.FromMinutes(40);

    public bool PlainHttp { get; private set; }

    public TimeSpan Inspect { get; private set; }

    public Dictionary<string, string> ServerEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>The settings, or null with <paramref name="error"/> (null for --help).</summary>
    public static PushSettings? Parse(string[] args, out string? error)
    {
        var settings = new PushSettings();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--levels" when Next() is { } list && TryParseLevels(list, out int[] levels):
                    settings.Levels = levels;
                    break;
                case "--devices-per-user" when TryInt(Next(), 1, 1000, out int k):
                    settings.DevicesPerUser = k;
                    break;
                case "--wake-percent" when double.TryParse(Next(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) && p is > 0 and <= 50:
                    settings.WakePercent = p;
                    break;
                case "--priming" when TryInt(Next(), 1, 1000, out int c):
                    settings.Priming = c;
                    break;
                case "--settle" when TryInt(Next(), 0, 600, out int s):
                    settings.Settle = TimeSpan.FromSeconds(s);
                    break;
                case "--time-limit" when TryInt(Next(), 1, 24 * 60, out int m):
                    settings.TimeLimit = TimeSpan.FromMinutes(m);
                    break;
                case "--inspect" when TryInt(Next(), 0, 3600, out int seconds):
                    settings.Inspect = TimeSpan.FromSeconds(seconds);
                    break;
                case "--plain-http":
                    settings.PlainHttp = true;
                    break;
                case "--server-env" when Next() is { } pair && pair.IndexOf('=', StringComparison.Ordinal) is > 0 and int eq:
                    settings.ServerEnvironment[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--help" or "-h":
                    return null;
                default:
                    error = $"Unknown or invalid option: {args[i]}";
                    return null;
            }
        }

        return settings;
    }

    private static bool TryInt(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryParseLevels(string text, out int[] levels)
    {
        var parsed = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryInt(part, 1, 100_000, out int level))
            {
                levels = [];
                return false;
            }

            parsed.Add(level);
        }

        levels = [.. parsed];
        return levels.Length > 0;
    }
}
