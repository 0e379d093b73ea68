namespace Pushbox.Smtp.Tests.Support;

/// <summary>A clock that always says the same instant (timers still run in real time).</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
