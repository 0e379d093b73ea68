using System.IO.Pipelines;
using Pushbox.Commands.Email;

namespace Pushbox.Commands.ItemOperations;

/// <summary>
/// A read-only stream over a byte range of an opened attachment, for <c>ItemOperationsData.FromStream</c>: the
/// attachment decodes itself into a small pipe (<see cref="EmailAttachment.CopyToAsync(Stream, long, long?, CancellationToken)"/>
/// is push-only) while the reader pulls from the other end, so at most <see cref="PauseThreshold"/> bytes wait in
/// memory whatever the attachment's size. Disposing it stops the copy and disposes the attachment.
/// </summary>
internal sealed class AttachmentReadStream : Stream
{
    /// <summary>Bytes the copy may run ahead of the reader before it waits: 128 KiB.</summary>
    public const int PauseThreshold = 128 * 1024;

    private readonly Pipe _pipe = new(new PipeOptions(pauseWriterThreshold: PauseThreshold, resumeWriterThreshold: PauseThreshold / 2, useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop = new();
    private readonly EmailAttachment _attachment;
    private readonly Stream _reader;
    private readonly Task _copy;
    private bool _disposed;

    /// <summary>Starts copying <paramref name="count"/> bytes from <paramref name="offset"/> of <paramref name="attachment"/>, which the stream now owns.</summary>
    public AttachmentReadStream(EmailAttachment attachment, long offset, long count)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _attachment = attachment;
        _reader = _pipe.Reader.AsStream(leaveOpen: true);
        _copy = Task.Run(() => CopyAsync(offset, count, _stop.Token));
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads the next bytes; an error of the copy (a broken blob) surfaces here.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _reader.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pipe.Reader.CompleteAsync().ConfigureAwait(false);
        try
        {
            await _copy.ConfigureAwait(false);
        }
        finally
        {
            await _attachment.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private async Task CopyAsync(long offset, long count, CancellationToken cancellationToken)
    {
        try
        {
            Stream target = _pipe.Writer.AsStream(leaveOpen: true);
            await using (target.ConfigureAwait(false))
            {
                await _attachment.CopyToAsync(target, offset, count, cancellationToken).ConfigureAwait(false);
            }

            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The reader sees the failure (or, when it stopped reading, nobody does): the copy itself never throws.
            await _pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
        }
    }
}
