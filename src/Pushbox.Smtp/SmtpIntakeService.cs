using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Quotas;
using Pushbox.Smtp.Protocol;
using Pushbox.Smtp.Sessions;

namespace Pushbox.Smtp;

/// <summary>
/// The SMTP and LMTP listeners. <see cref="StartAsync"/> binds every configured endpoint (so a port in
/// use fails the host's start); each accepted connection becomes one asynchronous session task (no
/// thread per connection), up to <see cref="SmtpLimits.MaxConcurrentSessions"/>. Stopping closes the
/// listeners at once, closes sessions waiting for a command with <c>421 4.3.2</c>, lets sessions in
/// the middle of a message finish for up to <see cref="SmtpOptions.ShutdownTimeout"/>, then cuts off
/// the rest without acknowledging anything.
/// </summary>
public sealed class SmtpIntakeService : BackgroundService
{
    private const int Backlog = 512;
    private static readonly TimeSpan RefusalTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly SmtpOptions _options;
    private readonly MailDelivery _delivery;
    private readonly IBlobStore _blobs;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpIntakeService> _logger;
    private readonly List<Listener> _listeners = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _instance = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly MailboxQuotas _quotas;
    private SessionServices? _services;
    private long _sessionCounter;
    private int _activeSessions;
    private volatile bool _stopping;

    /// <summary>Creates the service; nothing is bound until <see cref="StartAsync"/>.</summary>
    /// <param name="options">Endpoints and limits.</param>
    /// <param name="delivery">Resolves recipients and delivers.</param>
    /// <param name="blobs">Where message content goes.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="quotas">The mailbox limits: a recipient past ProhibitSendReceive is refused at RCPT.</param>
    public SmtpIntakeService(SmtpOptions options, MailDelivery delivery, IBlobStore blobs, TimeProvider time, ILogger<SmtpIntakeService> logger, MailboxQuotas quotas)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(quotas);
        _options = options;
        _delivery = delivery;
        _blobs = blobs;
        _time = time;
        _logger = logger;
        _quotas = quotas;
    }

    /// <summary>The SMTP endpoints actually bound (with the port chosen for a configured port 0), once started.</summary>
    public IReadOnlyList<EndPoint> SmtpEndPoints => BoundEndPoints(ListenerProtocol.Smtp);

    /// <summary>The LMTP endpoints actually bound, once started.</summary>
    public IReadOnlyList<EndPoint> LmtpEndPoints => BoundEndPoints(ListenerProtocol.Lmtp);

    /// <summary>Sessions open right now.</summary>
    public int ActiveSessions => Volatile.Read(ref _activeSessions);

    /// <summary>Validates the options and binds every endpoint, then starts accepting.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="SocketException">An endpoint could not be bound (for example, the port is in use).</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _options.Validate();
        SslStreamCertificateContext? certificate = _options.Certificate is { } configured
            ? SslStreamCertificateContext.Create(configured, additionalCertificates: null, offline: true)
            : null;
        _services = new SessionServices(_options, _delivery, _blobs, _time, _logger, certificate, _quotas);
        try
        {
            foreach (EndPoint endPoint in _options.Endpoints)
            {
                _listeners.Add(await BindAsync(endPoint, ListenerProtocol.Smtp, cancellationToken).ConfigureAwait(false));
            }

            foreach (EndPoint endPoint in _options.LmtpEndpoints)
            {
                _listeners.Add(await BindAsync(endPoint, ListenerProtocol.Lmtp, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            CloseListeners();
            throw;
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting, then drains sessions as the class summary says.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        CloseListeners();
        _stopping = true;
        int open = ActiveSessions;
        if (open == 0)
        {
            _drained.TrySetResult();
        }

        _logger.Stopping(_options.ShutdownTimeout, open);
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _drained.Task.WaitAsync(_options.ShutdownTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            _logger.SessionsAborted(ActiveSessions);
            await _abort.CancelAsync().ConfigureAwait(false);
            try
            {
                // Cut-off sessions unwind at once; waiting briefly keeps their sockets from outliving the host.
                await _drained.Task.WaitAsync(RefusalTimeout, _time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A store call ignoring its token; the process is going away regardless.
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        CloseListeners();
        _shutdown.Dispose();
        _abort.Dispose();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_listeners.Select(listener => AcceptLoopAsync(listener, stoppingToken)));

    private async Task AcceptLoopAsync(Listener listener, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.Socket.AcceptAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of file descriptors and the like: wait a moment rather than spin on the error.
                _logger.AcceptFailed(listener.Name, e);
                try
                {
                    await Task.Delay(AcceptRetryDelay, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            Admit(client, listener.Protocol);
        }
    }

    private void Admit(Socket client, ListenerProtocol protocol)
    {
        string remote = DescribeRemote(client);
        if (Interlocked.Increment(ref _activeSessions) > _options.Limits.MaxConcurrentSessions)
        {
            _logger.TooManySessions(remote, _options.Limits.MaxConcurrentSessions);
            _ = Task.Run(() => RefuseAsync(client, _abort.Token));
            return;
        }

        long number = Interlocked.Increment(ref _sessionCounter);
        string id = string.Create(CultureInfo.InvariantCulture, $"{_instance}{number:x6}");
        _ = Task.Run(() => RunSessionAsync(client, protocol, id, remote, _abort.Token));
    }

    private async Task RunSessionAsync(Socket client, ListenerProtocol protocol, string id, string remote, CancellationToken cancellationToken)
    {
        try
        {
            if (client.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            {
                client.NoDelay = true;
            }

            var connection = new SessionConnection(new NetworkStream(client, ownsSocket: true), _options.Limits.MaxCommandLineLength);
            await using (connection.ConfigureAwait(false))
            {
                using var session = new SmtpSession(_services!, connection, protocol, id, remote, _shutdown.Token);
                await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A failing session must not take the listener down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _logger.SessionFailed(id, e);
            client.Dispose();
        }
        finally
        {
            SessionEnded();
        }
    }

    private async Task RefuseAsync(Socket client, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RefusalTimeout);
            byte[] reply = Encoding.ASCII.GetBytes($"421 4.3.2 {_options.ServerName} Too many connections; try again later\r\n");
            await client.SendAsync(reply, SocketFlags.None, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Refusing is best effort.
        }
        finally
        {
            client.Dispose();
            SessionEnded();
        }
    }

    private void SessionEnded()
    {
        if (Interlocked.Decrement(ref _activeSessions) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }

    private async Task<Listener> BindAsync(EndPoint endPoint, ListenerProtocol protocol, CancellationToken cancellationToken)
    {
        Socket socket;
        string? socketPath = null;
        if (endPoint is UnixDomainSocketEndPoint)
        {
            socketPath = endPoint.ToString() ?? throw new ArgumentException("A Unix socket endpoint without a path.", nameof(endPoint));
            await RemoveStaleSocketAsync(socketPath, cancellationToken).ConfigureAwait(false);
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        }
        else
        {
            var ip = (IPEndPoint)endPoint;
            socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (ip.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
        }

        try
        {
            socket.Bind(endPoint);
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var listener = new Listener(socket, protocol, socket.LocalEndPoint ?? endPoint, socketPath);
        _logger.Listening(protocol == ListenerProtocol.Lmtp ? "LMTP" : "SMTP", listener.Name);
        return listener;
    }

    /// <summary>
    /// Removes a socket file left by a previous run that did not stop cleanly: only an empty file that
    /// refuses connections (a live listener keeps it; bind then fails with "address in use").
    /// </summary>
    private async Task RemoveStaleSocketAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != 0)
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            File.Delete(path);
            _logger.StaleSocketRemoved(path);
        }
    }

    private void CloseListeners()
    {
        lock (_listeners)
        {
            foreach (Listener listener in _listeners)
            {
                listener.Socket.Dispose();
                if (listener.SocketPath is { } path)
                {
                    try
                    {
                        File.Delete(path);
                    }
                    catch (IOException)
                    {
                        // Removed by someone else, or a directory we cannot write: the next start clears it.
                    }
                    catch (UnauthorizedAccessException)
                    {
                        // As above.
                    }
                }
            }

            _listeners.Clear();
        }
    }

    private EndPoint[] BoundEndPoints(ListenerProtocol protocol)
    {
        lock (_listeners)
        {
            return _listeners.Where(l => l.Protocol == protocol).Select(l => l.BoundEndPoint).ToArray();
        }
    }

    /// <summary>The client as RFC 5321 TCP-info: <c>[192.0.2.1]</c> or <c>[IPv6:2001:db8::1]</c>; a Unix socket client as a comment.</summary>
    private static string DescribeRemote(Socket client)
    {
        EndPoint? remote;
        try
        {
            remote = client.RemoteEndPoint;
        }
        catch (SocketException)
        {
            remote = null;
        }

        if (remote is not IPEndPoint ip)
        {
            return "unix socket";
        }

        IPAddress address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[IPv6:{new IPAddress(address.GetAddressBytes())}]"
            : $"[{address}]";
    }

    private sealed record Listener(Socket Socket, ListenerProtocol Protocol, EndPoint BoundEndPoint, string? SocketPath)
    {
        public string Name => BoundEndPoint.ToString() ?? SocketPath ?? "?";
    }
}
