using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>One growth of a folder from <paramref name="From"/> to <paramref name="To"/> items, and how long it took.</summary>
internal sealed record SeedStep(StorageProvider Provider, int From, int To, TimeSpan Elapsed)
{
    public double ItemsPerSecond => (To - From) / Elapsed.TotalSeconds;
}
