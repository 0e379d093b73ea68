using System.Data.Common;
using System.Globalization;

namespace Pushbox.Storage;

/// <summary>
/// The open transaction of <see cref="PushboxDatabase.RunUnitAsync"/>: the writes of the stores join it, one at a time,
/// each in a savepoint of its own so that a write that fails (and whose failure the caller handles) leaves the others and
/// the transaction usable — PostgreSQL refuses every further statement of a transaction after an error otherwise.
/// </summary>
internal sealed class UnitOfWork(DbConnection connection, DbTransaction transaction)
{
    private readonly List<Action> _afterCommit = [];
    private int _savepoints;

    /// <summary>Runs one store write inside the unit; a provider error leaves the unit as it was before the write and propagates unchanged.</summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        string savepoint = string.Create(CultureInfo.InvariantCulture, $"pushbox_unit_{++_savepoints}");
        await transaction.SaveAsync(savepoint, cancellationToken).ConfigureAwait(false);
        T result;
        try
        {
            result = await work(connection, transaction).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                // Not cancellable: the unit must be left usable for the caller that handles the failure.
                await transaction.RollbackAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException)
            {
                // The connection itself failed: the whole unit rolls back, and the original failure says why.
            }

            throw;
        }

        await transaction.ReleaseAsync(savepoint, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Remembers <paramref name="action"/> for <see cref="Committed"/>.</summary>
    public void OnCommitted(Action action) => _afterCommit.Add(action);

    /// <summary>Runs what waited for the commit, in order.</summary>
    public void Committed()
    {
        foreach (Action action in _afterCommit)
        {
            action();
        }
    }
}
