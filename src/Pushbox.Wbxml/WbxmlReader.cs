using System.Buffers.Text;
using System.Text;
using static Pushbox.Wbxml.WbxmlGlobalTokens;

namespace Pushbox.Wbxml;

/// <summary>
/// A forward-only pull reader over one WBXML document held in memory (see
/// <see cref="WbxmlBuffer.ReadFromAsync"/> to load one from a stream within the limits). Validates
/// as it goes against the EAS code pages and <see cref="WbxmlLimits"/>; anything malformed throws
/// <see cref="WbxmlException"/> with the byte offset. Reading allocates nothing per token: text and
/// opaque values are slices of the document until the caller asks for a string or array.
/// </summary>
/// <remarks>
/// Every <see cref="WbxmlNodeType.StartElement"/> is matched by an <see cref="WbxmlNodeType.EndElement"/>,
/// also for an empty element (no content flag), so a parser can always read to the end of the
/// element it is in. <see cref="Read"/> returns false once the root element has ended; bytes after
/// it are an error.
/// </remarks>
public sealed class WbxmlReader
{
    private readonly ReadOnlyMemory<byte> _document;
    private readonly WbxmlLimits _limits;
    private readonly int _stringTableStart;
    private readonly int _stringTableLength;
    private ushort[] _stack = new ushort[16];
    private int _depth;
    private int _pos;
    private byte _page;
    private bool _rootSeen;
    private bool _done;
    private bool _pendingEmptyEnd;
    private int _valueStart;
    private int _valueLength;

    /// <summary>Reads the header of <paramref name="document"/>; the reader is then before the root element.</summary>
    /// <exception cref="WbxmlException">The header is malformed or the document exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>.</exception>
    public WbxmlReader(ReadOnlyMemory<byte> document, WbxmlLimits? limits = null)
    {
        _document = document;
        _limits = limits ?? WbxmlLimits.Default;
        if (document.Length > _limits.MaxDocumentSize)
        {
            throw new WbxmlException(WbxmlErrorReason.DocumentTooLarge, _limits.MaxDocumentSize, $"The document is larger than the limit of {_limits.MaxDocumentSize} bytes");
        }

        ReadOnlySpan<byte> span = document.Span;
        Version = ReadByte(span, "the version");
        if (Version > Version13)
        {
            throw new WbxmlException(WbxmlErrorReason.UnsupportedVersion, 0, $"WBXML version byte 0x{Version:X2} is not 1.0 to 1.3");
        }

        PublicId = ReadMultiByteInt(span);
        if (PublicId == 0)
        {
            _ = ReadMultiByteInt(span); // the public identifier as a string-table index; EAS does not use it
        }

        if (Version > 0)
        {
            int charsetOffset = _pos;
            uint charset = ReadMultiByteInt(span);
            if (charset != CharsetUtf8 && charset != 0)
            {
                throw new WbxmlException(WbxmlErrorReason.UnsupportedCharset, charsetOffset, $"Character set {charset} is not UTF-8 (106)");
            }
        }

        int tableOffset = _pos;
        uint tableLength = ReadMultiByteInt(span);
        if (tableLength > (uint)(span.Length - _pos))
        {
            throw new WbxmlException(WbxmlErrorReason.UnexpectedEnd, tableOffset, $"The string table length {tableLength} runs past the end of the document");
        }

        _stringTableStart = _pos;
        _stringTableLength = (int)tableLength;
        _pos += _stringTableLength;
    }

    /// <summary>The WBXML version byte of the header (0x03 for 1.3).</summary>
    public byte Version { get; }

    /// <summary>The public identifier of the header (1 for EAS).</summary>
    public uint PublicId { get; }

    /// <summary>What the reader is positioned on.</summary>
    public WbxmlNodeType NodeType { get; private set; }

    /// <summary>The tag of the current start or end element (code page in the high byte, token in the low byte).</summary>
    public ushort Tag { get; private set; }

    /// <summary>On a start element: true when it has no content, in which case its end follows at once.</summary>
    public bool IsEmptyElement { get; private set; }

    /// <summary>Depth of the current node: the root element is 1, its content and children 2, and so on.</summary>
    public int Depth { get; private set; }

    /// <summary>Byte offset of the token the reader is positioned on, for messages.</summary>
    public long TokenOffset { get; private set; }

    /// <summary>On <see cref="WbxmlNodeType.Text"/>: the UTF-8 bytes without terminator; on <see cref="WbxmlNodeType.Opaque"/>: the raw bytes.</summary>
    public ReadOnlySpan<byte> ValueSpan => _document.Span.Slice(_valueStart, _valueLength);

    /// <summary>As <see cref="ValueSpan"/>, as memory that stays valid as long as the document does.</summary>
    public ReadOnlyMemory<byte> ValueMemory => _document.Slice(_valueStart, _valueLength);

    /// <summary>Advances to the next node. Returns false after the end of the root element.</summary>
    /// <exception cref="WbxmlException">The document is malformed at this point or exceeds a limit.</exception>
    public bool Read()
    {
        if (_pendingEmptyEnd)
        {
            _pendingEmptyEnd = false;
            NodeType = WbxmlNodeType.EndElement;
            IsEmptyElement = false;
            _done = _depth == 0;
            return true;
        }

        if (_done)
        {
            return Finish();
        }

        ReadOnlySpan<byte> span = _document.Span;
        while (true)
        {
            if (_pos >= span.Length)
            {
                throw _rootSeen
                    ? new WbxmlException(WbxmlErrorReason.UnexpectedEnd, _pos, $"The document ends inside {EasCodePages.Describe(_stack[_depth - 1])} at depth {_depth}")
                    : new WbxmlException(WbxmlErrorReason.MissingRootElement, _pos, "The document has no root element");
            }

            TokenOffset = _pos;
            byte b = span[_pos++];
            switch (b)
            {
                case SwitchPage:
                    byte page = ReadByte(span, "the SWITCH_PAGE code page");
                    if (!EasCodePages.IsKnownPage(page))
                    {
                        throw new WbxmlException(WbxmlErrorReason.UnknownCodePage, TokenOffset, $"SWITCH_PAGE to code page {page}, which EAS does not define");
                    }

                    _page = page;
                    continue;

                case End:
                    if (_depth == 0)
                    {
                        throw new WbxmlException(WbxmlErrorReason.UnexpectedToken, TokenOffset, "END without an open element");
                    }

                    Depth = _depth;
                    Tag = _stack[--_depth];
                    NodeType = WbxmlNodeType.EndElement;
                    IsEmptyElement = false;
                    _done = _depth == 0;
                    return true;

                case StrI:
                    RequireOpenElement("An inline string");
                    ReadInlineString(span);
                    SetContentNode(WbxmlNodeType.Text);
                    return true;

                case StrT:
                    RequireOpenElement("A string-table reference");
                    ReadTableString(span);
                    SetContentNode(WbxmlNodeType.Text);
                    return true;

                case Opaque:
                    RequireOpenElement("Opaque data");
                    ReadOpaque(span);
                    SetContentNode(WbxmlNodeType.Opaque);
                    return true;

                case Entity or Literal or LiteralA or LiteralC or LiteralAc or Pi
                    or ExtI0 or ExtI1 or ExtI2 or ExtT0 or ExtT1 or ExtT2 or Ext0 or Ext1 or Ext2:
                    throw new WbxmlException(WbxmlErrorReason.UnsupportedToken, TokenOffset, $"Global token 0x{b:X2} is not used by Exchange ActiveSync");

                default:
                    ReadTag(b);
                    return true;
            }
        }
    }

    /// <summary>
    /// On a start element of a leaf: reads its content up to and including its end and returns the
    /// text (opaque content is decoded as UTF-8); "" for an empty element. Allocates the string only.
    /// </summary>
    /// <exception cref="WbxmlException">The element has child elements.</exception>
    public string ReadElementText()
    {
        RequireStartElement();
        if (IsEmptyElement)
        {
            Read();
            return string.Empty;
        }

        string? first = null;
        StringBuilder? more = null;
        while (Read() && NodeType != WbxmlNodeType.EndElement)
        {
            if (NodeType == WbxmlNodeType.StartElement)
            {
                throw new WbxmlException(WbxmlErrorReason.UnexpectedToken, TokenOffset, $"{EasCodePages.Describe(Tag)} appears where only text is allowed");
            }

            string piece = Encoding.UTF8.GetString(ValueSpan);
            if (first is null)
            {
                first = piece;
            }
            else
            {
                (more ??= new StringBuilder(first)).Append(piece);
            }
        }

        return more?.ToString() ?? first ?? string.Empty;
    }

    /// <summary>
    /// On a start element of a leaf: reads its content up to and including its end and returns the
    /// raw bytes (opaque data as is, strings as their UTF-8 bytes); empty for an empty element.
    /// </summary>
    public byte[] ReadElementBytes()
    {
        RequireStartElement();
        if (IsEmptyElement)
        {
            Read();
            return [];
        }

        byte[] result = [];
        while (Read() && NodeType != WbxmlNodeType.EndElement)
        {
            if (NodeType == WbxmlNodeType.StartElement)
            {
                throw new WbxmlException(WbxmlErrorReason.UnexpectedToken, TokenOffset, $"{EasCodePages.Describe(Tag)} appears where only data is allowed");
            }

            result = result.Length == 0 ? ValueSpan.ToArray() : [.. result, .. ValueSpan];
        }

        return result;
    }

    /// <summary>On a start element: skips it with all its content, leaving the reader on its end.</summary>
    public void Skip()
    {
        RequireStartElement();
        int depth = Depth;
        while (Read() && !(NodeType == WbxmlNodeType.EndElement && Depth == depth))
        {
        }
    }

    /// <summary>On text: parses it as a decimal integer without allocating.</summary>
    public bool TryGetInt32(out int value) =>
        Utf8Parser.TryParse(ValueSpan, out value, out int consumed) && consumed == _valueLength && _valueLength > 0;

    /// <summary>On text: the value as a string (invalid UTF-8 becomes U+FFFD). On opaque data: the bytes decoded as UTF-8.</summary>
    public string GetString() =>
        NodeType is WbxmlNodeType.Text or WbxmlNodeType.Opaque
            ? Encoding.UTF8.GetString(ValueSpan)
            : throw new InvalidOperationException($"The reader is on {NodeType}, not on text.");

    private bool Finish()
    {
        NodeType = WbxmlNodeType.None;
        if (_pos < _document.Length)
        {
            throw new WbxmlException(WbxmlErrorReason.TrailingData, _pos, $"{_document.Length - _pos} bytes follow the end of the root element");
        }

        return false;
    }

    private void ReadTag(byte b)
    {
        if ((b & AttributeFlag) != 0)
        {
            throw new WbxmlException(WbxmlErrorReason.AttributesNotSupported, TokenOffset, $"Tag byte 0x{b:X2} declares attributes, which Exchange ActiveSync does not use");
        }

        ushort tag = EasCodePages.Tag(_page, (byte)(b & TokenMask));
        if (!EasCodePages.IsKnown(tag))
        {
            throw new WbxmlException(WbxmlErrorReason.UnknownTag, TokenOffset, $"Token 0x{b & TokenMask:X2} is not defined on code page {_page} ({EasCodePages.GetPageName(_page)})");
        }

        if (_depth >= _limits.MaxDepth)
        {
            throw new WbxmlException(WbxmlErrorReason.DepthExceeded, TokenOffset, $"Elements are nested deeper than the limit of {_limits.MaxDepth}");
        }

        _rootSeen = true;
        Tag = tag;
        NodeType = WbxmlNodeType.StartElement;
        Depth = _depth + 1;
        IsEmptyElement = (b & ContentFlag) == 0;
        if (IsEmptyElement)
        {
            _pendingEmptyEnd = true;
            return;
        }

        if (_depth == _stack.Length)
        {
            Array.Resize(ref _stack, Math.Min(_stack.Length * 2, _limits.MaxDepth));
        }

        _stack[_depth++] = tag;
    }

    private void SetContentNode(WbxmlNodeType type)
    {
        NodeType = type;
        IsEmptyElement = false;
        Depth = _depth + 1;
    }

    private void RequireOpenElement(string what)
    {
        if (_depth == 0)
        {
            throw new WbxmlException(WbxmlErrorReason.UnexpectedToken, TokenOffset, $"{what} appears outside the root element");
        }
    }

    private void RequireStartElement()
    {
        if (NodeType != WbxmlNodeType.StartElement)
        {
            throw new InvalidOperationException($"The reader is on {NodeType}, not on a start element.");
        }
    }

    private void ReadInlineString(ReadOnlySpan<byte> span)
    {
        int remaining = span.Length - _pos;
        int window = Math.Min(remaining, _limits.MaxStringLength + 1);
        int length = span.Slice(_pos, window).IndexOf((byte)0);
        if (length < 0)
        {
            throw remaining > _limits.MaxStringLength
                ? new WbxmlException(WbxmlErrorReason.StringTooLong, TokenOffset, $"An inline string is longer than the limit of {_limits.MaxStringLength} bytes")
                : new WbxmlException(WbxmlErrorReason.UnexpectedEnd, TokenOffset, "An inline string is not terminated before the end of the document");
        }

        _valueStart = _pos;
        _valueLength = length;
        _pos += length + 1;
    }

    private void ReadTableString(ReadOnlySpan<byte> span)
    {
        uint offset = ReadMultiByteInt(span);
        if (offset >= (uint)_stringTableLength)
        {
            throw new WbxmlException(WbxmlErrorReason.InvalidStringTableReference, TokenOffset, $"STR_T offset {offset} is outside the string table of {_stringTableLength} bytes");
        }

        ReadOnlySpan<byte> rest = span.Slice(_stringTableStart + (int)offset, _stringTableLength - (int)offset);
        int length = rest.IndexOf((byte)0);
        if (length < 0)
        {
            throw new WbxmlException(WbxmlErrorReason.InvalidStringTableReference, TokenOffset, $"The string at string-table offset {offset} is not terminated");
        }

        if (length > _limits.MaxStringLength)
        {
            throw new WbxmlException(WbxmlErrorReason.StringTooLong, TokenOffset, $"A string-table string is longer than the limit of {_limits.MaxStringLength} bytes");
        }

        _valueStart = _stringTableStart + (int)offset;
        _valueLength = length;
    }

    private void ReadOpaque(ReadOnlySpan<byte> span)
    {
        uint length = ReadMultiByteInt(span);
        if (length > (uint)_limits.MaxOpaqueLength)
        {
            throw new WbxmlException(WbxmlErrorReason.OpaqueTooLong, TokenOffset, $"Opaque data of {length} bytes is longer than the limit of {_limits.MaxOpaqueLength} bytes");
        }

        if (length > (uint)(span.Length - _pos))
        {
            throw new WbxmlException(WbxmlErrorReason.UnexpectedEnd, TokenOffset, $"Opaque data of {length} bytes runs past the end of the document");
        }

        _valueStart = _pos;
        _valueLength = (int)length;
        _pos += (int)length;
    }

    private byte ReadByte(ReadOnlySpan<byte> span, string what)
    {
        if (_pos >= span.Length)
        {
            throw new WbxmlException(WbxmlErrorReason.UnexpectedEnd, _pos, $"The document ends before {what}");
        }

        return span[_pos++];
    }

    /// <summary>Reads a WBXML mb_u_int32: at most five bytes, seven bits each, most significant first.</summary>
    private uint ReadMultiByteInt(ReadOnlySpan<byte> span)
    {
        int start = _pos;
        uint value = 0;
        for (int i = 0; i < 5; i++)
        {
            byte b = ReadByte(span, "the end of a multi-byte integer");
            if (value > (uint.MaxValue >> 7))
            {
                break;
            }

            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new WbxmlException(WbxmlErrorReason.InvalidMultiByteInteger, start, "A multi-byte integer is longer than 32 bits");
    }
}
