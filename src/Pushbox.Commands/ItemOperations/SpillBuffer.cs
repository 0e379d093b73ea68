using System.Buffers;

namespace Pushbox.Commands.ItemOperations;

/// <summary>
/// A document written in full before it is sent (the WBXML part of a multipart response, whose length the
/// part table states first): held in memory up to <see cref="MemoryThreshold"/>, moved to a temporary file
/// (deleted on close) at the first <see cref="FlushAsync"/> past it, so that a large item body costs one
/// buffer of heap, not its size. Not safe for concurrent use.
/// </summary>
internal sealed class SpillBuffer : IBufferWriter<byte>, IAsyncDisposable
{
    /// <summary>Bytes held in memory before the document moves to a temporary file: 256 KiB.</summary>
    public const int MemoryThreshold = 256 * 1024;

    private const int FileBufferSize = 81920;

    private readonly ArrayBufferWriter<byte> _held = new(4096);
    private FileStream? _file;
    private long _spilled;

    /// <summary>The bytes written so far.</summary>
    public long Length => _spilled + _held.WrittenCount;

    /// <inheritdoc/>
    public void Advance(int count) => _held.Advance(count);

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0) => _held.GetMemory(sizeHint);

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0) => _held.GetSpan(sizeHint);

    /// <summary>Moves what is held to the temporary file once it has grown past the threshold; otherwise keeps holding it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_file is null && _held.WrittenCount < MemoryThreshold)
        {
            return;
        }

        _file ??= new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileBufferSize, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await _file.WriteAsync(_held.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _spilled += _held.WrittenCount;
        _held.Clear();
    }

    /// <summary>Copies the whole document to <paramref name="destination"/>; call once, after the last write.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_file is not null)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _file.Position = 0;
            await _file.CopyToAsync(destination, FileBufferSize, cancellationToken).ConfigureAwait(false);
        }

        await destination.WriteAsync(_held.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _file?.DisposeAsync() ?? ValueTask.CompletedTask;
}
