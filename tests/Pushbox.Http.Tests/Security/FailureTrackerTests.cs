using Pushbox.Http.Security;

namespace Pushbox.Http.Tests.Security;

public sealed class FailureTrackerTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordFailure_ReachingTheLimit_LocksOutForTheDuration()
    {
        var tracker = new FailureTracker(3, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), 100);

        Assert.False(tracker.RecordFailure("k", Start, out _));
        Assert.False(tracker.RecordFailure("k", Start.AddMinutes(1), out _));
        Assert.True(tracker.RecordFailure("k", Start.AddMinutes(2), out int failures));

        Assert.Equal(3, failures);
        Assert.True(tracker.IsLockedOut("k", Start.AddMinutes(5), out TimeSpan remaining));
        Assert.Equal(TimeSpan.FromMinutes(7), remaining);
        Assert.False(tracker.IsLockedOut("k", Start.AddMinutes(12), out _));
        Assert.False(tracker.IsLockedOut("other", Start.AddMinutes(5), out _));
    }

    [Fact]
    public void RecordFailure_OldFailuresLeaveTheWindow()
    {
        var tracker = new FailureTracker(3, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), 100);

        tracker.RecordFailure("k", Start, out _);
        tracker.RecordFailure("k", Start.AddMinutes(10), out _);

        Assert.False(tracker.RecordFailure("k", Start.AddMinutes(16), out int failures));
        Assert.Equal(2, failures);
    }

    [Fact]
    public void Reset_ForgetsFailuresButKeepsALockOutInForce()
    {
        var tracker = new FailureTracker(2, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), 100);
        tracker.RecordFailure("a", Start, out _);
        tracker.Reset("a", Start);
        Assert.False(tracker.RecordFailure("a", Start, out int failures));
        Assert.Equal(1, failures);

        tracker.RecordFailure("a", Start, out _);
        tracker.Reset("a", Start);

        Assert.True(tracker.IsLockedOut("a", Start, out _));
    }

    [Fact]
    public void RecordFailure_ManyKeys_MemoryStaysBoundedEvictingTheOldest()
    {
        var tracker = new FailureTracker(2, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), 100);
        tracker.RecordFailure("first", Start, out _);
        tracker.RecordFailure("first", Start, out _);

        for (int i = 0; i < 1000; i++)
        {
            tracker.RecordFailure("spray" + i, Start, out _);
        }

        Assert.Equal(100, tracker.Count);
        Assert.False(tracker.IsLockedOut("first", Start, out _));
    }

    [Fact]
    public void RecordFailure_LimitZero_NeverLocks()
    {
        var tracker = new FailureTracker(0, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), 100);

        for (int i = 0; i < 50; i++)
        {
            Assert.False(tracker.RecordFailure("k", Start, out _));
        }

        Assert.Equal(0, tracker.Count);
    }
}
