using System.Collections.Concurrent;

namespace Pushbox.Mailbox.Changes;

/// <summary>
/// The in-process <see cref="IChangeNotifier"/>: subscribers by user, each told of its user's changes. Publishing
/// costs a dictionary lookup per change and nothing when nobody of that user waits.
/// </summary>
public sealed class ChangeHub : IChangeNotifier
{
    private readonly ConcurrentDictionary<long, ImmutableSubscribers> _byUser = new();

    /// <inheritdoc/>
    public ChangeSubscription Subscribe(long userId)
    {
        var subscription = new ChangeSubscription(userId, Unsubscribe);
        _byUser.AddOrUpdate(userId, static (_, s) => new ImmutableSubscribers([s]), static (_, list, s) => list.With(s), subscription);
        return subscription;
    }

    /// <inheritdoc/>
    public void Publish(IReadOnlyCollection<MailboxChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (MailboxChange change in changes)
        {
            if (_byUser.TryGetValue(change.UserId, out ImmutableSubscribers? subscribers))
            {
                foreach (ChangeSubscription subscription in subscribers.Items)
                {
                    subscription.Notify(change.FolderId, everything: false);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void PublishEverything()
    {
        foreach (ImmutableSubscribers subscribers in _byUser.Values)
        {
            foreach (ChangeSubscription subscription in subscribers.Items)
            {
                subscription.Notify(null, everything: true);
            }
        }
    }

    /// <summary>Users with at least one subscriber (for metrics and tests).</summary>
    public int SubscribedUsers => _byUser.Count;

    private void Unsubscribe(ChangeSubscription subscription)
    {
        while (_byUser.TryGetValue(subscription.UserId, out ImmutableSubscribers? current))
        {
            ImmutableSubscribers? next = current.Without(subscription);
            bool done = next is null
                ? _byUser.TryRemove(new KeyValuePair<long, ImmutableSubscribers>(subscription.UserId, current))
                : _byUser.TryUpdate(subscription.UserId, next, current);
            if (done)
            {
                return;
            }
        }
    }

    /// <summary>A user's subscribers, replaced whole on change so that publishing reads without locks.</summary>
    private sealed class ImmutableSubscribers(ChangeSubscription[] items)
    {
        public ChangeSubscription[] Items { get; } = items;

        public ImmutableSubscribers With(ChangeSubscription subscription) => new([.. Items, subscription]);

        public ImmutableSubscribers? Without(ChangeSubscription subscription)
        {
            ChangeSubscription[] rest = [.. Items.Where(s => !ReferenceEquals(s, subscription))];
            return rest.Length == 0 ? null : new ImmutableSubscribers(rest);
        }
    }
}
