using Pushbox.Mailbox;

namespace Pushbox.Storage.Stores;

/// <summary><see cref="IStoreTransactions"/> over <see cref="PushboxDatabase.RunUnitAsync"/>: the stores' writes join the unit's transaction.</summary>
internal sealed class SqlStoreTransactions(PushboxDatabase database) : IStoreTransactions
{
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        database.RunUnitAsync(work, cancellationToken);

    public void AfterCommit(Action action) => database.AfterCommit(action);
}
