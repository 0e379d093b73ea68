namespace Pushbox.Commands.Email;

/// <summary>
/// Body content as a pull stream of UTF-8 that a WBXML inline string can hold: no zero bytes, only
/// valid UTF-8, and every <see cref="Read"/> ends on a code point boundary, so that a reader may cut
/// the content at any chunk it has read (backing off over continuation bytes within that chunk only).
/// </summary>
internal abstract class Utf8Source : IDisposable
{
    /// <summary>The smallest buffer <see cref="Read"/> accepts.</summary>
    public const int MinimumBuffer = 16;

    /// <summary>Fills <paramref name="destination"/> with the next bytes; 0 at the end.</summary>
    public abstract int Read(Span<byte> destination);

    /// <summary>Whether <paramref name="b"/> continues a multi-byte UTF-8 sequence.</summary>
    public static bool IsContinuation(byte b) => (b & 0xC0) == 0x80;

    /// <summary>The longest prefix of <paramref name="chunk"/> no longer than <paramref name="max"/> that ends on a code point boundary.</summary>
    public static int CutAtBoundary(ReadOnlySpan<byte> chunk, int max)
    {
        if (max >= chunk.Length)
        {
            return chunk.Length;
        }

        int cut = max;
        while (cut > 0 && IsContinuation(chunk[cut]))
        {
            cut--;
        }

        return cut;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the source holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
