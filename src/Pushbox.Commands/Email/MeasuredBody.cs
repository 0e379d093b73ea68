using System.Buffers;

namespace Pushbox.Commands.Email;

/// <summary>
/// A body read once, before its data is written, to learn what EstimatedDataSize, Truncated and
/// AllOrNone need: read whole when the client takes it whole (its exact length), else only one byte
/// past the client's limit, which says exactly whether more exists than is sent. Its first bytes are
/// kept in a pooled buffer, so that the usual short or truncated body is written without reading it
/// again. A body cut short this way gets its length from an estimate the caller makes from the MIME.
/// </summary>
/// <remarks>
/// Stopping after the limit is what keeps the common phone request (HTML or text cut at 5,120 bytes)
/// from decoding and converting a whole long body to send its first few kilobytes: the work is
/// O(limit), not O(body).
/// </remarks>
internal sealed class MeasuredBody : IDisposable
{
    /// <summary>The most a measurement keeps of a body's start.</summary>
    public const int MaxRetained = 256 * 1024;

    private const int ChunkSize = 16 * 1024;

    private byte[]? _retained;

    private MeasuredBody(long length, bool isComplete, byte[]? retained, int retainedLength)
    {
        Length = length;
        IsComplete = isComplete;
        _retained = retained;
        RetainedLength = retainedLength;
    }

    /// <summary>An empty body.</summary>
    public static MeasuredBody Empty => new(0, true, null, 0);

    /// <summary>
    /// The body's length in bytes of UTF-8: exact when <see cref="IsComplete"/>; otherwise the estimate
    /// given to <see cref="Measure"/>, never less than the bytes read (so always more than the limit).
    /// </summary>
    public long Length { get; }

    /// <summary>Whether the whole body was read, so that <see cref="Length"/> is exact.</summary>
    public bool IsComplete { get; }

    /// <summary>How many bytes of the body's start <see cref="Retained"/> holds.</summary>
    public int RetainedLength { get; }

    /// <summary>The body's first <see cref="RetainedLength"/> bytes.</summary>
    public ReadOnlyMemory<byte> Retained => _retained is null ? ReadOnlyMemory<byte>.Empty : _retained.AsMemory(0, RetainedLength);

    /// <summary>Whether <see cref="Retained"/> is the whole body.</summary>
    public bool RetainsWhole => IsComplete && RetainedLength == Length;

    /// <summary>A body whose exact length is known without reading it (the stored MIME); nothing is retained.</summary>
    public static MeasuredBody OfLength(long length) => new(length, true, null, 0);

    /// <summary>
    /// Reads <paramref name="source"/> to its end, or (with a <paramref name="limit"/>) until more than
    /// <paramref name="limit"/> bytes were read, keeping the first bytes up to one past the limit (at
    /// most <see cref="MaxRetained"/>). A body cut short takes <paramref name="estimatedLength"/> as its
    /// length, or the bytes read when that is more.
    /// </summary>
    public static MeasuredBody Measure(Utf8Source source, long? limit, long estimatedLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        long stopAfter = limit is { } l ? Math.Max(0, l) : long.MaxValue;

        // One byte past the limit is kept too: whether it continues a character decides where to cut.
        int keep = (int)Math.Min(stopAfter == long.MaxValue ? MaxRetained : stopAfter + 1, MaxRetained);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        byte[]? retained = ArrayPool<byte>.Shared.Rent(Math.Min(keep, ChunkSize));
        int retainedLength = 0;
        long length = 0;
        bool complete = false;
        try
        {
            while (length <= stopAfter)
            {
                // Ask for no more than is still wanted (a source may fill a small buffer to the end of a character).
                long wanted = stopAfter - length + 1;
                int ask = (int)Math.Clamp(wanted, Utf8Source.MinimumBuffer, ChunkSize);
                int read = source.Read(chunk.AsSpan(0, ask));
                if (read == 0)
                {
                    complete = true;
                    break;
                }

                int take = (int)Math.Min(read, keep - retainedLength);
                if (take > 0)
                {
                    if (retainedLength + take > retained.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(keep, Math.Max(retained.Length * 2, retainedLength + take)));
                        retained.AsSpan(0, retainedLength).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(retained);
                        retained = larger;
                    }

                    chunk.AsSpan(0, take).CopyTo(retained.AsSpan(retainedLength));
                    retainedLength += take;
                }

                length += read;
            }

            var measured = new MeasuredBody(complete ? length : Math.Max(length, estimatedLength), complete, retained, retainedLength);
            retained = null;
            return measured;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (retained is not null)
            {
                ArrayPool<byte>.Shared.Return(retained);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_retained is { } retained)
        {
            _retained = null;
            ArrayPool<byte>.Shared.Return(retained);
        }
    }
}
