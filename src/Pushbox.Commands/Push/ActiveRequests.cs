namespace Pushbox.Commands.Push;

/// <summary>
/// The device requests being worked on now, as opposed to those held waiting for a change. The server-wide
/// limit (<c>ActiveSync:MaxConcurrentRequests</c>) applies to these alone, so a server holding ten thousand
/// Pings still serves new requests: a held request gives its place back while it waits
/// (<see cref="RequestSlot.Park"/>) and takes one again, past the limit if need be, to write its answer,
/// because refusing a woken request would lose the wake. Held requests have their own limits
/// (<see cref="HeldRequests"/>).
/// </summary>
public sealed class ActiveRequests
{
    private int _count;

    /// <summary>Creates the counter.</summary>
    /// <param name="limit">Requests worked on at once; at least 1.</param>
    public ActiveRequests(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    /// <summary>Requests worked on at once before new ones are refused.</summary>
    public int Limit { get; }

    /// <summary>Requests being worked on now (held ones excluded).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A place for a new request; null when <see cref="Limit"/> are being worked on already.</summary>
    public RequestSlot? TryEnter()
    {
        if (Interlocked.Increment(ref _count) > Limit)
        {
            Interlocked.Decrement(ref _count);
            return null;
        }

        return new RequestSlot(this);
    }

    internal void Leave() => Interlocked.Decrement(ref _count);

    internal void Return() => Interlocked.Increment(ref _count);
}

/// <summary>One request's place among the <see cref="ActiveRequests"/>; dispose it when the request ends.</summary>
public sealed class RequestSlot : IDisposable
{
    private const int Working = 0;
    private const int Parked = 1;
    private const int Ended = 2;
    private readonly ActiveRequests _owner;
    private int _state;

    internal RequestSlot(ActiveRequests owner) => _owner = owner;

    /// <summary>Gives the place back while the request waits; nothing if it is not working.</summary>
    public void Park()
    {
        if (Interlocked.CompareExchange(ref _state, Parked, Working) == Working)
        {
            _owner.Leave();
        }
    }

    /// <summary>Takes a place again, whatever the limit, to answer; nothing if it is not parked.</summary>
    public void Resume()
    {
        if (Interlocked.CompareExchange(ref _state, Working, Parked) == Parked)
        {
            _owner.Return();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _state, Ended) == Working)
        {
            _owner.Leave();
        }
    }
}
