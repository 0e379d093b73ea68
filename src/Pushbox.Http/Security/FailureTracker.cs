namespace Pushbox.Http.Security;

/// <summary>
/// Failed sign-ins per key (a user address or a source network) in a sliding window, and the lock-outs
/// they cause. Bounded: at most <c>maxKeys</c> keys, the least recently failing forgotten first; each
/// key holds at most <c>maxFailures</c> instants. Thread-safe.
/// </summary>
internal sealed class FailureTracker
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> order = new();
    private readonly int maxFailures;
    private readonly TimeSpan window;
    private readonly TimeSpan lockout;
    private readonly int maxKeys;

    public FailureTracker(int maxFailures, TimeSpan window, TimeSpan lockout, int maxKeys)
    {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
        this.maxKeys = maxKeys;
    }

    /// <summary>The keys remembered now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Whether <paramref name="key"/> is locked out at <paramref name="now"/>, and for how much longer.</summary>
    public bool IsLockedOut(string key, DateTimeOffset now, out TimeSpan remaining)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out LinkedListNode<Entry>? node) && node.Value.LockedUntil > now)
            {
                remaining = node.Value.LockedUntil - now;
                return true;
            }
        }

        remaining = TimeSpan.Zero;
        return false;
    }

    /// <summary>Counts a failure; true when it starts a lock-out (the failures in the window reached the limit).</summary>
    public bool RecordFailure(string key, DateTimeOffset now, out int failures)
    {
        failures = 0;
        if (maxFailures == 0)
        {
            return false;
        }

        lock (gate)
        {
            if (entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                order.Remove(node);
                order.AddLast(node);
            }
            else
            {
                while (entries.Count >= maxKeys && order.First is { } oldest)
                {
                    entries.Remove(oldest.Value.Key);
                    order.RemoveFirst();
                }

                node = order.AddLast(new Entry(key));
                entries.Add(key, node);
            }

            Entry entry = node.Value;
            if (entry.LockedUntil > now)
            {
                return false;
            }

            while (entry.Failures.Count > 0 && entry.Failures.Peek() <= now - window)
            {
                entry.Failures.Dequeue();
            }

            entry.Failures.Enqueue(now);
            failures = entry.Failures.Count;
            if (failures < maxFailures)
            {
                return false;
            }

            entry.Failures.Clear();
            entry.LockedUntil = now + lockout;
            return true;
        }
    }

    /// <summary>Forgets the failures of <paramref name="key"/> after a success; a lock-out in force stays.</summary>
    public void Reset(string key, DateTimeOffset now)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out LinkedListNode<Entry>? node) && node.Value.LockedUntil <= now)
            {
                entries.Remove(key);
                order.Remove(node);
            }
        }
    }

    private sealed class Entry(string key)
    {
        public string Key { get; } = key;

        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;
    }
}
