using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// The folders the change-query benchmarks read, shared by all their cases. BenchmarkDotNet creates
/// a fresh benchmark object per case, but runs in this process (in-process toolchain), so one Inbox
/// per database lives here and grows from case to case; <see cref="Program"/> sets it up before the
/// run and disposes it after (dropping the databases and deleting the data folders).
/// </summary>
internal static class ChangeQueryLab
{
    private static readonly Dictionary<StorageProvider, GrowingFolder> Folders = [];
    private static BenchSettings? settings;
    private static PostgresServer? postgres;

    /// <summary>Cancelled on Ctrl+C: the current case fails fast and the rest are skipped.</summary>
    public static CancellationToken Cancellation { get; private set; }

    public static IReadOnlyList<int> Sizes => settings?.FolderSizes ?? [];

    public static IReadOnlyList<StorageProvider> Providers => settings?.Providers ?? [];

    /// <summary>Every growth step so far, in order.</summary>
    public static IEnumerable<SeedStep> Steps => Folders.Values.SelectMany(f => f.Steps);

    public static void Configure(BenchSettings benchSettings, PostgresServer server, CancellationToken cancellation)
    {
        settings = benchSettings;
        postgres = server;
        Cancellation = cancellation;
    }

    /// <summary>The Inbox on <paramref name="provider"/>, created on first use and grown to <paramref name="size"/> items.</summary>
    public static async Task<GrowingFolder> GrowToAsync(StorageProvider provider, int size)
    {
        if (settings is null || postgres is null)
        {
            throw new InvalidOperationException("ChangeQueryLab.Configure was not called.");
        }

        if (!Folders.TryGetValue(provider, out GrowingFolder? folder))
        {
            folder = await GrowingFolder.CreateAsync(provider, postgres, settings.SeedBatch, Cancellation);
            Folders.Add(provider, folder);
        }

        await folder.GrowToAsync(size, Cancellation);
        return folder;
    }

    public static async Task DisposeAsync()
    {
        List<Exception> failures = [];
        foreach (GrowingFolder folder in Folders.Values)
        {
            try
            {
                await folder.DisposeAsync();
            }
#pragma warning disable CA1031 // Clean up every folder whatever went wrong with one; report all at the end.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add(e);
            }
        }

        Folders.Clear();
        if (failures.Count > 0)
        {
            throw new AggregateException("Cleaning up the change-query folders failed.", failures);
        }
    }
}
