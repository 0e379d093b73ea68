using System.Buffers.Binary;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Wbxml;

namespace Pushbox.Commands.ItemOperations;

/// <summary>
/// The body of a multipart ItemOperations answer (MS-ASCMD 2.2.1.10.1.1, MultiPartResponse): PartsCount, then an
/// (Offset, Length) pair per part, offsets counted from the start of the body, then the parts: part 0 is the WBXML
/// document, parts 1 and on the fetched bytes its <c>Part</c> elements point to. The integers are 4-byte
/// little-endian, as Exchange and the clients read them. The document is written first, into a
/// <see cref="SpillBuffer"/>, because the table states its length before it; the binary parts are streamed from
/// their source when the body is sent, so an attachment never sits in memory.
/// </summary>
internal sealed class MultipartBody : IAsyncDisposable
{
    /// <summary>The Content-Type of a multipart answer (MS-ASCMD_R5505).</summary>
    public const string ContentType = "application/vnd.ms-sync.multipart";

    /// <summary>The largest body: offsets and lengths are 4-byte integers, so 2,147,483,647 bytes.</summary>
    public const long MaxLength = int.MaxValue;

    private readonly SpillBuffer _document;
    private readonly IReadOnlyList<MultipartPart> _parts;

    private MultipartBody(SpillBuffer document, IReadOnlyList<MultipartPart> parts)
    {
        _document = document;
        _parts = parts;
        Length = HeaderLength(parts.Count + 1) + document.Length + parts.Sum(p => p.Length);
    }

    /// <summary>The whole body's length in bytes (the Content-Length).</summary>
    public long Length { get; }

    /// <summary>
    /// Writes <paramref name="response"/> for <paramref name="version"/> as part 0 and keeps it with
    /// <paramref name="parts"/>, whose positions (1 and on) are the Part values the response names.
    /// </summary>
    /// <exception cref="InvalidOperationException">The body would be longer than <see cref="MaxLength"/> (the caller caps the parts well below it).</exception>
    public static async Task<MultipartBody> CreateAsync(ItemOperationsResponse response, EasVersion version, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(parts);
        var document = new SpillBuffer();
        try
        {
            var output = new WbxmlResponseOutput(new WbxmlWriter(document), document.FlushAsync);
            await ItemOperationsResponseWriter.WriteAsync(output, response, version, cancellationToken).ConfigureAwait(false);
            var body = new MultipartBody(document, [.. parts]);
            return body.Length <= MaxLength
                ? body
                : throw new InvalidOperationException($"A multipart body of {body.Length} bytes is longer than {MaxLength}.");
        }
        catch
        {
            await document.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes the body to <paramref name="destination"/>; call once.</summary>
    /// <exception cref="InvalidOperationException">A part wrote another number of bytes than it announced (the body is then broken: abort the response).</exception>
    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int count = _parts.Count + 1;
        byte[] table = new byte[HeaderLength(count)];
        BinaryPrimitives.WriteInt32LittleEndian(table, count);
        long offset = table.Length;
        for (int i = 0; i < count; i++)
        {
            long length = i == 0 ? _document.Length : _parts[i - 1].Length;
            BinaryPrimitives.WriteInt32LittleEndian(table.AsSpan(4 + (8 * i)), checked((int)offset));
            BinaryPrimitives.WriteInt32LittleEndian(table.AsSpan(8 + (8 * i)), checked((int)length));
            offset += length;
        }

        await destination.WriteAsync(table, cancellationToken).ConfigureAwait(false);
        await _document.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        foreach (MultipartPart part in _parts)
        {
            long written = await part.WriteAsync(destination, cancellationToken).ConfigureAwait(false);
            if (written != part.Length)
            {
                throw new InvalidOperationException($"A part of {part.Length} bytes wrote {written}.");
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _document.DisposeAsync();

    private static int HeaderLength(int count) => 4 + (8 * count);
}
