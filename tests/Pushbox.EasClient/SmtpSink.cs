using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Pushbox.Testing.Eas;

/// <summary>
/// A small SMTP server on loopback that plays a relay for tests: a real SMTP conversation over a socket (EHLO,
/// MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), keeping what it accepts. Recipients can be refused
/// with a chosen reply (e.g. 550) by <see cref="RefuseRecipient"/>. It can be stopped and started again on the
/// same port, to play a relay that is down for a while.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _refusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<SmtpSinkMessage> _arrivals = Channel.CreateUnbounded<SmtpSinkMessage>();
    private readonly ConcurrentQueue<SmtpSinkMessage> _messages = new();
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _accepting;

    private SmtpSink(int port)
    {
        Port = port;
    }

    /// <summary>The port it listens on (the same after a restart).</summary>
    public int Port { get; }

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<SmtpSinkMessage> Messages => [.. _messages];

    /// <summary>Starts a sink on <paramref name="port"/> (0: a free one).</summary>
    public static SmtpSink Start(int port = 0)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        int bound = ((IPEndPoint)listener.LocalEndpoint).Port;
        var sink = new SmtpSink(bound);
        sink.Run(listener);
        return sink;
    }

    /// <summary>How long the sink waits after the end of DATA before it answers 250: a slow relay (large message, slow link). Zero by default.</summary>
    public TimeSpan DataReplyDelay { get; set; }

    /// <summary>Answers RCPT TO of <paramref name="address"/> with <paramref name="reply"/> (a full reply line such as "550 5.1.1 No such user").</summary>
    public void RefuseRecipient(string address, string reply) => _refusals[address] = reply;

    /// <summary>Stops listening and drops open sessions: the relay is down.</summary>
    public async Task StopAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        try
        {
            await _accepting!.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _stop = null;
        _listener = null;
    }

    /// <summary>Listens again on the same port after <see cref="StopAsync"/>.</summary>
    public void Restart()
    {
        if (_stop is not null)
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Run(listener);
    }

    /// <summary>Waits for the next accepted message that <paramref name="match"/> accepts (earlier ones included), or fails after <paramref name="timeout"/>.</summary>
    public async Task<SmtpSinkMessage> WaitForAsync(Func<SmtpSinkMessage, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await _arrivals.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false);
                while (_arrivals.Reader.TryRead(out _))
                {
                }
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching message reached the SMTP sink within {timeout}; it has {_messages.Count}.");
            }
        }
    }

    /// <summary>Stops the sink.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Run(TcpListener listener)
    {
        _listener = listener;
        _stop = new CancellationTokenSource();
        CancellationToken token = _stop.Token;
        _accepting = Task.Run(async () =>
        {
            var sessions = new List<Task>();
            try
            {
                while (!token.IsCancellationRequested)
                {
                    TcpClient client = await listener.AcceptTcpClientAsync(token).ConfigureAwait(false);
                    // Replies go out at once, as a pipelining server's do (it flushes when the client's input is drained):
                    // Nagle's algorithm would hold each reply until the client's delayed ACK, some 40 ms per message.
                    client.NoDelay = true;
                    sessions.Add(Task.Run(() => SessionAsync(client, token), CancellationToken.None));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }

            try
            {
                await Task.WhenAll(sessions).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // Sessions cut off by the stop.
            }
        }, CancellationToken.None);
    }

    private async Task SessionAsync(TcpClient client, CancellationToken token)
    {
        using (client)
        using (token.Register(client.Dispose))
        {
            NetworkStream stream = client.GetStream();
            var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
            var writer = new StreamWriter(stream, Encoding.Latin1, 4096, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
            try
            {
                await writer.WriteLineAsync("220 sink.test ESMTP ready").ConfigureAwait(false);
                string? from = null;
                var recipients = new List<string>();
                while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } line)
                {
                    string verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteAsync("250-sink.test\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n").ConfigureAwait(false);
                            break;
                        case "HELO":
                            await writer.WriteLineAsync("250 sink.test").ConfigureAwait(false);
                            break;
                        case "MAIL":
                            from = PathOf(line);
                            recipients.Clear();
                            await writer.WriteLineAsync("250 2.1.0 OK").ConfigureAwait(false);
                            break;
                        case "RCPT":
                            string rcpt = PathOf(line);
                            if (_refusals.TryGetValue(rcpt, out string? refusal))
                            {
                                await writer.WriteLineAsync(refusal).ConfigureAwait(false);
                            }
                            else
                            {
                                recipients.Add(rcpt);
                                await writer.WriteLineAsync("250 2.1.5 OK").ConfigureAwait(false);
                            }

                            break;
                        case "DATA":
                            if (from is null || recipients.Count == 0)
                            {
                                await writer.WriteLineAsync("554 5.5.1 No valid recipients").ConfigureAwait(false);
                                break;
                            }

                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>").ConfigureAwait(false);
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(token).ConfigureAwait(false) is { } dataLine && dataLine != ".")
                            {
                                data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                            }

                            if (DataReplyDelay > TimeSpan.Zero)
                            {
                                await Task.Delay(DataReplyDelay, token).ConfigureAwait(false);
                            }

                            var message = new SmtpSinkMessage(from, [.. recipients], Encoding.Latin1.GetBytes(data.ToString()), DateTimeOffset.UtcNow);
                            _messages.Enqueue(message);
                            await writer.WriteLineAsync("250 2.0.0 Queued").ConfigureAwait(false);
                            _arrivals.Writer.TryWrite(message);
                            from = null;
                            recipients.Clear();
                            break;
                        case "RSET":
                            from = null;
                            recipients.Clear();
                            await writer.WriteLineAsync("250 2.0.0 OK").ConfigureAwait(false);
                            break;
                        case "NOOP":
                            await writer.WriteLineAsync("250 2.0.0 OK").ConfigureAwait(false);
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 2.0.0 Bye").ConfigureAwait(false);
                            return;
                        default:
                            await writer.WriteLineAsync("502 5.5.2 Command not implemented").ConfigureAwait(false);
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
            {
                // The client went away, or the sink stopped.
            }
        }
    }

    /// <summary>The address inside the angle brackets of MAIL FROM or RCPT TO (parameters after it ignored).</summary>
    private static string PathOf(string line)
    {
        int open = line.IndexOf('<', StringComparison.Ordinal);
        int close = open < 0 ? -1 : line.IndexOf('>', open);
        return open >= 0 && close > open ? line[(open + 1)..close] : string.Empty;
    }
}
