using Pushbox.Mailbox.Blobs;

namespace Pushbox.Smtp.Tests.Support;

/// <summary>The real blob store, able to fail a write midway (a disk going away while a message streams in).</summary>
internal sealed class HookedBlobStore(IBlobStore inner) : IBlobStore
{
    /// <summary>When set, each put reads the first chunk of the message and then throws this.</summary>
    public Exception? FailWith { get; set; }

    public async Task<BlobRef> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken)
    {
        if (FailWith is { } failure)
        {
            _ = await content.ReadAsync(new byte[4096], cancellationToken);
            throw failure;
        }

        return await inner.PutAsync(content, maxLength, cancellationToken);
    }

    public Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken) => inner.OpenReadAsync(hash, cancellationToken);

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) => inner.ExistsAsync(hash, cancellationToken);

    public Task<int> CollectGarbageAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner.CollectGarbageAsync(isReferenced, olderThan, cancellationToken);
}
