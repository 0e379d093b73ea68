using Microsoft.Extensions.Logging.Abstractions;
using Pushbox.Commands.Push;

namespace Pushbox.Commands.Tests.Push;

/// <summary>The registry of held requests: one per device, bounded per user and per server, and the active places they give back.</summary>
public sealed class HeldRequestsTests
{
    [Fact]
    public void ANewerRequestOfTheDevice_EndsTheOlderOne_AndIsLetInAtTheLimit()
    {
        using HeldRequests held = Create(maxHeld: 1, maxPerUser: 1);
        HeldRequests.Hold older = held.TryBegin(userId: 1, deviceId: 10, slot: null)!;

        using HeldRequests.Hold? newer = held.TryBegin(userId: 1, deviceId: 10, slot: null);

        Assert.NotNull(newer);
        Assert.True(older.Released.IsCancellationRequested);
        Assert.True(older.Superseded);
        Assert.Equal(1, held.Count);
        older.Dispose(); // the older request answers after the newer took over: the newer stays held
        Assert.Equal(1, held.Count);
        Assert.False(newer.Released.IsCancellationRequested);
    }

    [Fact]
    public void PastTheUsersLimit_AFurtherDeviceIsRefused_WhileOtherUsersAreNot()
    {
        using HeldRequests held = Create(maxHeld: 10, maxPerUser: 2);
        using HeldRequests.Hold? first = held.TryBegin(1, 10, null);
        using HeldRequests.Hold? second = held.TryBegin(1, 11, null);

        HeldRequests.Hold? third = held.TryBegin(1, 12, null);
        using HeldRequests.Hold? otherUser = held.TryBegin(2, 20, null);

        Assert.Null(third);
        Assert.NotNull(otherUser);
        Assert.Equal(3, held.Count);
        Assert.Equal(7, held.RetryAfterSeconds);
    }

    [Fact]
    public void PastTheServersLimit_ANewDeviceIsRefused_UntilAHoldEnds()
    {
        using HeldRequests held = Create(maxHeld: 2, maxPerUser: 10);
        HeldRequests.Hold first = held.TryBegin(1, 10, null)!;
        using HeldRequests.Hold? second = held.TryBegin(2, 20, null);

        Assert.Null(held.TryBegin(3, 30, null));
        first.Dispose();
        using HeldRequests.Hold? later = held.TryBegin(3, 30, null);

        Assert.NotNull(later);
        Assert.Equal(2, held.Count);
    }

    [Fact]
    public void AHeldRequest_GivesItsActivePlaceBack_AndTakesOneAgainToAnswer()
    {
        var active = new ActiveRequests(limit: 1);
        using HeldRequests held = Create(maxHeld: 10, maxPerUser: 10);
        RequestSlot waiting = active.TryEnter()!;

        HeldRequests.Hold hold = held.TryBegin(1, 10, waiting)!;
        RequestSlot? other = active.TryEnter();
        Assert.NotNull(other);
        Assert.Null(active.TryEnter());
        other.Dispose();
        hold.Dispose();

        Assert.Equal(1, active.Count);
        waiting.Dispose();
        Assert.Equal(0, active.Count);
    }

    [Fact]
    public void AWokenRequest_TakesItsPlaceAgain_EvenWhenTheLimitIsReached()
    {
        var active = new ActiveRequests(limit: 1);
        using HeldRequests held = Create(maxHeld: 10, maxPerUser: 10);
        RequestSlot waiting = active.TryEnter()!;
        HeldRequests.Hold hold = held.TryBegin(1, 10, waiting)!;
        using RequestSlot other = active.TryEnter()!;

        hold.Dispose();

        Assert.Equal(2, active.Count);
        waiting.Dispose();
        Assert.Equal(1, active.Count);
    }

    [Fact]
    public void ASlot_IsCountedOnce_HoweverOftenItIsParkedResumedOrDisposed()
    {
        var active = new ActiveRequests(limit: 5);
        RequestSlot slot = active.TryEnter()!;

        slot.Park();
        slot.Park();
        Assert.Equal(0, active.Count);
        slot.Resume();
        slot.Resume();
        Assert.Equal(1, active.Count);
        slot.Dispose();
        slot.Dispose();
        slot.Resume();

        Assert.Equal(0, active.Count);
    }

    [Fact]
    public void ReleaseAll_AnswersEveryHeldRequest()
    {
        using HeldRequests held = Create(maxHeld: 10, maxPerUser: 10);
        using HeldRequests.Hold a = held.TryBegin(1, 10, null)!;
        using HeldRequests.Hold b = held.TryBegin(2, 20, null)!;

        held.ReleaseAll();

        Assert.True(a.Released.IsCancellationRequested);
        Assert.True(b.Released.IsCancellationRequested);
        Assert.False(a.Superseded);
    }

    [Fact]
    public async Task ConcurrentHoldsOfManyDevices_NeverExceedTheLimits_AndAllEnd()
    {
        using HeldRequests held = Create(maxHeld: 50, maxPerUser: 5);
        int admitted = 0;
        int peak = 0;
        await Parallel.ForAsync(0, 2_000, async (i, _) =>
        {
            using HeldRequests.Hold? hold = held.TryBegin(userId: i % 40, deviceId: i % 400, slot: null);
            if (hold is not null)
            {
                Interlocked.Increment(ref admitted);
                int now = held.Count;
                InterlockedMax(ref peak, now);
                await Task.Yield();
            }
        });

        Assert.InRange(peak, 1, 50);
        Assert.True(admitted > 0);
        Assert.Equal(0, held.Count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
            seen = Volatile.Read(ref target);
        }
    }

    private static HeldRequests Create(int maxHeld, int maxPerUser) =>
        new(new PingOptions { MaxHeldRequests = maxHeld, MaxHeldRequestsPerUser = maxPerUser, HeldRetryAfterSeconds = 7 }, NullLogger<HeldRequests>.Instance);
}
