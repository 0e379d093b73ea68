using System.Buffers;
using System.Text;
using System.Text.Unicode;
using static Pushbox.Wbxml.WbxmlGlobalTokens;

namespace Pushbox.Wbxml;

/// <summary>
/// Writes one WBXML 1.3 document (public id 1, UTF-8, no string table) to an
/// <see cref="IBufferWriter{T}"/>, producing the bytes Exchange and libwbxml produce: an element
/// without content is written without the content flag and without END, and SWITCH_PAGE is written
/// only when a tag's code page differs from the current one.
/// </summary>
/// <remarks>
/// The header is written with the first element. A start tag is held back until the writer knows
/// whether content follows, so call <see cref="WriteEndElement"/> for every
/// <see cref="WriteStartElement"/>. Tags must be EAS tags (<see cref="EasCodePages"/>); misuse throws
/// <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/>, never bad bytes.
/// </remarks>
public sealed class WbxmlWriter
{
    private static readonly byte[] Header = [Version13, PublicIdUnknown, (byte)CharsetUtf8, 0x00];

    private readonly IBufferWriter<byte> _output;
    private byte _page;
    private int _depth;
    private bool _headerWritten;
    private bool _rootClosed;
    private bool _hasPendingStart;
    private ushort _pendingStart;
    private InlineStringState _inlineString;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    public WbxmlWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    private enum InlineStringState
    {
        None,
        Started,
        Writing,
    }

    /// <summary>Number of elements started and not yet ended.</summary>
    public int Depth => _depth;

    /// <summary>Starts an element; its content and children follow, then <see cref="WriteEndElement"/>.</summary>
    public void WriteStartElement(ushort tag)
    {
        RequireNoInlineString();
        if (!EasCodePages.IsKnown(tag))
        {
            throw new ArgumentOutOfRangeException(nameof(tag), $"0x{tag:X4} is not an EAS tag.");
        }

        if (_rootClosed)
        {
            throw new InvalidOperationException("The document already has a root element.");
        }

        FlushPendingStart(hasContent: true);
        if (!_headerWritten)
        {
            _output.Write(Header);
            _headerWritten = true;
        }

        _pendingStart = tag;
        _hasPendingStart = true;
        _depth++;
    }

    /// <summary>Ends the innermost open element; if nothing was written into it, it becomes an empty element.</summary>
    public void WriteEndElement()
    {
        RequireNoInlineString();
        if (_depth == 0)
        {
            throw new InvalidOperationException("No element is open.");
        }

        if (_hasPendingStart)
        {
            FlushPendingStart(hasContent: false);
        }
        else
        {
            WriteByte(End);
        }

        _rootClosed = --_depth == 0;
    }

    /// <summary>Writes an element without content.</summary>
    public void WriteEmptyElement(ushort tag)
    {
        WriteStartElement(tag);
        WriteEndElement();
    }

    /// <summary>Writes an element holding <paramref name="value"/>; an empty value gives an empty element.</summary>
    public void WriteElementString(ushort tag, ReadOnlySpan<char> value)
    {
        WriteStartElement(tag);
        WriteString(value);
        WriteEndElement();
    }

    /// <summary>Writes an element holding the decimal form of <paramref name="value"/>.</summary>
    public void WriteElementInt(ushort tag, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int written, provider: System.Globalization.CultureInfo.InvariantCulture);
        WriteElementString(tag, digits[..written]);
    }

    /// <summary>Writes an element holding <paramref name="value"/> as opaque data.</summary>
    public void WriteElementOpaque(ushort tag, ReadOnlySpan<byte> value)
    {
        WriteStartElement(tag);
        WriteOpaque(value);
        WriteEndElement();
    }

    /// <summary>Writes text as an inline string (STR_I). Writes nothing for an empty value.</summary>
    /// <exception cref="ArgumentException">The text contains U+0000, which an inline string cannot hold.</exception>
    public void WriteString(ReadOnlySpan<char> value)
    {
        RequireNoInlineString();
        if (value.IsEmpty)
        {
            return;
        }

        if (value.Contains('\0'))
        {
            throw new ArgumentException("An inline string cannot contain U+0000.", nameof(value));
        }

        RequireOpenElement();
        int max = Encoding.UTF8.GetMaxByteCount(value.Length) + 2;
        Span<byte> span = _output.GetSpan(max);
        span[0] = StrI;
        Utf8.FromUtf16(value, span[1..], out _, out int written, replaceInvalidSequences: true);
        span[1 + written] = 0;
        _output.Advance(written + 2);
    }

    /// <summary>Writes UTF-8 bytes as an inline string (STR_I). Writes nothing for an empty value.</summary>
    /// <exception cref="ArgumentException">The bytes contain 0x00, which an inline string cannot hold.</exception>
    public void WriteUtf8String(ReadOnlySpan<byte> value)
    {
        RequireNoInlineString();
        if (value.IsEmpty)
        {
            return;
        }

        if (value.Contains((byte)0))
        {
            throw new ArgumentException("An inline string cannot contain a zero byte.", nameof(value));
        }

        RequireOpenElement();
        Span<byte> span = _output.GetSpan(value.Length + 2);
        span[0] = StrI;
        value.CopyTo(span[1..]);
        span[1 + value.Length] = 0;
        _output.Advance(value.Length + 2);
    }

    /// <summary>Writes an OPAQUE block holding <paramref name="value"/> (possibly empty).</summary>
    public void WriteOpaque(ReadOnlySpan<byte> value)
    {
        RequireNoInlineString();
        RequireOpenElement();
        Span<byte> span = _output.GetSpan(value.Length + 6);
        span[0] = Opaque;
        int n = 1 + WriteMultiByteInt(span[1..], (uint)value.Length);
        value.CopyTo(span[n..]);
        _output.Advance(n + value.Length);
    }

    /// <summary>
    /// Starts an inline string (STR_I) to be written in pieces with <see cref="WriteInlineStringChunk"/>
    /// and closed with <see cref="WriteInlineStringEnd"/>, so that a large text need not be held whole.
    /// Nothing else may be written until the string is ended. A string that receives no bytes writes
    /// nothing, like <see cref="WriteUtf8String"/> with an empty value.
    /// </summary>
    /// <exception cref="InvalidOperationException">No element is open, or an inline string is already open.</exception>
    public void WriteInlineStringStart()
    {
        RequireNoInlineString();
        if (_depth == 0)
        {
            throw new InvalidOperationException("Content must be written inside an element.");
        }

        _inlineString = InlineStringState.Started;
    }

    /// <summary>
    /// Appends UTF-8 bytes to the inline string opened by <see cref="WriteInlineStringStart"/>. A chunk
    /// may end inside a multi-byte sequence that the next chunk completes; the caller is responsible
    /// for the string as a whole being UTF-8.
    /// </summary>
    /// <exception cref="ArgumentException">The bytes contain 0x00, which an inline string cannot hold; nothing is written.</exception>
    /// <exception cref="InvalidOperationException">No inline string is open.</exception>
    public void WriteInlineStringChunk(ReadOnlySpan<byte> utf8)
    {
        if (_inlineString == InlineStringState.None)
        {
            throw new InvalidOperationException("No inline string is open.");
        }

        if (utf8.IsEmpty)
        {
            return;
        }

        if (utf8.Contains((byte)0))
        {
            throw new ArgumentException("An inline string cannot contain a zero byte.", nameof(utf8));
        }

        if (_inlineString == InlineStringState.Started)
        {
            FlushPendingStart(hasContent: true);
            WriteByte(StrI);
            _inlineString = InlineStringState.Writing;
        }

        _output.Write(utf8);
    }

    /// <summary>Ends the inline string opened by <see cref="WriteInlineStringStart"/>.</summary>
    /// <exception cref="InvalidOperationException">No inline string is open.</exception>
    public void WriteInlineStringEnd()
    {
        if (_inlineString == InlineStringState.None)
        {
            throw new InvalidOperationException("No inline string is open.");
        }

        if (_inlineString == InlineStringState.Writing)
        {
            WriteByte(0);
        }

        _inlineString = InlineStringState.None;
    }

    private void RequireNoInlineString()
    {
        if (_inlineString != InlineStringState.None)
        {
            throw new InvalidOperationException("An inline string is open; end it with WriteInlineStringEnd first.");
        }
    }

    private void RequireOpenElement()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("Content must be written inside an element.");
        }

        FlushPendingStart(hasContent: true);
    }

    private void FlushPendingStart(bool hasContent)
    {
        if (!_hasPendingStart)
        {
            return;
        }

        _hasPendingStart = false;
        byte page = EasCodePages.PageOf(_pendingStart);
        byte token = EasCodePages.TokenOf(_pendingStart);
        if (hasContent)
        {
            token |= ContentFlag;
        }

        if (page != _page)
        {
            Span<byte> span = _output.GetSpan(3);
            span[0] = SwitchPage;
            span[1] = page;
            span[2] = token;
            _output.Advance(3);
            _page = page;
        }
        else
        {
            WriteByte(token);
        }
    }

    private void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    /// <summary>Writes a WBXML mb_u_int32 and returns its length in bytes.</summary>
    internal static int WriteMultiByteInt(Span<byte> destination, uint value)
    {
        int length = 1;
        for (uint v = value >> 7; v != 0; v >>= 7)
        {
            length++;
        }

        for (int i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)((value & 0x7Fu) | (i == length - 1 ? 0u : 0x80u));
            value >>= 7;
        }

        return length;
    }
}
