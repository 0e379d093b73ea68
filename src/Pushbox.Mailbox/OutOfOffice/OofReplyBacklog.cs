using Pushbox.Mailbox.Delivery;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// The hand-off between delivery and the <see cref="OofResponder"/>: an <see cref="IDeliveryObserver"/> that records a
/// delivered message as a pending reply (<see cref="IOofPendingStore"/>) in the delivery's own transaction, for the
/// recipients whose Out of Office is on, and wakes this process's responder once that commits. The backlog is durable:
/// a reply pending at a shutdown or crash is sent when a responder (this server's after a restart, or another's) gets to
/// it. Mail from the null reverse-path never gets a reply and is not recorded.
/// </summary>
public sealed class OofReplyBacklog(IOofPendingStore pending, IUserSettingsStore settings, IStoreTransactions transactions, TimeProvider time) : IDeliveryObserver, IDisposable
{
    private readonly SemaphoreSlim _pulse = new(0, 1);

    /// <inheritdoc/>
    public async Task OnDeliveredAsync(DeliveredMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        if (mail.ReversePath.Length == 0 || mail.UserIds.Count == 0)
        {
            return;
        }

        // Reading settings is cheaper than a pending row for every delivery; the responder decides again when it answers.
        DateTimeOffset now = time.GetUtcNow();
        var away = new List<long>(mail.UserIds.Count);
        foreach (long userId in mail.UserIds)
        {
            if ((await settings.GetOofAsync(userId, cancellationToken).ConfigureAwait(false)).IsActiveAt(now))
            {
                away.Add(userId);
            }
        }

        if (away.Count > 0)
        {
            await pending.AddAsync(mail.Content.Hash, mail.ReversePath, away, cancellationToken).ConfigureAwait(false);
            transactions.AfterCommit(Pulse);
        }
    }

    /// <summary>Wakes the responder of this process.</summary>
    public void Pulse()
    {
        try
        {
            _pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Waits for a pulse or <paramref name="timeout"/>; true when pulsed.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _pulse.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _pulse.Dispose();
}
