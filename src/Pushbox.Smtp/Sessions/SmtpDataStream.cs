using System.Buffers;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Sessions;

/// <summary>
/// The message of one DATA command as a read-only stream: first the trace headers, then the
/// dot-unstuffed body read from the connection as the reader asks for it, ending (0) at the
/// end-of-data line. Handed to the blob store, so the message goes from the socket to the disk
/// without ever being held whole. A network failure or timeout is remembered in <see cref="Failure"/>
/// (whatever the reader makes of the exception), so the session can tell a broken client from a
/// broken store.
/// </summary>
internal sealed class SmtpDataStream : Stream
{
    private readonly SessionConnection _connection;
    private readonly byte[] _prefix;
    private readonly OperationTimer _timer;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _abort;
    private DotUnstuffer _unstuffer;
    private int _prefixOffset;
    private long _bodyLength;

    /// <summary>Creates the stream; <paramref name="timer"/> bounds each wait for the network by <paramref name="timeout"/>.</summary>
    public SmtpDataStream(SessionConnection connection, byte[] prefix, OperationTimer timer, TimeSpan timeout, CancellationToken abort)
    {
        _connection = connection;
        _prefix = prefix;
        _timer = timer;
        _timeout = timeout;
        _abort = abort;
    }

    /// <summary>Whether the end-of-data line has been read.</summary>
    public bool IsComplete => _unstuffer.IsComplete;

    /// <summary>Set when reading the network failed: the client is gone or too slow, and the session must end.</summary>
    public SessionEndException? Failure { get; private set; }

    /// <summary>Bytes of message body produced so far (trace headers not counted).</summary>
    public long BodyLength => _bodyLength;

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_prefixOffset < _prefix.Length)
        {
            int count = Math.Min(buffer.Length, _prefix.Length - _prefixOffset);
            _prefix.AsSpan(_prefixOffset, count).CopyTo(buffer.Span);
            _prefixOffset += count;
            return count;
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        while (!_unstuffer.IsComplete)
        {
            if (_connection.HasBufferedInput)
            {
                int written = DecodeBuffered(buffer.Span);
                if (written > 0)
                {
                    return written;
                }

                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await FillAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Reads and discards the rest of the message up to the end-of-data line.</summary>
    public async Task DrainAsync()
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await ReadAsync(scratch, CancellationToken.None).ConfigureAwait(false) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Synchronous reads block on the asynchronous path; the blob store is expected to read asynchronously.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int DecodeBuffered(Span<byte> destination)
    {
        _unstuffer.Unstuff(_connection.Buffered, destination, out int consumed, out int written);
        _connection.Consume(consumed);
        _bodyLength += written;
        return written;
    }

    private async Task FillAsync()
    {
        bool more;
        try
        {
            more = await _connection.FillAsync(_timer.Start(_timeout)).ConfigureAwait(false);
            _timer.Stop();
        }
        catch (OperationCanceledException e)
        {
            Failure = new SessionEndException(_abort.IsCancellationRequested ? SessionEndReason.Aborted : SessionEndReason.Timeout, e);
            throw Failure;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Failure = new SessionEndException(SessionEndReason.ClientGone, e);
            throw Failure;
        }

        if (!more)
        {
            Failure = new SessionEndException(SessionEndReason.ClientGone);
            throw Failure;
        }
    }
}
