using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pushbox.Smtp.Tests.Support;

/// <summary>
/// A bare SMTP/LMTP client over a real socket (TCP or Unix) for what MailKit cannot be made to send:
/// exact bytes, pipelined batches, malformed commands, LMTP (MailKit has no LMTP client).
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawClient(Socket socket)
    {
        _socket = socket;
    }

    public static async Task<RawClient> ConnectAsync(EndPoint endPoint)
    {
        Socket socket = endPoint is UnixDomainSocketEndPoint
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        return new RawClient(socket);
    }

    /// <summary>Connects and reads the 220 greeting.</summary>
    public static async Task<RawClient> GreetedAsync(EndPoint endPoint)
    {
        RawClient client = await ConnectAsync(endPoint);
        Assert.StartsWith("220 ", await client.ReadLineAsync());
        return client;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None);
            bytes = bytes[sent..];
        }
    }

    /// <summary>One line without its CRLF, or null at end of stream.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        while (true)
        {
            int lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                string line = Encoding.UTF8.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                _start = lf + 1;
                return line;
            }

            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            int read;
            try
            {
                read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    /// <summary>One whole reply (every line of a multi-line one); the last line decides.</summary>
    public async Task<IReadOnlyList<string>> ReadReplyAsync()
    {
        var lines = new List<string>();
        while (true)
        {
            string? line = await ReadLineAsync();
            Assert.NotNull(line);
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return lines;
            }
        }
    }

    /// <summary>Reads one reply and checks that its last line starts with <paramref name="expected"/> (e.g. "250 2.1.5").</summary>
    public async Task<string> ExpectAsync(string expected)
    {
        IReadOnlyList<string> reply = await ReadReplyAsync();
        Assert.StartsWith(expected, reply[^1], StringComparison.Ordinal);
        return reply[^1];
    }

    /// <summary>Sends a command and checks its reply.</summary>
    public async Task<string> CommandAsync(string command, string expected)
    {
        await SendAsync(command + "\r\n");
        return await ExpectAsync(expected);
    }

    /// <summary>Whether the server has closed the connection (after reading anything still pending).</summary>
    public async Task<bool> IsClosedAsync() => await ReadLineAsync() is null;

    /// <summary>
    /// The DATA bytes for <paramref name="message"/> as a sender must send them (RFC 5321 §4.5.2): a '.'
    /// doubled at the start of every line, then ".CRLF". The message must end with CRLF.
    /// </summary>
    public static byte[] DotStuff(ReadOnlySpan<byte> message)
    {
        var output = new List<byte>(message.Length + 64);
        bool lineStart = true;
        for (int i = 0; i < message.Length; i++)
        {
            if (lineStart && message[i] == (byte)'.')
            {
                output.Add((byte)'.');
            }

            output.Add(message[i]);
            lineStart = message[i] == (byte)'\n' && i > 0 && message[i - 1] == (byte)'\r';
        }

        output.AddRange(".\r\n"u8.ToArray());
        return output.ToArray();
    }

    /// <summary>Reads bytes as they come (buffered ones first), for a TLS layer on top.</summary>
    public async ValueTask<int> ReadRawAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_start < _end)
        {
            int count = Math.Min(destination.Length, _end - _start);
            _buffer.AsMemory(_start, count).CopyTo(destination);
            _start += count;
            return count;
        }

        return await _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
