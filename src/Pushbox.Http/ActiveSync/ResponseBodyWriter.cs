using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace Pushbox.Http.ActiveSync;

/// <summary>
/// Where a streamed WBXML response goes. It collects the document in memory until it reaches
/// <see cref="SpillThreshold"/>; a document that ends below it is sent with a Content-Length (what most
/// devices see). At the first flush past the threshold it sends what it holds and from then on writes
/// straight into the response pipe (chunked), so a large response costs one pipe segment, not its size.
/// It keeps a copy of the first <see cref="LogCapacity"/> bytes for the protocol log when asked.
/// </summary>
internal sealed class ResponseBodyWriter(HttpResponse response, string contentType, bool keepForLog) : IBufferWriter<byte>
{
    /// <summary>Bytes held in memory before the response switches to chunked streaming.</summary>
    public const int SpillThreshold = 64 * 1024;

    /// <summary>Bytes of a streamed response kept for the protocol log.</summary>
    public const int LogCapacity = 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _held = new(4096);
    private readonly ArrayBufferWriter<byte>? _log = keepForLog ? new ArrayBufferWriter<byte>(4096) : null;
    private PipeWriter? _pipe;
    private Memory<byte> _lastSpan;

    /// <summary>The response's beginning as sent, for the protocol log (empty when not kept).</summary>
    public ReadOnlyMemory<byte> Logged => _pipe is null ? _held.WrittenMemory : _log?.WrittenMemory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Whether part of the response has gone to the client (an error can then only abort the connection).</summary>
    public bool Started => _pipe is not null;

    public void Advance(int count)
    {
        if (_pipe is null)
        {
            _held.Advance(count);
            return;
        }

        if (_log is not null && _log.WrittenCount < LogCapacity)
        {
            _log.Write(_lastSpan.Span[..Math.Min(count, LogCapacity - _log.WrittenCount)]);
        }

        _pipe.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_pipe is null)
        {
            return _held.GetMemory(sizeHint);
        }

        _lastSpan = _pipe.GetMemory(sizeHint);
        return _lastSpan;
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Sends what has been written when the document has grown past the threshold; otherwise keeps holding it.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            if (_held.WrittenCount < SpillThreshold)
            {
                return;
            }

            response.ContentType = contentType;
            _pipe = response.BodyWriter;
            _log?.Write(_held.WrittenSpan[..Math.Min(_held.WrittenCount, LogCapacity)]);
            _pipe.Write(_held.WrittenSpan);
            _held.Clear();
        }

        await _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the document: sends a held one with its length, or the streamed one's last bytes.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            response.ContentType = contentType;
            response.ContentLength = _held.WrittenCount;
            await response.Body.WriteAsync(_held.WrittenMemory, cancellationToken);
            return;
        }

        await _pipe.FlushAsync(cancellationToken);
    }
}
