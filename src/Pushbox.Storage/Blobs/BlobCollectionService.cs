using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;

namespace Pushbox.Storage.Blobs;

/// <summary>
/// Deletes message content nothing refers to any more (deleted items, removed users, refused
/// messages) once a day, keeping anything younger than <see cref="GracePeriod"/> so that content being
/// delivered right now is never taken. Runs in <c>pushbox serve</c>; with several servers on one data
/// folder, each runs it and the deletions are idempotent.
/// </summary>
public sealed partial class BlobCollectionService(IBlobStore blobs, IMailboxStore store, TimeProvider time, ILogger<BlobCollectionService> logger) : BackgroundService
{
    /// <summary>How often a collection runs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    /// <summary>How long unreferenced content is kept: longer than any delivery or import can take between storing a blob and recording it.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromHours(24);

    /// <summary>Runs one collection now; returns how many blobs were deleted.</summary>
    public Task<int> CollectAsync(CancellationToken cancellationToken) =>
        blobs.CollectGarbageAsync(store.GetReferencedBlobsAsync, time.GetUtcNow() - GracePeriod, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                int deleted = await CollectAsync(stoppingToken).ConfigureAwait(false);
                LogCollected(deleted);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreUnavailableException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Blob collection deleted {Deleted} unreferenced message blob(s)")]
    private partial void LogCollected(int deleted);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Blob collection failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
