using System.Buffers;
using System.Diagnostics;
using System.Net.Security;
using System.Security.Authentication;
using System.Text;

namespace Pushbox.Smtp.Sessions;

/// <summary>
/// The byte side of a session: one pooled input buffer that commands and DATA are read through, and
/// one pooled output buffer that replies collect in until the session next waits for input (so that
/// pipelined commands get their replies in one write, RFC 2920). Memory per session is fixed:
/// nothing here grows with what the client sends.
/// </summary>
internal sealed class SessionConnection : IAsyncDisposable
{
    /// <summary>The output buffer size; every single reply line is far shorter.</summary>
    public const int OutputBufferSize = 4096;

    private const int MinInputBufferSize = 16 * 1024;

    private Stream _stream;
    private byte[]? _input;
    private byte[]? _output;
    private int _start;
    private int _end;
    private int _outputLength;
    private bool _discardingLine;

    /// <summary>Wraps <paramref name="stream"/> (a NetworkStream; anything readable and writable in tests).</summary>
    public SessionConnection(Stream stream, int maxLineLength)
    {
        _stream = stream;
        _input = ArrayPool<byte>.Shared.Rent(Math.Max(MinInputBufferSize, maxLineLength + 1));
        _output = ArrayPool<byte>.Shared.Rent(OutputBufferSize);
    }

    /// <summary>Whether STARTTLS has completed on this connection.</summary>
    public bool IsTls => _stream is SslStream;

    /// <summary>Whether input has arrived that nobody has consumed yet.</summary>
    public bool HasBufferedInput => _start < _end;

    /// <summary>The input received and not consumed yet.</summary>
    public ReadOnlySpan<byte> Buffered => Input.AsSpan(_start, _end - _start);

    private byte[] Input => _input ?? throw new ObjectDisposedException(nameof(SessionConnection));

    private byte[] Output => _output ?? throw new ObjectDisposedException(nameof(SessionConnection));

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Buffered"/> as consumed.</summary>
    public void Consume(int count)
    {
        Debug.Assert(count >= 0 && count <= _end - _start, "consumed more than buffered");
        _start += count;
    }

    /// <summary>
    /// Takes the next line out of the buffer. A line ends at LF (a CR before it is dropped); one longer
    /// than <paramref name="maxLength"/> bytes with its terminator is thrown away as it arrives and
    /// reported once, when its end arrives. The line stays valid until the next fill.
    /// </summary>
    public LineStatus TryReadLine(int maxLength, out ReadOnlyMemory<byte> line)
    {
        line = default;
        ReadOnlySpan<byte> buffered = Buffered;
        int lf = buffered.IndexOf((byte)'\n');
        if (lf < 0)
        {
            if (_discardingLine || buffered.Length >= maxLength)
            {
                _discardingLine = true;
                _start = _end;
            }

            return LineStatus.NeedMore;
        }

        int lineStart = _start;
        _start += lf + 1;
        if (_discardingLine || lf + 1 > maxLength)
        {
            _discardingLine = false;
            return LineStatus.TooLong;
        }

        int length = lf > 0 && buffered[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        line = Input.AsMemory(lineStart, length);
        return LineStatus.Line;
    }

    /// <summary>Reads more input into the buffer; false when the client has closed its side.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        byte[] input = Input;
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(input, _start, input, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        Debug.Assert(_end < input.Length, "a fill with a full buffer; callers consume before filling");
        int read = await _stream.ReadAsync(input.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    /// <summary>Queues one reply line (CRLF is added). False when the output buffer must be flushed first.</summary>
    public bool TryAppendLine(string line)
    {
        byte[] output = Output;
        int needed = Encoding.UTF8.GetByteCount(line) + 2;
        if (needed > output.Length)
        {
            throw new ArgumentException("A reply line longer than the output buffer.", nameof(line));
        }

        if (_outputLength + needed > output.Length)
        {
            return false;
        }

        _outputLength += Encoding.UTF8.GetBytes(line, output.AsSpan(_outputLength));
        output[_outputLength++] = (byte)'\r';
        output[_outputLength++] = (byte)'\n';
        return true;
    }

    /// <summary>Whether replies are waiting to be written.</summary>
    public bool HasPendingOutput => _outputLength > 0;

    /// <summary>Writes the queued replies.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_outputLength == 0)
        {
            return;
        }

        int length = _outputLength;
        _outputLength = 0;
        await _stream.WriteAsync(Output.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the TLS handshake as server over the plain stream and reads and writes through TLS from
    /// then on. The caller has flushed its "220 Ready" reply and made sure no plaintext input is
    /// buffered (RFC 3207 §4: nothing sent before the handshake may be taken as sent after it).
    /// </summary>
    /// <exception cref="AuthenticationException">The handshake failed; the connection is unusable.</exception>
    public async Task StartTlsAsync(SslStreamCertificateContext certificate, CancellationToken cancellationToken)
    {
        Debug.Assert(!HasBufferedInput && !HasPendingOutput, "STARTTLS with buffered plaintext");
        var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = certificate,
                    ClientCertificateRequired = false,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _stream = tls;
    }

    /// <summary>The negotiated TLS protocol and cipher, for the log; empty before STARTTLS.</summary>
    public string TlsDescription => _stream is SslStream tls
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tls.SslProtocol} {tls.NegotiatedCipherSuite}")
        : string.Empty;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        if (_input is { } input)
        {
            _input = null;
            ArrayPool<byte>.Shared.Return(input);
        }

        if (_output is { } output)
        {
            _output = null;
            ArrayPool<byte>.Shared.Return(output);
        }
    }
}
