using Pushbox.Mailbox.Blobs;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// Fault injection around a real blob store: opening can fail, and the stream handed out can be
/// wrapped (to fail part-way, or to refuse seeking).
/// </summary>
public sealed class FaultyBlobStore(IBlobStore inner) : IBlobStore
{
    public Exception? OpenFailure { get; set; }

    public Func<Stream, Stream>? Wrap { get; set; }

    public Task<BlobRef> PutAsync(Stream content, long maxLength, CancellationToken cancellationToken) => inner.PutAsync(content, maxLength, cancellationToken);

    public async Task<Stream?> OpenReadAsync(string hash, CancellationToken cancellationToken)
    {
        if (OpenFailure is { } failure)
        {
            throw failure;
        }

        Stream? stream = await inner.OpenReadAsync(hash, cancellationToken);
        return stream is null || Wrap is null ? stream : Wrap(stream);
    }

    public Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) => inner.ExistsAsync(hash, cancellationToken);

    public Task<int> CollectGarbageAsync(Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlySet<string>>> isReferenced, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner.CollectGarbageAsync(isReferenced, olderThan, cancellationToken);
}

/// <summary>A read-only stream over another that counts the bytes read and fails once more than a number of them were read in total, or cannot seek.</summary>
public sealed class WrappedStream(Stream inner, long failAfterBytes = long.MaxValue, bool canSeek = true) : Stream
{
    private long _read;

    /// <summary>The bytes handed to readers so far.</summary>
    public long BytesRead => _read;

    public override bool CanRead => true;

    public override bool CanSeek => canSeek;

    public override bool CanWrite => false;

    public override long Length => canSeek ? inner.Length : throw new NotSupportedException();

    public override long Position
    {
        get => canSeek ? inner.Position : throw new NotSupportedException();
        set
        {
            if (!canSeek)
            {
                throw new NotSupportedException();
            }

            inner.Position = value;
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = inner.Read(buffer, offset, count);
        Count(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken);
        Count(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => canSeek ? inner.Seek(offset, origin) : throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(int read)
    {
        _read += read;
        if (_read > failAfterBytes)
        {
            throw new IOException("The disk went away.");
        }
    }
}
