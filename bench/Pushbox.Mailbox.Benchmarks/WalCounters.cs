namespace Pushbox.Mailbox.Benchmarks;

/// <summary>A snapshot of PostgreSQL's WAL activity (server-wide) and one database's commits.</summary>
internal sealed record WalCounters(long Records, long Bytes, long Writes, long Syncs, long Commits)
{
    public static WalCounters operator -(WalCounters after, WalCounters before) =>
        new(after.Records - before.Records, after.Bytes - before.Bytes, after.Writes - before.Writes, after.Syncs - before.Syncs, after.Commits - before.Commits);

    public WalCounters Subtract(WalCounters before) => this - before;
}
