using System.Globalization;
using System.Text;

namespace Pushbox.Testing.Eas;

/// <summary>One HTTP/1.1 response read off a socket by <see cref="EasClient.SendRawBytesAsync"/>.</summary>
public sealed class RawHttpResponse
{
    /// <summary>The longest response head accepted.</summary>
    public const int MaxHeadLength = 64 * 1024;

    /// <summary>The largest body accepted.</summary>
    public const int MaxBodyLength = 64 * 1024 * 1024;

    private RawHttpResponse(string statusLine, int statusCode, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        StatusLine = statusLine;
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
    }

    /// <summary>The status line, e.g. <c>HTTP/1.1 413 Payload Too Large</c>.</summary>
    public string StatusLine { get; }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The headers in the order received.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The body (de-chunked).</summary>
    public byte[] Body { get; }

    /// <summary>The first header named <paramref name="name"/> (any letter case), or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Reads one response from <paramref name="stream"/>: head, then a Content-Length, chunked or read-to-close body.</summary>
    /// <exception cref="IOException">The stream ended early or the response is not HTTP/1.x.</exception>
    public static async Task<RawHttpResponse> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new BufferedReader(stream);
        string statusLine = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("The connection closed before a status line.");
        string[] parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            throw new IOException($"Not an HTTP/1.x status line: '{statusLine}'.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (true)
        {
            string line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("The connection closed inside the response head.");
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        var response = new RawHttpResponse(statusLine, status, headers, []);
        byte[] body;
        if (status is (>= 100 and < 200) or 204 or 304)
        {
            body = [];
        }
        else if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            body = await reader.ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (response.Header("Content-Length") is { } length)
        {
            int count = int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture);
            body = count <= MaxBodyLength ? await reader.ReadExactlyAsync(count, cancellationToken).ConfigureAwait(false) : throw new IOException($"A body of {count} bytes is over the limit.");
        }
        else
        {
            body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }

        return new RawHttpResponse(statusLine, status, headers, body);
    }

    /// <summary>Reads lines and byte runs from a stream through one buffer.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return line.Length == 0 ? null : throw new IOException("The connection closed inside a line.");
                }

                int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                int stop = newline < 0 ? _end : newline;
                line.Write(_buffer, _start, stop - _start);
                _start = newline < 0 ? _end : newline + 1;
                if (line.Length > MaxHeadLength)
                {
                    throw new IOException("A response line is over the limit.");
                }

                if (newline >= 0)
                {
                    string text = Encoding.Latin1.GetString(line.GetBuffer(), 0, (int)line.Length);
                    return text.TrimEnd('\r');
                }
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            byte[] result = new byte[count];
            int filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new IOException($"The connection closed after {filled} of {count} body bytes.");
                }

                int take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        public async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            while (true)
            {
                string sizeLine = await ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("The connection closed inside a chunked body.");
                int size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (!string.IsNullOrEmpty(await ReadLineAsync(cancellationToken).ConfigureAwait(false)))
                    {
                        // trailers
                    }

                    return body.ToArray();
                }

                if (body.Length + size > MaxBodyLength)
                {
                    throw new IOException("A chunked body is over the limit.");
                }

                body.Write(await ReadExactlyAsync(size, cancellationToken).ConfigureAwait(false));
                await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
        {
            var body = new MemoryStream();
            do
            {
                body.Write(_buffer, _start, _end - _start);
                _start = _end;
                if (body.Length > MaxBodyLength)
                {
                    throw new IOException("A body is over the limit.");
                }
            }
            while (await FillAsync(cancellationToken).ConfigureAwait(false));

            return body.ToArray();
        }

        private async Task<bool> FillAsync(CancellationToken cancellationToken)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (_end > 0)
            {
                read = 0; // a reset after the server has answered ends the body
            }

            _start = 0;
            _end = read;
            return read > 0;
        }
    }
}
