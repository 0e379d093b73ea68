namespace Pushbox.Smtp.Protocol;

/// <summary>
/// Turns the DATA byte stream into the message (RFC 5321 §4.5.2): removes the leading '.' a sender
/// added to lines starting with '.', and finds the end of data, a line holding only '.'. A line ends
/// at CRLF only: a bare LF or CR is message content and neither starts a line nor ends the data, so
/// "\n.\n" cannot smuggle a second message past a gateway that reads the stream differently. Every
/// other byte (8-bit, NUL, lone CR/LF) is passed through unchanged. Pure and resumable across
/// arbitrary chunk boundaries.
/// </summary>
internal struct DotUnstuffer
{
    private State _state;

    private enum State
    {
        LineStart = 0,
        InLine,
        AfterCr,
        AfterDot,
        AfterDotCr,
        Done,
    }

    /// <summary>Whether the end-of-data line has been consumed.</summary>
    public readonly bool IsComplete => _state == State.Done;

    /// <summary>
    /// Decodes from <paramref name="input"/> into <paramref name="output"/> until either is exhausted or
    /// the end of data is reached. Returns true at the end of data; <paramref name="consumed"/> then
    /// includes the terminating ".CRLF" and nothing after it.
    /// </summary>
    public bool Unstuff(ReadOnlySpan<byte> input, Span<byte> output, out int consumed, out int written)
    {
        int i = 0;
        int o = 0;
        while (i < input.Length && o < output.Length && _state != State.Done)
        {
            byte b = input[i];
            switch (_state)
            {
                case State.LineStart:
                    if (b == (byte)'.')
                    {
                        _state = State.AfterDot;
                        i++;
                    }
                    else
                    {
                        _state = State.InLine;
                    }

                    break;

                case State.InLine:
                    ReadOnlySpan<byte> rest = input[i..];
                    int cr = rest.IndexOf((byte)'\r');
                    int run = Math.Min(cr < 0 ? rest.Length : cr, output.Length - o);
                    if (run > 0)
                    {
                        rest[..run].CopyTo(output[o..]);
                        i += run;
                        o += run;
                    }
                    else
                    {
                        output[o++] = b;
                        i++;
                        _state = State.AfterCr;
                    }

                    break;

                case State.AfterCr:
                    if (b == (byte)'\n')
                    {
                        output[o++] = b;
                        i++;
                        _state = State.LineStart;
                    }
                    else if (b == (byte)'\r')
                    {
                        output[o++] = b;
                        i++;
                    }
                    else
                    {
                        _state = State.InLine;
                    }

                    break;

                case State.AfterDot:
                    // The dot was stuffing (or starts the terminator): it is not content either way.
                    if (b == (byte)'\r')
                    {
                        _state = State.AfterDotCr;
                        i++;
                    }
                    else
                    {
                        _state = State.InLine;
                    }

                    break;

                case State.AfterDotCr:
                    if (b == (byte)'\n')
                    {
                        i++;
                        _state = State.Done;
                    }
                    else
                    {
                        // ".\r" then more: the line was "." + content starting with CR.
                        output[o++] = (byte)'\r';
                        _state = State.AfterCr;
                    }

                    break;
            }
        }

        consumed = i;
        written = o;
        return _state == State.Done;
    }
}
