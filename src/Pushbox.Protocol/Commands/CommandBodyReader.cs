using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Commands;

/// <summary>
/// The shared moves of the command parsers: open a body on its root element, read bounded leaf values,
/// and turn every <see cref="WbxmlException"/> into an <see cref="EasProtocolException"/>. Nothing here
/// knows a command; each parser says which tags it wants and how many times.
/// </summary>
internal static class CommandBodyReader
{
    /// <summary>
    /// Creates a reader over <paramref name="body"/> and moves it to the root element, which must be
    /// <paramref name="rootTag"/>. On return the reader is on the root's start tag.
    /// </summary>
    /// <exception cref="EasProtocolException">The body is empty, is not WBXML, or has another root.</exception>
    public static WbxmlReader OpenRoot(ReadOnlyMemory<byte> body, WbxmlLimits? limits, ushort rootTag)
    {
        if (body.IsEmpty)
        {
            throw Malformed($"The {Name(rootTag)} request has no body");
        }

        var reader = new WbxmlReader(body, limits);
        if (!reader.Read() || reader.NodeType != WbxmlNodeType.StartElement)
        {
            throw Malformed($"The {Name(rootTag)} request has no root element");
        }

        if (reader.Tag != rootTag)
        {
            throw Malformed($"The root element is {EasCodePages.Describe(reader.Tag)}, not {EasCodePages.Describe(rootTag)}", reader.TokenOffset);
        }

        return reader;
    }

    /// <summary>
    /// Moves to the next child of the element at <paramref name="parentDepth"/>. Returns false on the
    /// parent's end tag. Text directly inside a container is an error.
    /// </summary>
    public static bool NextChild(WbxmlReader reader, int parentDepth)
    {
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case WbxmlNodeType.StartElement when reader.Depth == parentDepth + 1:
                    return true;
                case WbxmlNodeType.EndElement when reader.Depth == parentDepth:
                    return false;
                case WbxmlNodeType.Text or WbxmlNodeType.Opaque:
                    throw Malformed("Text appears directly inside a container element", reader.TokenOffset);
                default:
                    throw Malformed($"Unexpected {reader.NodeType} in the body", reader.TokenOffset);
            }
        }

        throw Malformed("The body ends inside an element");
    }

    /// <summary>
    /// Ends the body: after the root's end tag, nothing may follow (the reader checks for trailing bytes).
    /// </summary>
    public static void Finish(WbxmlReader reader)
    {
        if (reader.Read())
        {
            throw Malformed("Content follows the end of the root element", reader.TokenOffset);
        }
    }

    /// <summary>
    /// On the start tag of a leaf: reads its text (STR_I, STR_T or opaque UTF-8, possibly in pieces) and
    /// leaves the reader on its end tag. The value must be valid UTF-8 of 1 to <paramref name="maxLength"/>
    /// characters (Unicode scalar values, as the spec counts them); the byte length is checked before
    /// anything is decoded, so an oversized value costs no allocation.
    /// </summary>
    public static string ReadString(WbxmlReader reader, int maxLength)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        if (reader.IsEmptyElement)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is empty", offset);
        }

        // A scalar value takes at most 4 UTF-8 bytes, so a longer byte run is too long whatever it holds.
        int maxBytes = checked(maxLength * 4);
        byte[]? pieces = null;
        int total = 0;
        ReadOnlyMemory<byte> single = default;
        int count = 0;
        while (reader.Read() && reader.NodeType != WbxmlNodeType.EndElement)
        {
            if (reader.NodeType == WbxmlNodeType.StartElement)
            {
                throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears inside {EasCodePages.Describe(tag)}, which holds only text", reader.TokenOffset);
            }

            ReadOnlySpan<byte> value = reader.ValueSpan;
            if (value.Length > maxBytes - total)
            {
                throw Malformed($"{EasCodePages.Describe(tag)} is longer than {maxLength} characters", offset);
            }

            if (count == 0)
            {
                single = reader.ValueMemory;
            }
            else
            {
                if (pieces is null)
                {
                    pieces = new byte[maxBytes];
                    single.Span.CopyTo(pieces);
                }

                value.CopyTo(pieces.AsSpan(total));
            }

            total += value.Length;
            count++;
        }

        ReadOnlySpan<byte> utf8 = pieces is null ? single.Span : pieces.AsSpan(0, total);
        if (utf8.IsEmpty)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is empty", offset);
        }

        if (!Utf8.IsValid(utf8))
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is not valid UTF-8", offset);
        }

        if (CountScalars(utf8) > maxLength)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is longer than {maxLength} characters", offset);
        }

        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// On the start tag of a leaf holding an unsigned decimal number from 0 to <paramref name="max"/>:
    /// reads it, leaving the reader on the end tag. Surrounding ASCII white space is tolerated, as some
    /// clients pad numbers; signs, fractions and other text are not.
    /// </summary>
    public static int ReadUnsigned(WbxmlReader reader, int max)
    {
        ushort tag = reader.Tag;
        long offset = reader.TokenOffset;
        string text = ReadString(reader, 16).Trim(' ', '\t', '\r', '\n');
        if (text.Length == 0 || !text.All(char.IsAsciiDigit)
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > max)
        {
            throw Malformed($"{EasCodePages.Describe(tag)} is not a number from 0 to {max}", offset);
        }

        return value;
    }

    /// <summary>On the start tag of an element the parser does not use: skips it with all its content.</summary>
    public static void SkipElement(WbxmlReader reader) => reader.Skip();

    /// <summary>Throws when <paramref name="value"/> was already read from an earlier element of the same tag.</summary>
    public static void RequireFirst(object? value, WbxmlReader reader)
    {
        if (value is not null)
        {
            throw Malformed($"{EasCodePages.Describe(reader.Tag)} appears more than once", reader.TokenOffset);
        }
    }

    /// <summary>Throws when a required element was not in the body.</summary>
    public static T Require<T>(T? value, ushort tag, ushort rootTag)
        where T : class =>
        value ?? throw Malformed($"The {Name(rootTag)} request has no {EasCodePages.Describe(tag)}");

    /// <summary>
    /// Runs <paramref name="parse"/> and turns a <see cref="WbxmlException"/> into the matching
    /// <see cref="EasProtocolException"/>: <see cref="EasProtocolError.BodyTooLarge"/> when the document
    /// exceeds <see cref="WbxmlLimits.MaxDocumentSize"/>, <see cref="EasProtocolError.MalformedBody"/> otherwise.
    /// </summary>
    public static T Guard<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (WbxmlException e)
        {
            EasProtocolError reason = e.Reason == WbxmlErrorReason.DocumentTooLarge ? EasProtocolError.BodyTooLarge : EasProtocolError.MalformedBody;
            throw e.Offset is >= 0 and <= int.MaxValue
                ? new EasProtocolException(reason, (int)e.Offset, e.Detail, e)
                : new EasProtocolException(reason, e.Detail, e);
        }
    }

    /// <summary>A <see cref="EasProtocolError.MalformedBody"/> exception; <paramref name="detail"/> must name tags only, never content.</summary>
    public static EasProtocolException Malformed(string detail, long offset = -1) =>
        offset is >= 0 and <= int.MaxValue
            ? new EasProtocolException(EasProtocolError.MalformedBody, (int)offset, detail)
            : new EasProtocolException(EasProtocolError.MalformedBody, detail);

    /// <summary>A malformed-body exception for the element the reader is on, which <paramref name="parent"/> does not take (at all, or in this protocol version).</summary>
    public static EasProtocolException NotAllowed(WbxmlReader reader, ushort parent, bool inThisVersion = false) =>
        Malformed($"{EasCodePages.Describe(reader.Tag)} is not allowed in {EasCodePages.Describe(parent)}{(inThisVersion ? " in this protocol version" : "")}", reader.TokenOffset);

    private static string Name(ushort tag) => EasCodePages.GetName(tag) ?? EasCodePages.Describe(tag);

    /// <summary>Unicode scalar values in valid UTF-8: every byte that is not a continuation byte starts one.</summary>
    private static int CountScalars(ReadOnlySpan<byte> utf8)
    {
        int n = 0;
        foreach (byte b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                n++;
            }
        }

        return n;
    }
}
