using System.Globalization;

namespace Pushbox.Http.Benchmarks;

/// <summary>The command line of the tool.</summary>
internal sealed class LoadSettings
{
    public const string Usage = """
        dotnet run -c Release --project bench/Pushbox.Http.Benchmarks [-- OPTIONS]

          --users N         users created with `pushbox user import` (default 64)
          --levels A,B,…    concurrent clients, one keep-alive connection each (default 1,16,128)
          --duration S      measured seconds per level (default 10)
          --warmup S        unmeasured seconds before each level (default 2)
          --http2           HTTP/2 instead of HTTP/1.1 (one connection per client either way)
          --options         measure an authenticated OPTIONS instead of the FolderSync, for comparison:
                            the same sign-in, no command and no write to the store
          --quick           --duration 2 --warmup 1: checks that the tool works; figures not comparable
          --help            this text

        The devices are as many as the highest level, spread over the users; each is primed with
        FolderSync 0, then measured with FolderSync at its current key (no changes).
        """;

    public int Users { get; private set; } = 64;

    public IReadOnlyList<int> Levels { get; private set; } = [1, 16, 128];

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(2);

    public bool Http2 { get; private set; }

    public bool Options { get; private set; }

    public bool Quick { get; private set; }

    public int Devices => Levels.Max();

    /// <summary>The settings, or null with <paramref name="error"/> (null for --help).</summary>
    public static LoadSettings? Parse(string[] args, out string? error)
    {
        var settings = new LoadSettings();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? Next() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--users" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out int users) && users is > 0 and <= 10_000:
                    settings.Users = users;
                    break;
                case "--levels" when Next() is { } list && TryParseLevels(list, out int[] levels):
                    settings.Levels = levels;
                    break;
                case "--duration" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds is > 0 and <= 600:
                    settings.Duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--warmup" when int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds is >= 0 and <= 600:
                    settings.Warmup = TimeSpan.FromSeconds(seconds);
                    break;
                case "--http2":
                    settings.Http2 = true;
                    break;
                case "--options":
                    settings.Options = true;
                    break;
                case "--quick":
                    settings.Quick = true;
                    settings.Duration = TimeSpan.FromSeconds(2);
                    settings.Warmup = TimeSpan.FromSeconds(1);
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

    private static bool TryParseLevels(string text, out int[] levels)
    {
        levels = [];
        var parsed = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int level) || level is < 1 or > 4096)
            {
                return false;
            }

            parsed.Add(level);
        }

        levels = [.. parsed];
        return levels.Length > 0;
    }
}
