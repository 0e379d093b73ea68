using System.Buffers;
using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// Text from a <see cref="TextReader"/> as UTF-8, without U+0000 and the C0 controls other than tab,
/// line feed and carriage return (an inline string cannot hold the first; XML, which clients and
/// tools turn WBXML into, cannot hold the others). Lone surrogates become U+FFFD.
/// </summary>
internal sealed class TextUtf8Source : Utf8Source
{
    private const int CharBufferSize = 4096;

    /// <summary>The fewest characters asked of the reader at once, however little the caller wants.</summary>
    private const int MinimumFill = 256;

    private readonly TextReader _reader;
    private readonly Encoder _encoder = new UTF8Encoding(false, false).GetEncoder();
    private readonly char[] _chars = ArrayPool<char>.Shared.Rent(CharBufferSize);
    private int _start;
    private int _end;
    private bool _endOfText;
    private bool _flushed;

    public TextUtf8Source(TextReader reader)
    {
        _reader = reader;
    }

    /// <summary>Whether <paramref name="c"/> is kept in body text.</summary>
    public static bool IsKept(char c) => c >= ' ' || c is '\t' or '\n' or '\r';

    public override int Read(Span<byte> destination)
    {
        if (destination.Length < MinimumBuffer)
        {
            throw new ArgumentException("The buffer is too small.", nameof(destination));
        }

        int written = 0;
        while (written < destination.Length - 4)
        {
            if (_start == _end)
            {
                if (_endOfText)
                {
                    if (!_flushed)
                    {
                        _encoder.Convert([], destination[written..], flush: true, out _, out int tail, out _);
                        written += tail;
                        _flushed = true;
                    }

                    break;
                }

                // Ask for no more characters than the caller has bytes left (each is at least one): a
                // converting reader produces only what it is asked for, so a body cut at a limit is
                // converted little further than the limit.
                Fill(Math.Clamp(destination.Length - written, MinimumFill, CharBufferSize));
                continue;
            }

            // Three bytes per char at most (a surrogate pair is two chars and four bytes); the encoder
            // keeps a pending high surrogate to itself, so a chunk never ends inside a sequence.
            int room = (destination.Length - written) / 3;
            int take = Math.Min(room, _end - _start);
            if (take == 0)
            {
                break;
            }

            _encoder.Convert(_chars.AsSpan(_start, take), destination[written..], flush: false, out int used, out int bytes, out _);
            _start += used;
            written += bytes;
            if (used == 0)
            {
                break;
            }
        }

        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Fill(int count)
    {
        int read = _reader.Read(_chars, 0, count);
        if (read == 0)
        {
            _endOfText = true;
            _start = _end = 0;
            return;
        }

        int kept = 0;
        for (int i = 0; i < read; i++)
        {
            char c = _chars[i];
            if (IsKept(c))
            {
                _chars[kept++] = c;
            }
        }

        _start = 0;
        _end = kept;
    }
}
