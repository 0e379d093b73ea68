namespace Pushbox.Mailbox;

/// <summary>
/// Makes several store writes one: what a caller must accept as a whole (a sent message's ClientId with its delivery,
/// queue entry and Sent Items copy; an Out of Office reply with the record that it was sent) either all commits or
/// none of it does, under concurrency and across a crash. Every write of any store port made inside
/// <see cref="RunAsync{T}"/>, on the same asynchronous flow, joins the one transaction. A write that fails and whose
/// failure the work handles undoes only itself. Reads see committed data only (not the unit's own writes).
/// </summary>
public interface IStoreTransactions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. When another writer conflicts, everything is
    /// rolled back and <paramref name="work"/> runs again from the start; so it must have no effect outside the store but
    /// through <see cref="AfterCommit"/>. Inside a unit already, it joins that unit.
    /// </summary>
    /// <exception cref="MailboxException">A write failed (and <paramref name="work"/> let it through), or conflicts persisted; nothing was written.</exception>
    /// <exception cref="StoreUnavailableException">The store failed; nothing was written.</exception>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="action"/> (which must not throw) when the current unit commits, never if it rolls back; at once outside a unit.</summary>
    void AfterCommit(Action action);
}
