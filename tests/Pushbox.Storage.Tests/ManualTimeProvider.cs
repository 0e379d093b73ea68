namespace Pushbox.Storage.Tests;

/// <summary>A clock the test moves: starts at a fixed instant with sub-microsecond ticks (which storage must truncate consistently).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_358_979);

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate)
        {
            now += by;
        }
    }
}
