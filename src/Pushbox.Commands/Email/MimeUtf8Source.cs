using System.Buffers;
using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// The raw bytes of a MIME message as an inline string can carry them: zero bytes are dropped and
/// each byte that is not part of valid UTF-8 (8-bit text in a legacy charset) becomes '?', so the
/// result is never longer than the message. Mail is 7-bit in the overwhelming majority, and then the
/// bytes pass unchanged.
/// </summary>
internal sealed class MimeUtf8Source : Utf8Source
{
    private const int BufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _start;
    private int _end;
    private bool _endOfStream;

    /// <summary>Reads <paramref name="stream"/> from its current position; the caller keeps ownership of it.</summary>
    public MimeUtf8Source(Stream stream)
    {
        _stream = stream;
    }

    public override int Read(Span<byte> destination)
    {
        if (destination.Length < MinimumBuffer)
        {
            throw new ArgumentException("The buffer is too small.", nameof(destination));
        }

        int written = 0;
        while (written < destination.Length)
        {
            if (_end - _start < 4 && !_endOfStream)
            {
                Refill();
            }

            if (_start == _end)
            {
                break;
            }

            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            byte b = pending[0];
            if (b is > 0 and < 0x80)
            {
                // Plain ASCII runs are copied as they are.
                int run = pending.IndexOfAnyExceptInRange((byte)1, (byte)0x7F);
                if (run < 0)
                {
                    run = pending.Length;
                }

                run = Math.Min(run, destination.Length - written);
                pending[..run].CopyTo(destination[written..]);
                written += run;
                _start += run;
                continue;
            }

            if (b == 0)
            {
                _start++;
                continue;
            }

            OperationStatus status = Rune.DecodeFromUtf8(pending, out _, out int consumed);
            if (status == OperationStatus.NeedMoreData && !_endOfStream)
            {
                // Only reachable when the refill above could not top the buffer up; read again.
                Refill();
                continue;
            }

            if (status == OperationStatus.Done)
            {
                if (consumed > destination.Length - written)
                {
                    break;
                }

                pending[..consumed].CopyTo(destination[written..]);
                written += consumed;
                _start += consumed;
            }
            else
            {
                // One '?' for each byte of the invalid (or, at the end, incomplete) sequence.
                int bad = Math.Min(Math.Max(1, consumed), destination.Length - written);
                destination.Slice(written, bad).Fill((byte)'?');
                written += bad;
                _start += bad;
            }
        }

        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        base.Dispose(disposing);
    }

    private void Refill()
    {
        int remaining = _end - _start;
        _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
        _start = 0;
        _end = remaining;
        while (_end < BufferSize)
        {
            int read = _stream.Read(_buffer, _end, BufferSize - _end);
            if (read == 0)
            {
                _endOfStream = true;
                break;
            }

            _end += read;
            if (_end - _start >= 4)
            {
                break;
            }
        }
    }
}
