using System.Buffers;

namespace Pushbox.Wbxml;

/// <summary>
/// A WBXML document read from a stream into a pooled buffer. The size limit is enforced while
/// reading, so a body larger than <see cref="WbxmlLimits.MaxDocumentSize"/> is refused after at most
/// that many bytes, whatever its declared length. Dispose to return the buffer to the pool; readers
/// over <see cref="Memory"/> must not be used after that.
/// </summary>
public sealed class WbxmlBuffer : IDisposable
{
    private const int InitialSize = 4096;
    private byte[]? _rented;
    private readonly int _length;

    private WbxmlBuffer(byte[] rented, int length)
    {
        _rented = rented;
        _length = length;
    }

    /// <summary>The document bytes.</summary>
    public ReadOnlyMemory<byte> Memory =>
        _rented is { } buffer ? buffer.AsMemory(0, _length) : throw new ObjectDisposedException(nameof(WbxmlBuffer));

    /// <summary>Reads <paramref name="stream"/> to its end into a pooled buffer.</summary>
    /// <param name="stream">The document, e.g. a request body.</param>
    /// <param name="limits">Limits to enforce; <see cref="WbxmlLimits.Default"/> when null.</param>
    /// <param name="sizeHint">The declared length (Content-Length) when known, to size the buffer once; it is not trusted beyond the limit.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="WbxmlException">The stream holds more than <see cref="WbxmlLimits.MaxDocumentSize"/> bytes.</exception>
    public static async ValueTask<WbxmlBuffer> ReadFromAsync(Stream stream, WbxmlLimits? limits = null, long? sizeHint = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int max = (limits ?? WbxmlLimits.Default).MaxDocumentSize;
        if (sizeHint > max)
        {
            throw TooLarge(max);
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(sizeHint ?? InitialSize, 1, max) + 1);
        int length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        throw TooLarge(max);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, (long)max + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    throw TooLarge(max);
                }
            }

            return new WbxmlBuffer(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_rented is { } buffer)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static WbxmlException TooLarge(int max) =>
        new(WbxmlErrorReason.DocumentTooLarge, max, $"The document is larger than the limit of {max} bytes");
}
