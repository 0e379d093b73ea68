using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>The real blob store, with <see cref="IBlobStore.PutAsync"/> timed into a <see cref="StageClock"/>.</summary>
internal sealed class TimedBlobStore(IBlobStore inner, StageClock clock) : IBlobStore
{
    public async Task<BlobRef> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken)
    {
        long started = StageClock.Start();
        BlobRef stored = await inner.PutAsync(content, maxLength, cancellationToken);
        clock.Stop(StageClock.Stage.BlobPut, started);
        return stored;
    }

    public Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken) => inner.OpenReadAsync(hash, cancellationToken);

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) => inner.ExistsAsync(hash, cancellationToken);

    public Task<int> CollectGarbageAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner.CollectGarbageAsync(isReferenced, olderThan, cancellationToken);
}
