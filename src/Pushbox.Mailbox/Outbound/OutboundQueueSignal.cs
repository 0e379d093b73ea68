namespace Pushbox.Mailbox.Outbound;

/// <summary>
/// Wakes this process's queue sender when a message was queued here, so that mail leaves at once instead
/// of at the sender's next scheduled look. Pulses coalesce: any number of pulses before a wait make it
/// return once.
/// </summary>
public sealed class OutboundQueueSignal : IDisposable
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    /// <summary>Signals that the queue has new work.</summary>
    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the waiter will look once for all of them.
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>; true when pulsed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _pulse.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _pulse.Dispose();
}
