namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// The durable backlog between delivery and the <see cref="OofResponder"/>: a row is added in the delivery's
/// <see cref="IStoreTransactions"/> unit and removed in the unit that sends the reply, so a reply survives a shutdown or
/// crash and is sent once. Responders (one per server, on any number of servers) claim rows under a lease, as the
/// outbound queue's senders do. Every method is atomic.
/// </summary>
public interface IOofPendingStore
{
    /// <summary>Adds a delivered message to decide about.</summary>
    /// <exception cref="ArgumentException">No reverse-path or no users.</exception>
    Task AddAsync(string blobHash, string reversePath, IReadOnlyList<long> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> rows not held under a live lease at <paramref name="now"/>, oldest first, for
    /// <paramref name="owner"/> until <paramref name="now"/> + <paramref name="lease"/>, counting one more attempt. Concurrent
    /// callers never get the same row.
    /// </summary>
    Task<IReadOnlyList<PendingOofReply>> ClaimAsync(string owner, int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Removes a row its holder has dealt with; false when <paramref name="owner"/> no longer holds it (nothing removed).</summary>
    Task<bool> CompleteAsync(long id, string owner, CancellationToken cancellationToken);

    /// <summary>Gives a held row back at once (a responder stopping before it got to it); false when <paramref name="owner"/> no longer holds it.</summary>
    Task<bool> ReleaseAsync(long id, string owner, CancellationToken cancellationToken);

    /// <summary>How many rows wait (administration, tests).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}
