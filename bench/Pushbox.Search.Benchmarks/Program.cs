using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;
using Pushbox.Storage;

// Mailbox search latency over a large mailbox. Seeds one user's mailbox (Inbox and an Archive folder) through
// IMailboxStore.AddEmailsAsync in batches, with subject, people and body text drawn from a fixed-seed vocabulary,
// then runs each query kind a fixed number of times and prints p50/p99 per kind and over all. Stops by itself.
//
//   dotnet run -c Release --project bench/Pushbox.Search.Benchmarks -- [--messages 100000] [--runs 200] [--provider sqlite|postgres|both]
//
// PostgreSQL: PUSHBOX_BENCH_POSTGRES or PUSHBOX_TEST_POSTGRES (default Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres);
// a database with a random name is created and dropped.
int messages = Option("--messages", 100_000);
int runs = Option("--runs", 200);
string provider = OptionText("--provider", "both");
string postgres = Environment.GetEnvironmentVariable("PUSHBOX_BENCH_POSTGRES")
    ?? Environment.GetEnvironmentVariable("PUSHBOX_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

Console.WriteLine($"Mailbox search benchmark: {messages:N0} messages, {runs} runs per query, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
if (provider is "sqlite" or "both")
{
    string folder = Directory.CreateTempSubdirectory("pushbox-bench-search-").FullName;
    try
    {
        await RunAsync(new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = folder }, "SQLite");
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

if (provider is "postgres" or "both")
{
    var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false };
    string name = "pushbox_bench_search_" + Guid.NewGuid().ToString("N");
    await ExecuteAsync(admin.ConnectionString, $"CREATE DATABASE {name}");
    string folder = Directory.CreateTempSubdirectory("pushbox-bench-search-").FullName;
    try
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            DataDirectory = folder,
            ConnectionString = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true }.ConnectionString,
        };
        await RunAsync(options, "PostgreSQL");
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(admin.ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        Directory.Delete(folder, recursive: true);
    }
}

return 0;

async Task RunAsync(StorageOptions options, string label)
{
    var services = new ServiceCollection();
    services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    services.AddPushboxStorage(options);
    await using ServiceProvider provider = services.BuildServiceProvider();
    await provider.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
    IDirectory directory = provider.GetRequiredService<IDirectory>();
    IMailboxStore store = provider.GetRequiredService<IMailboxStore>();
    IMailboxSearch search = provider.GetRequiredService<IMailboxSearch>();

    User user = await directory.CreateUserAsync(new NewUser("bench@example.com", "Bench", "$h"), CancellationToken.None);
    Folder inbox = await store.GetStandardFolderAsync(user.Id, FolderType.Inbox, CancellationToken.None);
    Folder archive = await store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, CancellationToken.None);

    var corpus = new Corpus(42);
    var seedClock = Stopwatch.StartNew();
    const int Batch = 1000;
    DateTimeOffset start = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
    for (int done = 0; done < messages; done += Batch)
    {
        int count = Math.Min(Batch, messages - done);
        var emails = new List<NewEmail>(count);
        for (int i = 0; i < count; i++)
        {
            int n = done + i;
            DateTimeOffset received = start.AddMinutes(n * 15.0);
            emails.Add(corpus.Email(n, received));
        }

        // Three quarters to the Inbox, the rest to Archive, in alternating batches.
        Folder target = (done / Batch) % 4 == 3 ? archive : inbox;
        await store.AddEmailsAsync(user.Id, target.Id, emails, CancellationToken.None);
    }

    seedClock.Stop();
    if (options.Provider == StorageProvider.Postgres)
    {
        // What autovacuum does after a bulk load: statistics, so that the planner sees the tables as they are.
        await ExecuteAsync(options.ConnectionString!, "ANALYZE");
    }

    Console.WriteLine();
    Console.WriteLine($"## {label}: seeded {messages:N0} messages in {seedClock.Elapsed.TotalSeconds:F1} s ({messages / seedClock.Elapsed.TotalSeconds:N0} messages/s, index included)");

    DateTimeOffset end = start.AddMinutes(messages * 15.0);
    var queries = new (string Name, MailboxQuery Query)[]
    {
        ("common word", new MailboxQuery([corpus.Common])),
        ("rare word", new MailboxQuery([corpus.Rare])),
        ("two words", new MailboxQuery([corpus.Common, corpus.Medium])),
        ("prefix (3 letters)", new MailboxQuery([corpus.Medium[..3]])),
        ("sender name", new MailboxQuery([corpus.Sender])),
        ("word + folder + last 30 days", new MailboxQuery([corpus.Medium], FolderIds: [inbox.Id], ReceivedAfter: end.AddDays(-30))),
        ("no match", new MailboxQuery(["zzqxj"])),
        ("Find: from:sender", Kql($"from:{corpus.Sender}", end)),
        ("Find: subject:word", Kql($"subject:{corpus.Medium}", end)),
        ("Find: phrase", Kql($"\"{corpus.Common} {corpus.Medium}\"", end)),
        ("Find: word OR word", Kql($"{corpus.Medium} OR {corpus.Rare}", end)),
        ("Find: word NOT common word", Kql($"{corpus.Medium} NOT {corpus.Common}", end)),
        ("Find: word received last 30 days", Kql(string.Create(CultureInfo.InvariantCulture, $"{corpus.Medium} received>={end.AddDays(-30):yyyy-MM-dd}"), end)),
    };

    Console.WriteLine();
    Console.WriteLine("| query | matches | p50 ms | p99 ms | mean ms |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    var all = new List<double>();
    foreach ((string name, MailboxQuery query) in queries)
    {
        MailboxSearchResult warm = await search.SearchAsync(user.Id, query, 0, 100, CancellationToken.None);
        var times = new List<double>(runs);
        for (int r = 0; r < runs; r++)
        {
            long before = Stopwatch.GetTimestamp();
            await search.SearchAsync(user.Id, query, 0, 100, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
        }

        all.AddRange(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {warm.Total:N0} | {Percentile(times, 0.50):F2} | {Percentile(times, 0.99):F2} | {times.Average():F2} |"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| **all queries** | | **{Percentile(all, 0.50):F2}** | **{Percentile(all, 0.99):F2}** | {all.Average():F2} |"));
}

// A Find's FreeText as the handler reads it (KqlParser), "today" being the newest message's day.
static MailboxQuery Kql(string text, DateTimeOffset today) =>
    KqlParser.TryParse(text, DateOnly.FromDateTime(today.UtcDateTime), out SearchCondition? condition, out string? error)
        ? new MailboxQuery([], Condition: condition)
        : throw new InvalidOperationException($"The benchmark's KQL \"{text}\" is refused: {error}");

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    int index = (int)Math.Ceiling(p * sorted.Count) - 1;
    return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string OptionText(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

/// <summary>
/// Text for seeded emails from a fixed seed: a vocabulary of 5,000 made-up words drawn with a Zipf-like skew (a few
/// words in most messages, most words in few), 40 to 120 body words, 3 to 8 subject words, senders from 500 names.
/// </summary>
internal sealed class Corpus
{
    private readonly Random random;
    private readonly string[] words;
    private readonly string[] senders;

    public Corpus(int seed)
    {
        random = new Random(seed);
        words = [.. Enumerable.Range(0, 5000).Select(i => Word(i))];
        senders = [.. Enumerable.Range(0, 500).Select(i => $"{Capital(Word(10_000 + i))} {Capital(Word(20_000 + i))}")];
    }

    /// <summary>A word in most messages.</summary>
    public string Common => words[0];

    /// <summary>A word in a few percent of messages.</summary>
    public string Medium => words[40];

    /// <summary>A word in very few messages.</summary>
    public string Rare => words[4000];

    /// <summary>A sender's last name.</summary>
    public string Sender => senders[7].Split(' ')[1].ToLowerInvariant();

    public NewEmail Email(int n, DateTimeOffset received)
    {
        string subject = Sentence(3 + random.Next(6));
        string body = Sentence(40 + random.Next(81));
        string from = senders[random.Next(senders.Length)];
        string hash = Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(n)));
        var summary = new EmailSummary(
            $"\"{from}\" <{from.Replace(' ', '.').ToLowerInvariant()}@example.org>", "bench@example.com", string.Empty, string.Empty, subject, received,
            Importance.Normal, "IPM.Note", false, null, [], false, RandomNumberGenerator.GetBytes(16), $"<{n}@bench.invalid>", subject);
        return new NewEmail(new BlobRef(hash, body.Length + 400), summary, body);
    }

    private string Sentence(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[Zipf()]));

    /// <summary>An index skewed toward 0: about 1/(rank+10).</summary>
    private int Zipf()
    {
        double u = random.NextDouble();
        return Math.Min(words.Length - 1, (int)(10 * Math.Pow(words.Length / 10.0 + 1, u)) - 10);
    }

    private static string Word(int i)
    {
        const string Consonants = "bcdfghjklmnprstvz";
        const string Vowels = "aeiou";
        var rng = new Random(i * 7919 + 13);
        int syllables = 2 + rng.Next(3);
        var chars = new char[syllables * 2];
        for (int s = 0; s < syllables; s++)
        {
            chars[s * 2] = Consonants[rng.Next(Consonants.Length)];
            chars[(s * 2) + 1] = Vowels[rng.Next(Vowels.Length)];
        }

        return new string(chars) + i.ToString("x", CultureInfo.InvariantCulture)[..1];
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
