using System.Buffers;
using MimeKit;

namespace Pushbox.Commands.Email;

/// <summary>
/// An attachment of a stored email, opened for ItemOperations Fetch or GetAttachment. It holds the
/// message's blob open until disposed; the content is decoded while it is copied, never held whole.
/// Not safe for concurrent use.
/// </summary>
public sealed class EmailAttachment : IAsyncDisposable
{
    private const int BufferSize = 81920;

    private readonly ParsedEmail _email;
    private readonly MessageAttachment _attachment;
    private long? _length;

    internal EmailAttachment(ParsedEmail email, MessageAttachment attachment)
    {
        _email = email;
        _attachment = attachment;
        _length = KnownLength(email, attachment);
    }

    /// <summary>The media type, e.g. "application/pdf" (lower case).</summary>
    public string ContentType => _attachment.ContentType;

    /// <summary>The file name to offer (the part's name, or one made up from its type).</summary>
    public string FileName => _attachment.DisplayName;

    /// <summary>The Content-ID without angle brackets, or null.</summary>
    public string? ContentId => _attachment.ContentId;

    /// <summary>Whether the HTML body shows it in place (it has a Content-ID and is not marked as an attachment).</summary>
    public bool IsInline => _attachment.IsInline;

    /// <summary>
    /// The decoded length in bytes when it is known without decoding (content stored without a transfer
    /// encoding, or an attached message), else null; <see cref="GetLengthAsync"/> always has it.
    /// </summary>
    public long? Length => _length;

    /// <summary>The decoded length in bytes; decodes the content once (without keeping it) when <see cref="Length"/> is null.</summary>
    public async Task<long> GetLengthAsync(CancellationToken cancellationToken)
    {
        _length ??= await CopyToAsync(Stream.Null, 0, null, cancellationToken).ConfigureAwait(false);
        return _length.Value;
    }

    /// <summary>Copies the whole decoded content to <paramref name="destination"/>; returns the bytes copied.</summary>
    public Task<long> CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        CopyToAsync(destination, 0, null, cancellationToken);

    /// <summary>
    /// Copies <paramref name="count"/> bytes (null: to the end) of the decoded content from
    /// <paramref name="offset"/> to <paramref name="destination"/>; returns the bytes copied, fewer
    /// (or none) when the content ends first. Content stored without a transfer encoding is seeked;
    /// encoded content is decoded from its start and the bytes before <paramref name="offset"/> dropped.
    /// </summary>
    public async Task<long> CopyToAsync(Stream destination, long offset, long? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (count is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The count must not be negative.");
        }

        long wanted = count ?? long.MaxValue;
        if (wanted == 0)
        {
            return 0;
        }

        Stream source;
        bool ownsSource;
        long skip = offset;
        if (_attachment.Entity is MessagePart)
        {
            (long start, long end) = _email.ContentRange(_attachment.Entity) ?? (0, 0);
            source = _email.Blob;
            ownsSource = false;
            source.Position = Math.Min(end, start + offset);
            wanted = Math.Min(wanted, Math.Max(0, end - source.Position));
            skip = 0;
        }
        else if (_attachment.Entity is MimePart { Content.Stream: { CanSeek: true } stored } part && IsIdentity(part.ContentTransferEncoding))
        {
            source = stored;
            ownsSource = false;
            source.Position = Math.Min(source.Length, offset);
            skip = 0;
        }
        else if (_attachment.Entity is MimePart { Content: { } encoded })
        {
            source = encoded.Open();
            ownsSource = true;
        }
        else
        {
            return 0;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long copied = 0;
            while (copied < wanted)
            {
                int read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                int start = 0;
                if (skip > 0)
                {
                    int skipped = (int)Math.Min(skip, read);
                    skip -= skipped;
                    start = skipped;
                }

                int take = (int)Math.Min(read - start, wanted - copied);
                if (take > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(start, take), cancellationToken).ConfigureAwait(false);
                    copied += take;
                }
            }

            return copied;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (ownsSource)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _email.DisposeAsync();

    private static long? KnownLength(ParsedEmail email, MessageAttachment attachment) => attachment.Entity switch
    {
        MessagePart => email.ContentLength(attachment.Entity),
        MimePart { Content.Stream: { CanSeek: true } stream } part when IsIdentity(part.ContentTransferEncoding) => stream.Length,
        _ => null,
    };

    private static bool IsIdentity(ContentEncoding encoding) =>
        encoding is ContentEncoding.Default or ContentEncoding.SevenBit or ContentEncoding.EightBit or ContentEncoding.Binary;
}
