using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// What one run measures, from the command line. The full run is the one whose figures go into
/// bench/README.md; <c>--quick</c> runs the same code on tiny sizes, to check that the tool works.
/// </summary>
internal sealed record BenchSettings
{
    public const string PostgresVariable = "PUSHBOX_BENCH_POSTGRES";
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public const string Usage =
        """
        Usage: dotnet run -c Release --project bench/Pushbox.Mailbox.Benchmarks -- [options]

          --quick              tiny sizes (50 messages; folders of 200 and 2,000 items), to check the tool works
          --only smtp|changes  run one of the two parts (default: both)
          --db sqlite|postgres run on one database (default: both)
          --help               this text

        PostgreSQL: the server in $PUSHBOX_BENCH_POSTGRES (default "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");
        each part creates a database with a random name there and drops it at the end.
        """;

    public bool Quick { get; init; }

    public bool RunSmtp { get; init; } = true;

    public bool RunChanges { get; init; } = true;

    public IReadOnlyList<StorageProvider> Providers { get; init; } = [StorageProvider.Sqlite, StorageProvider.Postgres];

    public string PostgresConnectionString { get; init; } = DefaultPostgres;

    /// <summary>Messages timed per database, spread over <see cref="Connections"/> (250 each in the full run).</summary>
    public int Messages => Quick ? 50 : 1_000;

    public int Connections { get; init; } = 4;

    /// <summary>The size of each message as sent (headers and body, CRLF line ends).</summary>
    public int MessageBytes { get; init; } = 20 * 1024;

    /// <summary>Untimed messages each connection sends first (JIT, connection pools, first blob folders).</summary>
    public int WarmupPerConnection => Quick ? 2 : 5;

    /// <summary>The folder sizes the change query is timed at, smallest first; the folder grows from one to the next.</summary>
    public IReadOnlyList<int> FolderSizes => Quick ? [200, 2_000] : [1_000, 10_000, 100_000];

    /// <summary>Emails per <c>AddEmailsAsync</c> call while seeding.</summary>
    public int SeedBatch { get; init; } = 1_000;

    /// <summary>Parses the arguments; null (with the reason in <paramref name="error"/>) when they are wrong, or when help was asked for.</summary>
    public static BenchSettings? Parse(string[] args, out string? error)
    {
        error = null;
        string? configured = Environment.GetEnvironmentVariable(PostgresVariable);
        var settings = new BenchSettings { PostgresConnectionString = string.IsNullOrWhiteSpace(configured) ? DefaultPostgres : configured };
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick":
                    settings = settings with { Quick = true };
                    break;
                case "--only" when value is "smtp" or "changes":
                    settings = settings with { RunSmtp = value == "smtp", RunChanges = value == "changes" };
                    i++;
                    break;
                case "--db" when value is "sqlite" or "postgres":
                    settings = settings with { Providers = [value == "sqlite" ? StorageProvider.Sqlite : StorageProvider.Postgres] };
                    i++;
                    break;
                case "--help" or "-h":
                    return null;
                default:
                    error = $"unknown or incomplete option '{args[i]}'";
                    return null;
            }
        }

        return settings;
    }
}
