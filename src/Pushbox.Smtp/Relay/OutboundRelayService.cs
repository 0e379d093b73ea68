using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Outbound;

namespace Pushbox.Smtp.Relay;

/// <summary>
/// Sends the outbound queue to the relay (<see cref="RelayOptions"/>), in <c>serve</c>. <see cref="RelayOptions.MaxConcurrency"/>
/// workers each claim up to <see cref="RelayOptions.BatchSize"/> due messages under a lease (so that several servers on one
/// database send each message once), renew that lease while they are still sending (a slow relay conversation never lets
/// another server take a message being sent; a message whose lease was lost anyway is abandoned at once), and send them
/// one after another over one kept-open, authenticated relay connection, each to all its remaining recipients at once.
/// Then per recipient: accepted ones are done (the messages sent in full leave the queue together in one transaction),
/// 4xx answers and connection failures wait for the next attempt (doubling pauses), 5xx answers — and everything still
/// undelivered when the message has been queued longer than <see cref="RelayOptions.MaxQueueLifetime"/> — become a
/// delivery-status notification to the envelope sender, submitted in the same transaction that removes the message. A
/// message leaves the queue only after that: a relay that is down delays mail, never loses it. The workers wake at once
/// for mail queued in this process (<see cref="OutboundQueueSignal"/>) and otherwise when the next message falls due,
/// looking at least every <see cref="RelayOptions.PollInterval"/>.
/// </summary>
public sealed partial class OutboundRelayService(
    IOutboundQueueStore queue,
    IBlobStore blobs,
    IMailSubmitter submitter,
    IStoreTransactions transactions,
    OutboundQueueSignal signal,
    RelayOptions options,
    TimeProvider time,
    ILogger<OutboundRelayService> logger) : BackgroundService
{
    private static readonly TimeSpan StoreFailurePause = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(50);

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentBag<RelaySmtpClient> _idle = [];

    /// <summary>The name this server claims queued messages under (host, process and a random part).</summary>
    public string Owner => _owner;

    private IOutboundQueueStore Queue => queue;

    private TimeProvider Time => time;

    private TimeSpan Lease => options.Lease;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsConfigured)
        {
            LogNoRelay();
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.MaxConcurrency).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None))).ConfigureAwait(false);
        }
        finally
        {
            DisconnectIdle();
        }
    }

    /// <summary>One worker: claim a batch, send it, look again; sleep when nothing is due.</summary>
    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    IReadOnlyList<QueuedMessage> claimed = await queue.ClaimAsync(_owner, options.BatchSize, time.GetUtcNow(), options.Lease, stoppingToken).ConfigureAwait(false);
                    if (claimed.Count > 0)
                    {
                        if (claimed.Count == options.BatchSize)
                        {
                            // There may be more: wake another worker rather than leave it asleep until the next look.
                            signal.Pulse();
                        }

                        await SendBatchAsync(claimed, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    DisconnectIdle();
                    DateTimeOffset? next = await queue.GetNextDueAsync(stoppingToken).ConfigureAwait(false);
                    TimeSpan wait = options.PollInterval;
                    if (next is { } due)
                    {
                        TimeSpan until = due - time.GetUtcNow();
                        wait = until < MinimumWait ? MinimumWait : until < wait ? until : wait;
                    }

                    await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OperationCanceledException)
                {
                    // The store is unreachable (or something unforeseen): nothing was lost, the leases lapse; look again soon.
                    LogQueueFailure(e);
                    await Task.Delay(StoreFailurePause, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a message being sent keeps its lease and is sent again after it lapses.
        }
    }

    /// <summary>
    /// Sends a claimed batch one message after another, renewing the batch's lease meanwhile; the messages sent in full are
    /// completed together at the end, the others were rescheduled or bounced as they came.
    /// </summary>
    internal async Task SendBatchAsync(IReadOnlyList<QueuedMessage> batch, CancellationToken cancellationToken)
    {
        using var lease = new LeaseKeeper(this, batch, cancellationToken);
        Task renewing = lease.RunAsync();
        var sent = new List<long>(batch.Count);
        int notStarted = 0;
        try
        {
            while (notStarted < batch.Count && !cancellationToken.IsCancellationRequested)
            {
                QueuedMessage message = batch[notStarted++];
                CancellationToken held = lease.Begin(message.Id);
                if (held.IsCancellationRequested)
                {
                    continue;
                }

                try
                {
                    if (await ProcessAsync(message, held).ConfigureAwait(false))
                    {
                        sent.Add(message.Id);
                    }
                    else
                    {
                        lease.Done(message.Id);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && held.IsCancellationRequested)
                {
                    // The lease was lost mid-conversation (logged by the keeper): another server sends it now.
                }
            }
        }
        finally
        {
            await lease.StopAsync(renewing).ConfigureAwait(false);

            // What the relay accepted leaves the queue even when the batch was cut short (stopping, a store failure):
            // left in, it would be sent again after the lease. Not cancellable for that reason.
            try
            {
                if (sent.Count > 0)
                {
                    IReadOnlyList<long> removed = await queue.CompleteAsync(sent, _owner, CancellationToken.None).ConfigureAwait(false);
                    foreach (long id in sent.Except(removed))
                    {
                        LogLeaseLost(id);
                    }
                }

                // Claimed but never started (stopping): given back now rather than after the lease.
                foreach (QueuedMessage unstarted in batch.Skip(notStarted))
                {
                    await queue.RescheduleAsync(unstarted.Id, _owner, unstarted.Recipients, unstarted.NextAttemptAt, unstarted.LastError, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (StoreUnavailableException e)
            {
                // The leases lapse and the messages are tried again; one sent but not removed may be sent twice.
                LogQueueFailure(e);
            }
        }
    }

    /// <summary>One attempt at one claimed message; true when it was sent to every recipient (to be completed with its batch).</summary>
    internal async Task<bool> ProcessAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        Stream? content = await blobs.OpenReadAsync(message.BlobHash, cancellationToken).ConfigureAwait(false);
        if (content is null)
        {
            // Cannot happen while the queue references the blob; if it does, say so to the sender rather than loop forever.
            LogContentMissing(message.Id, message.BlobHash);
            return await FinishAsync(message, null, [.. message.Recipients.Select(r => new RelayOutcome(r, RelayOutcomeKind.Permanent, "554 5.3.0 The message content was lost before it could be sent", "5.3.0"))], cancellationToken).ConfigureAwait(false);
        }

        await using (content.ConfigureAwait(false))
        {
            MimeMessage mime;
            try
            {
                mime = await MimeMessage.LoadAsync(content, persistent: content.CanSeek, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                LogUnparsable(message.Id);
                return await FinishAsync(message, null, [.. message.Recipients.Select(r => new RelayOutcome(r, RelayOutcomeKind.Permanent, "554 5.6.0 The message is not valid MIME", "5.6.0"))], cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<RelayOutcome> outcomes = options.IsConfigured
                ? await SendAsync(message, mime, cancellationToken).ConfigureAwait(false)
                : [.. message.Recipients.Select(r => new RelayOutcome(r, RelayOutcomeKind.Transient, "No relay is configured (Relay:Host)", "4.3.5"))];
            return await FinishAsync(message, mime.Headers, outcomes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Bounces and reschedules what the outcomes say; true when the message is done and only needs removing (left to the batch).</summary>
    private async Task<bool> FinishAsync(QueuedMessage message, HeaderList? headers, IReadOnlyList<RelayOutcome> outcomes, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        bool expired = now - message.CreatedAt >= options.MaxQueueLifetime;
        var failed = outcomes.Where(o => o.Kind == RelayOutcomeKind.Permanent).ToList();
        var later = outcomes.Where(o => o.Kind == RelayOutcomeKind.Transient).ToList();
        int accepted = outcomes.Count(o => o.Kind == RelayOutcomeKind.Accepted);
        if (expired && later.Count > 0)
        {
            failed.AddRange(later.Select(o => o with { StatusCode = "4.4.7", Reply = $"Gave up after {message.Attempts} attempt(s) over {options.MaxQueueLifetime}; last answer: {o.Reply}" }));
            later.Clear();
        }

        if (accepted > 0)
        {
            LogRelayed(message.Id, accepted, message.Attempts);
        }

        if (failed.Count == 0 && later.Count == 0)
        {
            return true;
        }

        // The notification and the change to the queue entry commit together: a crash between them can neither lose
        // the notification nor send it twice.
        bool held = await transactions.RunAsync(
            async ct =>
            {
                if (later.Count > 0)
                {
                    DateTimeOffset next = now + options.RetryDelay(message.Attempts);
                    string error = later[0].Reply;
                    if (!await queue.RescheduleAsync(message.Id, _owner, [.. later.Select(o => o.Recipient)], next, error, ct).ConfigureAwait(false))
                    {
                        return false;
                    }

                    transactions.AfterCommit(() => LogDeferred(message.Id, later.Count, next, error));
                }
                else if (!await queue.CompleteAsync(message.Id, _owner, ct).ConfigureAwait(false))
                {
                    return false;
                }

                if (failed.Count > 0)
                {
                    await BounceAsync(message, headers ?? [], failed, expired, ct).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!held)
        {
            LogLeaseLost(message.Id);
        }

        return false;
    }

    /// <summary>
    /// Keeps the lease of a batch being sent: renews it every third of <see cref="RelayOptions.Lease"/>, and when another
    /// sender has taken a message (this server's lease lapsed all the same, e.g. the database was unreachable for long)
    /// drops it from the batch and cancels its conversation if it is the one in progress.
    /// </summary>
    private sealed class LeaseKeeper(OutboundRelayService relay, IReadOnlyList<QueuedMessage> batch, CancellationToken stopping) : IDisposable
    {
        private readonly Lock _lock = new();
        private readonly HashSet<long> _held = [.. batch.Select(m => m.Id)];
        private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private long _current;
        private CancellationTokenSource? _currentSend;

        /// <summary>Starts the message <paramref name="id"/>: a token cancelled when its lease is lost (already cancelled if it was).</summary>
        public CancellationToken Begin(long id)
        {
            lock (_lock)
            {
                _currentSend?.Dispose();
                _currentSend = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                _current = id;
                if (!_held.Contains(id))
                {
                    _currentSend.Cancel();
                }

                return _currentSend.Token;
            }
        }

        /// <summary>The message <paramref name="id"/> was rescheduled or bounced: its lease is no longer this server's to keep.</summary>
        public void Done(long id)
        {
            lock (_lock)
            {
                _held.Remove(id);
            }
        }

        public async Task RunAsync()
        {
            TimeSpan period = relay.Lease / 3;
            try
            {
                while (true)
                {
                    await Task.Delay(period, relay.Time, _stop.Token).ConfigureAwait(false);
                    long[] ids;
                    lock (_lock)
                    {
                        ids = [.. _held];
                    }

                    if (ids.Length == 0)
                    {
                        continue;
                    }

                    try
                    {
                        IReadOnlyList<long> kept = await relay.Queue.RenewAsync(ids, relay._owner, relay.Time.GetUtcNow() + relay.Lease, _stop.Token).ConfigureAwait(false);
                        foreach (long lost in ids.Except(kept))
                        {
                            Lose(lost);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The store is unreachable: try again at the next tick, well before the lease lapses.
                        relay.LogRenewFailed(ids.Length, e);
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The batch is done, or the server is stopping.
            }
        }

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(false);
        }

        public void Dispose()
        {
            _stop.Dispose();
            _currentSend?.Dispose();
        }

        private void Lose(long id)
        {
            CancellationTokenSource? cancel = null;
            lock (_lock)
            {
                if (_held.Remove(id) && id == _current)
                {
                    cancel = _currentSend;
                }
            }

            relay.LogLeaseLost(id);
            cancel?.Cancel();
        }
    }

    private async Task BounceAsync(QueuedMessage message, HeaderList headers, List<RelayOutcome> failed, bool expired, CancellationToken cancellationToken)
    {
        foreach (RelayOutcome failure in failed)
        {
            LogFailed(message.Id, failure.Recipient, failure.Reply);
        }

        if (message.ReversePath.Length == 0)
        {
            // Mail from the null reverse-path (a bounce, an automatic reply) is never bounced (RFC 5321 §4.5.5).
            LogBounceSuppressed(message.Id);
            return;
        }

        DateTimeOffset now = time.GetUtcNow();
        MimeMessage notification = DeliveryStatusNotification.Build(options.LocalDomain, message.ReversePath, headers, failed, message.CreatedAt, now, expired);
        using var buffer = new MemoryStream();
        await notification.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        BlobRef content = await blobs.PutAsync(buffer, buffer.Length, cancellationToken).ConfigureAwait(false);
        await submitter.SubmitAsync(new MailSubmission(content, MailSubmission.NullReversePath, [message.ReversePath]), cancellationToken).ConfigureAwait(false);
        LogBounced(message.Id, message.ReversePath, failed.Count);
    }

    private async Task<IReadOnlyList<RelayOutcome>> SendAsync(QueuedMessage message, MimeMessage mime, CancellationToken cancellationToken)
    {
        RelaySmtpClient? client = null;
        try
        {
            client = await RentAsync(cancellationToken).ConfigureAwait(false);
            client.ResetRefusals();
            MailboxAddress sender = message.ReversePath.Length == 0 ? new MailboxAddress(string.Empty, string.Empty) : new MailboxAddress(string.Empty, message.ReversePath);
            await client.SendAsync(mime, sender, message.Recipients.Select(r => new MailboxAddress(string.Empty, r)), cancellationToken).ConfigureAwait(false);
            IReadOnlyList<RelayOutcome> outcomes = WithRefusals(message, client, null);
            _idle.Add(client);
            client = null;
            return outcomes;
        }
        catch (SmtpCommandException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The relay answered, but not with 250: a refused sender or message, or every recipient refused.
            var reply = new RelayOutcome(string.Empty, (int)e.StatusCode >= 500 ? RelayOutcomeKind.Permanent : RelayOutcomeKind.Transient, $"{(int)e.StatusCode} {e.Message}", StatusCodeOf((int)e.StatusCode, e.Message));
            IReadOnlyList<RelayOutcome> outcomes = WithRefusals(message, client!, reply);
            if (client is { IsConnected: true })
            {
                _idle.Add(client);
                client = null;
            }

            return outcomes;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsConnectionFailure(e))
        {
            LogRelayUnreachable(options.Host!, options.Port, e.GetType().Name, e.Message);
            return [.. message.Recipients.Select(r => new RelayOutcome(r, RelayOutcomeKind.Transient, $"The relay {options.Host}:{options.Port} could not be reached: {e.Message}", "4.4.1"))];
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>Per recipient: refused at RCPT with its own answer, else <paramref name="whole"/> (a failure of the whole message) or accepted.</summary>
    private static List<RelayOutcome> WithRefusals(QueuedMessage message, RelaySmtpClient client, RelayOutcome? whole)
    {
        var outcomes = new List<RelayOutcome>(message.Recipients.Count);
        foreach (string recipient in message.Recipients)
        {
            (string Address, SmtpResponse Response)? refusal = client.Refused.Select(r => ((string, SmtpResponse)?)r).FirstOrDefault(r => string.Equals(r!.Value.Item1, recipient, StringComparison.OrdinalIgnoreCase));
            if (refusal is { } r)
            {
                int code = (int)r.Response.StatusCode;
                outcomes.Add(new RelayOutcome(recipient, code >= 500 ? RelayOutcomeKind.Permanent : RelayOutcomeKind.Transient, $"{code} {r.Response.Response}", StatusCodeOf(code, r.Response.Response)));
            }
            else
            {
                outcomes.Add(whole is null ? new RelayOutcome(recipient, RelayOutcomeKind.Accepted, string.Empty, "2.0.0") : whole with { Recipient = recipient });
            }
        }

        return outcomes;
    }

    private async Task<RelaySmtpClient> RentAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out RelaySmtpClient? pooled))
        {
            if (pooled.IsConnected)
            {
                return pooled;
            }

            pooled.Dispose();
        }

        var client = new RelaySmtpClient
        {
            Timeout = (int)Math.Min(options.Timeout.TotalMilliseconds, int.MaxValue),
            LocalDomain = options.LocalDomain,
        };
        // Only a relay explicitly trusted by configuration may present a certificate that does not validate.
        client.ServerCertificateValidationCallback = (_, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || options.AllowUntrustedCertificate;

        try
        {
            SecureSocketOptions security = options.Security switch
            {
                RelaySecurity.StartTls => SecureSocketOptions.StartTls,
                RelaySecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
                RelaySecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(options.Host!, options.Port, security, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private void DisconnectIdle()
    {
        while (_idle.TryTake(out RelaySmtpClient? client))
        {
            try
            {
                if (client.IsConnected)
                {
                    client.Disconnect(quit: true);
                }
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                // Closing anyway.
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is IOException or SocketException or SmtpProtocolException or SslHandshakeException or System.Security.Authentication.AuthenticationException or MailKit.Security.AuthenticationException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or NotSupportedException or TimeoutException or OperationCanceledException
            or SmtpCommandException;

    /// <summary>The enhanced status code (RFC 3463) at the start of a reply's text, else one derived from the reply code.</summary>
    private static string StatusCodeOf(int code, string text)
    {
        string trimmed = text.TrimStart();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        string first = space < 0 ? trimmed : trimmed[..space];
        string[] parts = first.Split('.');
        if (parts.Length == 3 && parts[0] is "2" or "4" or "5" && parts.Skip(1).All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)))
        {
            return first;
        }

        return code >= 500 ? "5.0.0" : "4.0.0";
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "No relay is configured (Relay:Host): mail for remote recipients stays queued and is returned to its senders when it expires")]
    private partial void LogNoRelay();

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Queued message {QueueId}: relayed to {Recipients} recipient(s) (attempt {Attempt})")]
    private partial void LogRelayed(long queueId, int recipients, int attempt);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Queued message {QueueId}: {Recipients} recipient(s) deferred until {Next:O}: {Reason}")]
    private partial void LogDeferred(long queueId, int recipients, DateTimeOffset next, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Queued message {QueueId}: delivery to <{Recipient}> failed: {Reason}")]
    private partial void LogFailed(long queueId, string recipient, string reason);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Queued message {QueueId}: returned {Recipients} failed recipient(s) to <{Sender}>")]
    private partial void LogBounced(long queueId, string sender, int recipients);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Queued message {QueueId}: failed, but it has the null reverse-path; no notification")]
    private partial void LogBounceSuppressed(long queueId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "The relay {Host}:{Port} could not be reached ({Error}: {Message}); mail waits")]
    private partial void LogRelayUnreachable(string host, int port, string error, string message);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning, Message = "Queued message {QueueId}: another server took it over (this server's lease lapsed); left to that server")]
    private partial void LogLeaseLost(long queueId);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Error, Message = "Queued message {QueueId}: its content {BlobHash} is missing from the blob store")]
    private partial void LogContentMissing(long queueId, string blobHash);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Warning, Message = "Queued message {QueueId}: its content is not a MIME message")]
    private partial void LogUnparsable(long queueId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "The outbound queue could not be read; trying again shortly")]
    private partial void LogQueueFailure(Exception exception);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "The leases of {Count} queued message(s) could not be renewed; trying again")]
    private partial void LogRenewFailed(int count, Exception exception);
}
