namespace Pushbox.Mailbox.Changes;

/// <summary>
/// Tells waiting requests (Ping, a hanging Sync) that a mailbox changed, without polling. The store publishes
/// every committed change; with several server processes on one PostgreSQL, changes committed by the others
/// arrive through the database's notifications. A notification says only <em>where</em> something changed: the
/// waiter reads what changed from the store, which stays the one source of truth.
/// </summary>
public interface IChangeNotifier
{
    /// <summary>
    /// Starts listening to <paramref name="userId"/>'s mailbox. Subscribe first, then read the store: a change
    /// committed in between is not lost. Dispose the subscription when done.
    /// </summary>
    ChangeSubscription Subscribe(long userId);

    /// <summary>Delivers committed changes to this process's subscribers.</summary>
    void Publish(IReadOnlyCollection<MailboxChange> changes);

    /// <summary>
    /// Tells every subscriber that anything may have changed (notifications may have been missed, e.g. while the
    /// connection to the database was lost): each re-reads the store.
    /// </summary>
    void PublishEverything();
}
