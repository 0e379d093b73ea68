namespace Pushbox.Smtp.Sessions;

/// <summary>
/// A reusable per-operation timeout linked to the session's tokens (SmtpServer's
/// <c>ReadCommandAsync</c> pattern without a new source per command): <see cref="Start"/> before an
/// awaited read or write, <see cref="Stop"/> after it. Once it has fired the session ends, so it never
/// needs to be re-armed after cancellation.
/// </summary>
internal sealed class OperationTimer : IDisposable
{
    private readonly CancellationTokenSource _source;

    /// <summary>Creates a timer cancelled also by either parent.</summary>
    public OperationTimer(CancellationToken first, CancellationToken second)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(first, second);
    }

    /// <summary>Arms the timer and returns the token the operation takes.</summary>
    public CancellationToken Start(TimeSpan timeout)
    {
        _source.CancelAfter(timeout);
        return _source.Token;
    }

    /// <summary>Disarms the timer after the operation completed.</summary>
    public void Stop() => _source.CancelAfter(Timeout.InfiniteTimeSpan);

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
