namespace Pushbox.Mailbox.Blobs;

/// <summary>
/// Content-addressed storage of message bodies. Writes are durable when they return (the bytes and
/// the name are on disk), so a caller may acknowledge the content to its sender afterwards. Storing the
/// same bytes twice keeps one copy.
/// </summary>
public interface IBlobStore
{
    /// <summary>Copies <paramref name="content"/> into the store, at most <paramref name="maxLength"/> bytes.</summary>
    /// <exception cref="BlobTooLargeException">The content is longer than <paramref name="maxLength"/>; nothing is kept.</exception>
    Task<BlobRef> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken);

    /// <summary>Opens stored content for reading, or returns null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken);

    /// <summary>Whether the content exists.</summary>
    Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes content older than <paramref name="olderThan"/> that <paramref name="isReferenced"/>
    /// says nothing refers to; returns how many blobs were deleted. The grace period protects content
    /// written but not yet recorded by its writer.
    /// </summary>
    Task<int> CollectGarbageAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTimeOffset olderThan, CancellationToken cancellationToken);
}
