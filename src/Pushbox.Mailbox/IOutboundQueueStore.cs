using Pushbox.Mailbox.Outbound;

namespace Pushbox.Mailbox;

/// <summary>
/// The durable queue of mail waiting for the relay. Senders (one or more per server, on any number of
/// servers sharing the store) claim due messages under a lease: a claimed message is handed to no other
/// sender until its holder completes it, reschedules it, or lets the lease lapse (a crashed node's
/// messages are sent by another after the lease); a holder still sending renews its lease
/// (<see cref="RenewAsync"/>). Every method is atomic.
/// </summary>
public interface IOutboundQueueStore
{
    /// <summary>Adds a message, due at once.</summary>
    /// <exception cref="ArgumentException">No recipients.</exception>
    Task<QueuedMessage> EnqueueAsync(NewQueuedMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> messages that are due at <paramref name="now"/> and not held
    /// under a live lease, oldest due first: each gets <paramref name="owner"/> as holder until
    /// <paramref name="now"/> + <paramref name="lease"/>, and one more attempt counted. Concurrent callers
    /// never get the same message.
    /// </summary>
    Task<IReadOnlyList<QueuedMessage>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes a message its holder has finished with (sent, or bounced); false when <paramref name="owner"/> no longer holds it.</summary>
    Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Removes, in one transaction, the messages of <paramref name="ids"/> that <paramref name="owner"/> still holds (sent);
    /// returns those removed. A message whose lease another sender took is left to it.
    /// </summary>
    Task<IReadOnlyList<long>> CompleteAsync(IReadOnlyCollection<long> ids, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the lease of the messages of <paramref name="ids"/> that <paramref name="owner"/> still holds to
    /// <paramref name="until"/> (a sender that is still sending them); returns those it still holds. A message missing
    /// from the answer was taken by another sender after this one's lease lapsed: this sender must stop sending it.
    /// </summary>
    Task<IReadOnlyList<long>> RenewAsync(IReadOnlyCollection<long> ids, string owner, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Releases a held message for a later attempt with the recipients still to do and the reason;
    /// false when <paramref name="owner"/> no longer holds it.
    /// </summary>
    Task<bool> RescheduleAsync(long id, string owner, IReadOnlyList<string> recipients, DateTimeOffset nextAttemptAt, string lastError, CancellationToken cancellationToken);

    /// <summary>When the next message falls due: the earliest due time or lapsing lease; null when the queue is empty.</summary>
    Task<DateTimeOffset?> GetNextDueAsync(CancellationToken cancellationToken);

    /// <summary>Every queued message, oldest first (administration).</summary>
    Task<IReadOnlyList<QueuedMessage>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Makes a message due at <paramref name="now"/> (administration); false when there is no such message.</summary>
    Task<bool> RetryNowAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes a message without sending it (administration); false when there is no such message.</summary>
    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken);
}
