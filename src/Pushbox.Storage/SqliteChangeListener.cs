using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Changes;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage;

/// <summary>
/// With SQLite, hears the changes other processes on the same data folder commit (<see cref="SqliteChangeRelay"/>)
/// and passes them to this process's waiting requests. Blocks on a Unix datagram socket; no polling. Once it
/// listens it tells all waiters that anything may have changed, so a change committed before that costs one
/// re-read, never a lost push.
/// </summary>
internal sealed partial class SqliteChangeListener(PushboxDatabase database, ILogger<SqliteChangeListener> logger) : BackgroundService
{
    private const int MaxDatagram = 64 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Relay is not { } relay)
        {
            return;
        }

        if (!relay.Usable)
        {
            LogUnusable(relay.SocketPath ?? "(no Unix sockets here)");
            return;
        }

        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        try
        {
            if (!relay.Abstract)
            {
                // A socket file left by a server that did not stop cleanly would refuse the bind.
                File.Delete(relay.SocketPath);
            }

            socket.Bind(relay.EndPoint);
        }
        catch (Exception e) when (e is SocketException or IOException or UnauthorizedAccessException)
        {
            LogUnusable(relay.SocketPath, e);
            return;
        }

        relay.Listening = true;
        LogListening(relay.Abstract ? "@" + relay.SocketPath[1..] : relay.SocketPath);
        database.Notifier.PublishEverything();
        byte[] buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram);
        try
        {
            while (true)
            {
                int length = await socket.ReceiveAsync(buffer, SocketFlags.None, stoppingToken).ConfigureAwait(false);
                string payload = Encoding.UTF8.GetString(buffer, 0, length);
                if (ChangeNotifications.TryDecode(payload, out string origin, out List<MailboxChange> changes) && origin != relay.Origin)
                {
                    database.Notifier.Publish(changes);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            relay.Listening = false;
            if (!relay.Abstract)
            {
                TryDelete(relay.SocketPath);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: the next server removes it before binding.
        }
    }

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Listening for changes committed by other Pushbox processes on {Path}")]
    private partial void LogListening(string path);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Cannot listen on {Path}: changes made by the command line will not wake held requests until the devices' next request")]
    private partial void LogUnusable(string path, Exception? exception = null);
}
