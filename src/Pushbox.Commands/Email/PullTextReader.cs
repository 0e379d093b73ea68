using System.Text;

namespace Pushbox.Commands.Email;

/// <summary>
/// A <see cref="TextReader"/> whose text is produced on demand: <see cref="Produce"/> appends the next
/// piece to a small pending buffer, so a converter reads its input only as far as its reader reads it.
/// </summary>
internal abstract class PullTextReader : TextReader
{
    private readonly StringBuilder _pending = new();
    private int _position;
    private bool _done;

    public override int Peek() => Fill() ? _pending[_position] : -1;

    public override int Read() => Fill() ? _pending[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length - index);
        int total = 0;
        while (total < count && Fill())
        {
            int take = Math.Min(count - total, _pending.Length - _position);
            _pending.CopyTo(_position, buffer.AsSpan(index + total, take), take);
            _position += take;
            total += take;
        }

        return total;
    }

    public override int Read(Span<char> buffer)
    {
        int total = 0;
        while (total < buffer.Length && Fill())
        {
            int take = Math.Min(buffer.Length - total, _pending.Length - _position);
            _pending.CopyTo(_position, buffer.Slice(total, take), take);
            _position += take;
            total += take;
        }

        return total;
    }

    /// <summary>Appends the next piece of text to <paramref name="output"/>; false when there is no more.</summary>
    protected abstract bool Produce(StringBuilder output);

    private bool Fill()
    {
        while (_position == _pending.Length)
        {
            _pending.Clear();
            _position = 0;
            if (_done || !Produce(_pending))
            {
                _done = true;
                return _pending.Length > 0;
            }
        }

        return true;
    }
}
