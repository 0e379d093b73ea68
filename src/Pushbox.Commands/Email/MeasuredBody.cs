using System.Buffers;

namespace Pushbox.Commands.Email;

/// <summary>
/// A body read once to learn its length (which EstimatedDataSize, Truncated and AllOrNone need before
/// the data is written), keeping its first bytes from a pooled buffer so that the usual short or
/// truncated body is written without reading it again.
/// </summary>
internal sealed class MeasuredBody : IDisposable
{
    /// <summary>The most a measurement keeps of a body's start.</summary>
    public const int MaxRetained = 256 * 1024;

    private const int ChunkSize = 16 * 1024;

    private byte[]? _retained;

    private MeasuredBody(long length, byte[]? retained, int retainedLength)
    {
        Length = length;
        _retained = retained;
        RetainedLength = retainedLength;
    }

    /// <summary>An empty body.</summary>
    public static MeasuredBody Empty => new(0, null, 0);

    /// <summary>A body whose length is known without reading it (the stored MIME); nothing is retained.</summary>
    public static MeasuredBody OfLength(long length) => new(length, null, 0);

    /// <summary>The body's length in bytes of UTF-8.</summary>
    public long Length { get; }

    /// <summary>How many bytes of the body's start <see cref="Retained"/> holds.</summary>
    public int RetainedLength { get; }

    /// <summary>The body's first <see cref="RetainedLength"/> bytes.</summary>
    public ReadOnlyMemory<byte> Retained => _retained is null ? ReadOnlyMemory<byte>.Empty : _retained.AsMemory(0, RetainedLength);

    /// <summary>Reads <paramref name="source"/> to its end, keeping up to <paramref name="retain"/> (at most <see cref="MaxRetained"/>) bytes of its start.</summary>
    public static MeasuredBody Measure(Utf8Source source, long retain)
    {
        ArgumentNullException.ThrowIfNull(source);
        int keep = (int)Math.Clamp(retain, 0, MaxRetained);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        byte[]? retained = keep > 0 ? ArrayPool<byte>.Shared.Rent(Math.Min(keep, ChunkSize)) : null;
        int retainedLength = 0;
        long length = 0;
        try
        {
            int read;
            while ((read = source.Read(chunk.AsSpan(0, ChunkSize))) > 0)
            {
                int take = (int)Math.Min(read, keep - retainedLength);
                if (take > 0)
                {
                    if (retainedLength + take > retained!.Length)
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

            var measured = new MeasuredBody(length, retained, retainedLength);
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
