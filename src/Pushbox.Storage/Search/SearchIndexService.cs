using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Search;

namespace Pushbox.Storage.Search;

/// <summary>
/// Runs the <see cref="SearchIndexer"/> in <c>pushbox serve</c>: at start (emails stored before the index
/// existed) and then every <see cref="Interval"/> (emails a writer added without their body text).
/// </summary>
public sealed partial class SearchIndexService(SearchIndexer indexer, TimeProvider time, ILogger<SearchIndexService> logger) : BackgroundService
{
    /// <summary>How often pending emails are looked for after the first run.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await indexer.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreUnavailableException or MailboxException)
            {
                LogFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Search indexing failed; it runs again at the next interval")]
    private partial void LogFailed(Exception exception);
}
