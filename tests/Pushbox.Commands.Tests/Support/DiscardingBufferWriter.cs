using System.Buffers;

namespace Pushbox.Commands.Tests;

/// <summary>An output buffer that forgets what was written when the response is flushed.</summary>
internal sealed class DiscardingBufferWriter : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[256 * 1024];
    private int _written;

    public long Total { get; private set; }

    public void Advance(int count)
    {
        _written += count;
        Total += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Discard() => _written = 0;

    public void Reset()
    {
        _written = 0;
        Total = 0;
    }

    private void Ensure(int sizeHint)
    {
        if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + sizeHint));
        }
    }
}
