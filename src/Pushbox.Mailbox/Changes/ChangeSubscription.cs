namespace Pushbox.Mailbox.Changes;

/// <summary>
/// One waiter's view of a mailbox's changes (<see cref="IChangeNotifier.Subscribe"/>): it collects the folders
/// changed since the last <see cref="WaitAsync"/>, a bounded set (past <see cref="MaxFolders"/> it just says
/// "everything"), so a waiter costs a few hundred bytes however busy the mailbox.
/// </summary>
public sealed class ChangeSubscription : IDisposable
{
    /// <summary>Folders remembered between two waits before the subscription says "everything changed" instead.</summary>
    public const int MaxFolders = 64;

    private readonly Lock _gate = new();
    private readonly Action<ChangeSubscription> _unsubscribe;
    private HashSet<long>? _folders;
    private bool _hierarchy;
    private bool _everything;
    private TaskCompletionSource? _signal;
    private bool _disposed;

    internal ChangeSubscription(long userId, Action<ChangeSubscription> unsubscribe)
    {
        UserId = userId;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The mailbox's owner.</summary>
    public long UserId { get; }

    /// <summary>
    /// Waits until something changed since the last wait (at once when something did already) and returns what:
    /// the folders whose items changed, whether the hierarchy changed, or that anything may have.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<ChangeSet> WaitAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (TryTake(out ChangeSet? ready))
            {
                return ready;
            }

            _signal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _signal.Task;
        }

        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return TryTake(out ChangeSet? changes) ? changes : ChangeSet.Everything;
        }
    }

    /// <summary>Stops listening; a wait in progress is not completed by this.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _unsubscribe(this);
    }

    internal void Notify(long? folderId, bool everything)
    {
        TaskCompletionSource? signal;
        lock (_gate)
        {
            if (everything)
            {
                _everything = true;
            }
            else if (folderId is { } id)
            {
                _folders ??= [];
                if (_folders.Count < MaxFolders)
                {
                    _folders.Add(id);
                }
                else
                {
                    _everything = true;
                }
            }
            else
            {
                _hierarchy = true;
            }

            signal = _signal;
            _signal = null;
        }

        signal?.TrySetResult();
    }

    private bool TryTake([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ChangeSet? changes)
    {
        if (!_everything && !_hierarchy && _folders is not { Count: > 0 })
        {
            changes = null;
            return false;
        }

        changes = _everything ? ChangeSet.Everything : new ChangeSet(_folders is null ? new HashSet<long>() : new HashSet<long>(_folders), _hierarchy, false);
        _folders?.Clear();
        _hierarchy = _everything = false;
        return true;
    }
}
