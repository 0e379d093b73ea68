using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Items;
using Pushbox.Smtp;
using Pushbox.Storage;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// SMTP delivery throughput: the SMTP intake composed as <c>pushbox serve</c> composes it (a generic
/// host with <c>AddPushboxStorage</c> and <c>AddPushboxSmtp</c>, listening on 127.0.0.1 port 0) over
/// the real store and the real blob store in a temporary data folder; MailKit clients on parallel
/// connections send every message to one recipient, one message after another per connection.
/// <para>
/// The clients connect over sockets with TCP_NODELAY, as the server's own are. MailKit's default socket
/// leaves Nagle's algorithm on, and then the end of each message waits for the server's delayed ACK
/// (about 40 ms on Linux) before it is sent: that run measures the client's socket, not Pushbox, and
/// is kept only as a contrast (<see cref="SmtpVariant.ClientNagle"/>).
/// </para>
/// </summary>
internal static class SmtpLoad
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    /// <summary>One run on a fresh database and data folder, removed afterwards.</summary>
    /// <param name="provider">The database.</param>
    /// <param name="settings">Message count, size and connections.</param>
    /// <param name="postgres">Where PostgreSQL databases are created.</param>
    /// <param name="variant">The run that counts, or a diagnostic or contrast. Only <see cref="SmtpVariant.Standard"/> probes the cost of a durable write and, in the full run, counts PostgreSQL's WAL flushes (which adds about 22 s).</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Stops the run; the database and data folder are removed all the same.</param>
    public static async Task<SmtpRunResult> RunAsync(StorageProvider provider, BenchSettings settings, PostgresServer postgres, SmtpVariant variant, TextWriter log, CancellationToken cancellationToken)
    {
        await using StorageTarget target = await StorageTarget.CreateAsync(provider, postgres, cancellationToken);
        if (variant == SmtpVariant.NoCommitFlush)
        {
            await postgres.DisableCommitFlushAsync(target.Database ?? throw new ArgumentException("Only PostgreSQL commits can be made not to wait for the flush.", nameof(provider)), cancellationToken);
        }

        var clock = new StageClock();
        var options = new SmtpOptions { ServerName = "mx.bench.pushbox.test" };
        options.Endpoints.Clear();
        options.Endpoints.Add(new IPEndPoint(IPAddress.Loopback, 0));

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Warnings and errors only: a line per delivered message would measure the console.
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddPushboxStorage(target.Options);
        builder.Services.Decorate<IBlobStore>((_, inner) => new TimedBlobStore(inner, clock));
        builder.Services.Decorate<IMailboxStore>((_, inner) => new TimedMailboxStore(inner, clock));
        builder.Services.AddPushboxSmtp(options);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        SmtpRunResult result;
        using (IHost host = builder.Build())
        {
            await host.Services.GetRequiredService<PushboxDatabase>().MigrateAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            try
            {
                result = await SendAllAsync(host.Services, target, settings, clock, variant, log, cancellationToken);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }

        if (variant != SmtpVariant.Standard)
        {
            return result;
        }

        DurabilityProbe.Result probe = await DurabilityProbe.RunAsync(target, settings.Quick ? 50 : 200, settings.MessageBytes, cancellationToken);
        return result with { Probe = probe };
    }

    private static async Task<SmtpRunResult> SendAllAsync(IServiceProvider services, StorageTarget target, BenchSettings settings, StageClock clock, SmtpVariant variant, TextWriter log, CancellationToken cancellationToken)
    {
        bool clientNoDelay = variant != SmtpVariant.ClientNagle;
        IMailboxStore store = services.GetRequiredService<IMailboxStore>();
        Recipient recipient = await Recipient.CreateAsync(services.GetRequiredService<IDirectory>(), store, cancellationToken);
        var endPoint = (IPEndPoint)services.GetRequiredService<SmtpIntakeService>().SmtpEndPoints[0];

        int connections = settings.Connections;
        var factory = new MessageFactory(recipient.Address, settings.MessageBytes, seed: 20261201);
        IReadOnlyList<OutgoingMessage> warmup = factory.Create(settings.WarmupPerConnection * connections);
        IReadOnlyList<OutgoingMessage> timed = factory.Create(settings.Messages);
        log.WriteLine($"  {target.Provider} ({variant}): SMTP on {endPoint}, {timed.Count} messages of {timed.Average(m => m.Bytes):N0} B on average over {connections} connections (+{warmup.Count} warm-up)");

        var clients = new List<SmtpClient>(connections);
        try
        {
            for (int c = 0; c < connections; c++)
            {
                var client = new SmtpClient { LocalDomain = "client.bench.pushbox.test", Timeout = (int)ClientTimeout.TotalMilliseconds };
                clients.Add(client);
                if (clientNoDelay)
                {
                    // MailKit's own socket leaves Nagle on; see the class summary.
                    var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(endPoint, cancellationToken);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }

                    await client.ConnectAsync(socket, endPoint.Address.ToString(), endPoint.Port, SecureSocketOptions.None, cancellationToken);
                }
                else
                {
                    await client.ConnectAsync(endPoint.Address.ToString(), endPoint.Port, SecureSocketOptions.None, cancellationToken);
                }
            }

            // Warm-up: the same path, untimed, on every connection (JIT, pools, the first blob folders).
            await Task.WhenAll(clients.Select((client, c) => SendShareAsync(client, warmup, c, connections, new double[warmup.Count], cancellationToken)));
            clock.Clear();

            WalCounters? walBefore = variant == SmtpVariant.Standard && !settings.Quick && target.Server is { } server ? await server.ReadSettledWalCountersAsync(target.Database!, cancellationToken) : null;
            var latencies = new double[timed.Count];
            long started = Stopwatch.GetTimestamp();
            await Task.WhenAll(clients.Select((client, c) => SendShareAsync(client, timed, c, connections, latencies, cancellationToken)));
            TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
            WalCounters? wal = walBefore is null ? null : (await target.Server!.ReadSettledWalCountersAsync(target.Database!, cancellationToken)).Subtract(walBefore);

            foreach (SmtpClient client in clients)
            {
                await client.DisconnectAsync(quit: true, cancellationToken);
            }

            (long inboxItems, int delivered) = await CheckInboxAsync(store, recipient, timed, cancellationToken);
            return new SmtpRunResult(
                target.Provider,
                variant,
                timed.Count,
                connections,
                timed.Sum(m => (long)m.Bytes),
                timed.Min(m => m.Bytes),
                timed.Max(m => m.Bytes),
                elapsed,
                latencies,
                clock.Milliseconds(StageClock.Stage.BlobPut),
                clock.Milliseconds(StageClock.Stage.FolderLookup),
                clock.Milliseconds(StageClock.Stage.AddEmail),
                inboxItems,
                delivered,
                wal,
                Probe: null);
        }
        finally
        {
            foreach (SmtpClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Sends messages c, c + n, c + 2n, … of <paramref name="messages"/> one after another, recording each one's latency.</summary>
    private static async Task SendShareAsync(SmtpClient client, IReadOnlyList<OutgoingMessage> messages, int share, int shares, double[] latencies, CancellationToken cancellationToken)
    {
        for (int i = share; i < messages.Count; i += shares)
        {
            long started = Stopwatch.GetTimestamp();
            await client.SendAsync(messages[i].Message, cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    /// <summary>Reads the whole Inbox through the change log and counts the timed messages found by Message-ID.</summary>
    private static async Task<(long Items, int Delivered)> CheckInboxAsync(IMailboxStore store, Recipient recipient, IReadOnlyList<OutgoingMessage> timed, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        long items = 0;
        long since = 0;
        while (true)
        {
            ItemChanges page = await store.GetChangesAsync(recipient.UserId, recipient.InboxId, since, 500, cancellationToken);
            foreach (StoredItem item in page.Changed)
            {
                items++;
                string id = item.Email?.MessageId ?? string.Empty;
                seen[id] = seen.GetValueOrDefault(id) + 1;
            }

            since = page.UpToModSeq;
            if (!page.MoreAvailable)
            {
                break;
            }
        }

        // Exactly once each: a message acknowledged twice or stored twice is a failure too.
        return (items, timed.Count(m => seen.GetValueOrDefault(m.MessageId) == 1));
    }
}
