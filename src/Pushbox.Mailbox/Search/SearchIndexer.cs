using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Search;

/// <summary>
/// Works through the emails the search index holds by their headers only (stored before the index
/// existed, or added by a writer that passed no body text): reads each one's body from the blob store and
/// indexes it whole. Idempotent, and safe to run in several processes at once (an email indexed twice is
/// indexed the same).
/// </summary>
public sealed partial class SearchIndexer(IMailboxSearch search, IBlobStore blobs, ILogger<SearchIndexer> logger)
{
    /// <summary>How many emails are read per round.</summary>
    public const int BatchSize = 200;

    /// <summary>Indexes every pending email; returns how many were indexed.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        long indexed = 0;
        while (true)
        {
            IReadOnlyList<StoredItem> batch = await search.GetPendingAsync(BatchSize, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (StoredItem item in batch)
            {
                string text = await ReadBodyTextAsync(item, cancellationToken).ConfigureAwait(false);
                if (await search.IndexAsync(item, text, cancellationToken).ConfigureAwait(false))
                {
                    indexed++;
                }
            }
        }

        if (indexed > 0)
        {
            LogIndexed(indexed);
        }

        return indexed;
    }

    private async Task<string> ReadBodyTextAsync(StoredItem item, CancellationToken cancellationToken)
    {
        if (item.BlobHash is not { } hash)
        {
            return string.Empty;
        }

        Stream? stream = await blobs.OpenReadAsync(hash, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            // The content is gone (it never should be while the item exists): the headers stay searchable.
            LogContentMissing(item.Id, hash);
            return string.Empty;
        }

        await using (stream.ConfigureAwait(false))
        {
            return EmailBodyText.Read(stream);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Search index: indexed the bodies of {Count} email(s)")]
    private partial void LogIndexed(long count);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Search index: the content {Hash} of item {ItemId} is missing; indexed by its headers only")]
    private partial void LogContentMissing(long itemId, string hash);
}
