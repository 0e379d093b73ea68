using System.Buffers;
using System.Buffers.Text;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>
/// Makes <see cref="ItemOperationsDataWriter"/>s: the base64 text of bytes or of a stream, as one inline string
/// written in chunks of <see cref="ChunkSize"/> input bytes and flushed after each, so that an attachment of any
/// size costs one chunk of pooled memory and the client still sees a single string.
/// </summary>
public static class ItemOperationsData
{
    /// <summary>
    /// Input bytes per written chunk: 48 KiB, a multiple of 3, so that every chunk but the last is base64 without
    /// padding and the chunks join into one valid base64 text (64 KiB of it per chunk).
    /// </summary>
    public const int ChunkSize = 48 * 1024;

    /// <summary>The base64 text of <paramref name="bytes"/>, which must stay unchanged until the response is written.</summary>
    public static ItemOperationsDataWriter FromBytes(ReadOnlyMemory<byte> bytes) =>
        async (output, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(output);
            byte[] encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkSize));
            try
            {
                output.Writer.WriteInlineStringStart();
                for (int start = 0; start < bytes.Length; start += ChunkSize)
                {
                    ReadOnlyMemory<byte> chunk = bytes.Slice(start, Math.Min(ChunkSize, bytes.Length - start));
                    WriteChunk(output, chunk.Span, encoded);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                output.Writer.WriteInlineStringEnd();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(encoded);
            }
        };

    /// <summary>
    /// The base64 text of a stream read to its end. <paramref name="open"/> runs when the Data element is
    /// written, and the stream it returns is disposed once read, so a blob is opened only for as long as it is sent.
    /// </summary>
    public static ItemOperationsDataWriter FromStream(Func<CancellationToken, ValueTask<Stream>> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        return async (output, cancellationToken) =>
        {
            ArgumentNullException.ThrowIfNull(output);
            Stream source = await open(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                byte[] input = ArrayPool<byte>.Shared.Rent(ChunkSize);
                byte[] encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkSize));
                try
                {
                    output.Writer.WriteInlineStringStart();
                    while (true)
                    {
                        // Fill the chunk whole: only the last one may be short, so only it gets padding.
                        int read = await source.ReadAtLeastAsync(input.AsMemory(0, ChunkSize), ChunkSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        WriteChunk(output, input.AsSpan(0, read), encoded);
                        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                        if (read < ChunkSize)
                        {
                            break;
                        }
                    }

                    output.Writer.WriteInlineStringEnd();
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(input);
                    ArrayPool<byte>.Shared.Return(encoded);
                }
            }
        };
    }

    private static void WriteChunk(WbxmlResponseOutput output, ReadOnlySpan<byte> chunk, byte[] encoded)
    {
        Base64.EncodeToUtf8(chunk, encoded, out _, out int written);
        output.Writer.WriteInlineStringChunk(encoded.AsSpan(0, written));
    }
}
