using System.Collections.Concurrent;

namespace Pushbox.Http.Security;

/// <summary>
/// Runs password verifications (deliberately slow PBKDF2) on a fixed set of dedicated threads, fed by a
/// bounded queue. A login storm thus costs at most that many cores and a bounded amount of memory, and
/// never takes thread-pool threads: callers await a task that a verifier thread completes.
/// </summary>
internal sealed class VerificationQueue : IDisposable
{
    private readonly BlockingCollection<WorkItem> queue;
    private readonly Thread[] threads;
    private readonly Func<string, string, bool> verify;
    private long started;
    private long completed;

    public VerificationQueue(int threadCount, int capacity, Func<string, string, bool> verify)
    {
        this.verify = verify;
        queue = new BlockingCollection<WorkItem>(new ConcurrentQueue<WorkItem>(), capacity);
        threads = new Thread[threadCount];
        for (int i = 0; i < threadCount; i++)
        {
            threads[i] = new Thread(Run)
            {
                IsBackground = true,
                Name = "pushbox-password-verifier-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            threads[i].Start();
        }
    }

    /// <summary>The verifications waiting for a thread.</summary>
    public int Queued => queue.Count;

    /// <summary>The verifications begun since creation.</summary>
    public long Started => Interlocked.Read(ref started);

    /// <summary>The verifications finished since creation.</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Queues a verification of <paramref name="password"/> against <paramref name="encodedHash"/>; false at once when the queue is full.</summary>
    /// <param name="password">The presented password.</param>
    /// <param name="encodedHash">The stored hash.</param>
    /// <param name="cancellationToken">When cancelled before a thread takes the item, it is skipped and <paramref name="result"/> is cancelled.</param>
    /// <param name="result">Completes with whether the password matches.</param>
    public bool TryEnqueue(string password, string encodedHash, CancellationToken cancellationToken, out Task<bool> result)
    {
        var item = new WorkItem(password, encodedHash, cancellationToken);
        result = item.Completion.Task;
        try
        {
            return queue.TryAdd(item);
        }
        catch (InvalidOperationException)
        {
            throw new ObjectDisposedException(nameof(VerificationQueue));
        }
    }

    /// <summary>Stops taking work, lets the threads finish what they hold, and cancels what still waits.</summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        foreach (Thread thread in threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        while (queue.TryTake(out WorkItem? left))
        {
            left.Completion.TrySetCanceled();
        }

        queue.Dispose();
    }

    private void Run()
    {
        foreach (WorkItem item in queue.GetConsumingEnumerable())
        {
            if (item.CancellationToken.IsCancellationRequested)
            {
                item.Completion.TrySetCanceled(item.CancellationToken);
                continue;
            }

            Interlocked.Increment(ref started);
            try
            {
                item.Completion.TrySetResult(verify(item.Password, item.EncodedHash));
            }
#pragma warning disable CA1031 // A verifier thread must survive any failure; the caller sees it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                item.Completion.TrySetException(e);
            }
            finally
            {
                Interlocked.Increment(ref completed);
            }
        }
    }

    private sealed class WorkItem(string password, string encodedHash, CancellationToken cancellationToken)
    {
        public string Password { get; } = password;

        public string EncodedHash { get; } = encodedHash;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        // Continuations run on the thread pool, not on the verifier thread.
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
