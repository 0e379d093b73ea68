using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pushbox.Mailbox.Changes;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage;

/// <summary>
/// With PostgreSQL, hears the changes other server processes commit (LISTEN on <see cref="ChangeNotifications.Channel"/>)
/// and passes them to this process's waiting requests. It holds one connection of its own and blocks on it; no
/// polling. When the connection is lost it reconnects with backoff, and on every (re)connection tells all waiters
/// that anything may have changed, so a notification missed in between costs one re-read, never a lost push.
/// </summary>
internal sealed partial class PostgresChangeListener(PushboxDatabase database, ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect is not PostgresDialect postgres)
        {
            return;
        }

        TimeSpan backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = new NpgsqlConnection(postgres.ListenerConnectionString);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += (_, e) => OnNotification(postgres.Origin, e.Payload);
                    await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                    await using (var listen = new NpgsqlCommand($"LISTEN {ChangeNotifications.Channel}", connection))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    }

                    LogListening();
                    database.Notifier.PublishEverything();
                    backoff = TimeSpan.FromSeconds(1);
                    while (true)
                    {
                        await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever went wrong, the listener must not die: without it, pushes from other nodes stop.
                LogLost(backoff.TotalSeconds, e);
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private void OnNotification(string ownOrigin, string payload)
    {
        if (ChangeNotifications.TryDecode(payload, out string origin, out List<MailboxChange> changes) && origin != ownOrigin)
        {
            database.Notifier.Publish(changes);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Listening for changes committed by other Pushbox processes (PostgreSQL LISTEN)")]
    private partial void LogListening();

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Lost the PostgreSQL change notifications; reconnecting in {Seconds} s (waiting requests re-check then)")]
    private partial void LogLost(double seconds, Exception exception);
}
