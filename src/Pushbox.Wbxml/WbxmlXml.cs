using System.Buffers;
using System.Text;
using System.Text.Unicode;
using System.Xml;

namespace Pushbox.Wbxml;

/// <summary>
/// Converts between WBXML and the XML text form libwbxml uses for ActiveSync, for tools and tests:
/// the <see cref="DocType"/> line, the default namespace named after the code page
/// (<c>&lt;Sync xmlns="AirSync:"&gt;</c>), redeclared on an element whose page differs from its parent's.
/// </summary>
/// <remarks>
/// Content mapping, exact for leaf elements with one piece of content (all EAS uses):
/// text is an inline string; a CDATA section is opaque data holding its UTF-8 bytes (how libwbxml
/// prints opaque data in ordinary elements); in an element whose content is binary
/// (<see cref="EasCodePages.HasOpaqueContent"/>) the text is the base64 of opaque data. Where bytes
/// do not fit these rules (invalid UTF-8, control characters, a string in a binary element) the
/// decoder adds <c>encoding="opaque"</c>, <c>"string"</c> or <c>"string-base64"</c> to the element
/// and the encoder honours it, so decoding then encoding gives the original bytes.
/// </remarks>
public static partial class WbxmlXml
{
    /// <summary>The document type line of libwbxml's ActiveSync XML form.</summary>
    public const string DocType = "<!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD ActiveSync//EN\" \"http://www.microsoft.com/\">";

    private const int MaxIndentLevel = 32;
    private const string EncodingAttribute = "encoding";
    private const string OpaqueEncoding = "opaque";
    private const string StringEncoding = "string";
    private const string StringBase64Encoding = "string-base64";

    /// <summary>Decodes a WBXML document to XML text.</summary>
    /// <param name="document">The WBXML bytes.</param>
    /// <param name="limits">Reader limits; defaults when null.</param>
    /// <param name="indent">Put each element on its own line, indented two spaces a level.</param>
    /// <exception cref="WbxmlException">The document is malformed.</exception>
    public static string ToXml(ReadOnlyMemory<byte> document, WbxmlLimits? limits = null, bool indent = true)
    {
        var reader = new WbxmlReader(document, limits);
        var xml = new StringBuilder(document.Length * 3);
        xml.Append("<?xml version=\"1.0\"?>");
        NewLine(xml, indent);
        xml.Append(DocType);
        NewLine(xml, indent);

        var open = new List<OpenElement>();
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case WbxmlNodeType.StartElement:
                    if (open.Count > 0)
                    {
                        OpenElement parent = open[^1];
                        if (parent.StartTagOpen)
                        {
                            xml.Append('>');
                            NewLine(xml, indent);
                            parent.StartTagOpen = false;
                        }

                        parent.HasChildren = true;
                    }

                    Indent(xml, indent, open.Count);
                    byte page = EasCodePages.PageOf(reader.Tag);
                    xml.Append('<').Append(EasCodePages.GetName(reader.Tag));
                    if (open.Count == 0 || open[^1].Page != page)
                    {
                        xml.Append(" xmlns=\"").Append(EasCodePages.GetNamespace(page)).Append('"');
                    }

                    open.Add(new OpenElement(page, EasCodePages.HasOpaqueContent(reader.Tag)));
                    break;

                case WbxmlNodeType.EndElement:
                    OpenElement closing = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (closing.StartTagOpen)
                    {
                        xml.Append("/>");
                    }
                    else
                    {
                        if (closing.HasChildren)
                        {
                            Indent(xml, indent, open.Count);
                        }

                        xml.Append("</").Append(EasCodePages.GetName(reader.Tag)).Append('>');
                    }

                    NewLine(xml, indent);
                    break;

                default:
                    OpenElement element = open[^1];
                    if (element.StartTagOpen)
                    {
                        element.Attribute = AttributeFor(reader.NodeType, reader.ValueSpan, element.Binary);
                        if (element.Attribute is not null)
                        {
                            xml.Append(' ').Append(EncodingAttribute).Append("=\"").Append(element.Attribute).Append('"');
                        }

                        xml.Append('>');
                        element.StartTagOpen = false;
                    }

                    AppendPiece(xml, reader.NodeType, reader.ValueSpan, element.Binary, element.Attribute);
                    break;
            }
        }

        return xml.ToString();
    }

    /// <summary>Encodes the XML form to WBXML bytes.</summary>
    /// <exception cref="WbxmlException">The XML is not well-formed, names an element of no EAS code page, or has invalid base64.</exception>
    public static byte[] FromXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var output = new ArrayBufferWriter<byte>(Math.Max(256, xml.Length / 2));
        using (var text = new StringReader(xml))
        {
            FromXml(text, output);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>Encodes the XML form read from <paramref name="xml"/> to <paramref name="output"/>.</summary>
    /// <exception cref="WbxmlException">The XML is not well-formed, names an element of no EAS code page, or has invalid base64.</exception>
    public static void FromXml(TextReader xml, IBufferWriter<byte> output)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        using var reader = XmlReader.Create(xml, settings);
        try
        {
            new XmlEncoder(reader, new WbxmlWriter(output)).Encode();
        }
        catch (XmlException e)
        {
            throw new WbxmlException(WbxmlErrorReason.InvalidXml, $"Line {e.LineNumber}, position {e.LinePosition}: {e.Message}", e);
        }
    }

    private static string? AttributeFor(WbxmlNodeType type, ReadOnlySpan<byte> value, bool binary) => (type, binary) switch
    {
        (WbxmlNodeType.Opaque, _) when value.IsEmpty => OpaqueEncoding, // an empty element would lose the OPAQUE token
        (WbxmlNodeType.Opaque, true) => null,
        (WbxmlNodeType.Opaque, false) => IsCDataSafe(value) ? null : OpaqueEncoding,
        (_, true) => IsXmlSafe(value) ? StringEncoding : StringBase64Encoding,
        _ => IsXmlSafe(value) ? null : StringBase64Encoding,
    };

    private static void AppendPiece(StringBuilder xml, WbxmlNodeType type, ReadOnlySpan<byte> value, bool binary, string? attribute = null)
    {
        bool asBase64 = attribute is OpaqueEncoding or StringBase64Encoding
            || (attribute is null && type == WbxmlNodeType.Opaque && binary)
            || (attribute is null && !IsXmlSafe(value));
        if (asBase64)
        {
            xml.Append(Convert.ToBase64String(value));
        }
        else if (type == WbxmlNodeType.Opaque && IsCDataSafe(value))
        {
            xml.Append("<![CDATA[").Append(Encoding.UTF8.GetString(value)).Append("]]>");
        }
        else if (type == WbxmlNodeType.Opaque)
        {
            xml.Append(Convert.ToBase64String(value));
        }
        else
        {
            AppendEscaped(xml, Encoding.UTF8.GetString(value));
        }
    }

    private static void AppendEscaped(StringBuilder xml, string text)
    {
        foreach (char c in text)
        {
            _ = c switch
            {
                '&' => xml.Append("&amp;"),
                '<' => xml.Append("&lt;"),
                '>' => xml.Append("&gt;"),
                '\r' => xml.Append("&#xD;"),
                _ => xml.Append(c),
            };
        }
    }

    /// <summary>Whether the bytes are UTF-8 made only of characters XML 1.0 can carry as text.</summary>
    private static bool IsXmlSafe(ReadOnlySpan<byte> value)
    {
        if (!Utf8.IsValid(value))
        {
            return false;
        }

        foreach (byte b in value)
        {
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D))
            {
                return false;
            }
        }

        // U+FFFE and U+FFFF are not XML characters: EF BF BE / EF BF BF.
        return value.IndexOf("\uFFFE"u8) < 0 && value.IndexOf("\uFFFF"u8) < 0;
    }

    private static bool IsCDataSafe(ReadOnlySpan<byte> value) =>
        IsXmlSafe(value) && value.IndexOf("]]>"u8) < 0 && value.IndexOf((byte)'\r') < 0;

    private static void NewLine(StringBuilder xml, bool indent)
    {
        if (indent)
        {
            xml.Append('\n');
        }
    }

    /// <summary>Indents two spaces a level, up to <see cref="MaxIndentLevel"/> so that a hostile deep document stays linear in size.</summary>
    private static void Indent(StringBuilder xml, bool indent, int level)
    {
        if (indent)
        {
            xml.Append(' ', Math.Min(level, MaxIndentLevel) * 2);
        }
    }

    /// <summary>An element being written by <see cref="ToXml"/>.</summary>
    private sealed class OpenElement(byte page, bool binary)
    {
        public byte Page { get; } = page;

        public bool Binary { get; } = binary;

        public bool StartTagOpen { get; set; } = true;

        public bool HasChildren { get; set; }

        public string? Attribute { get; set; }
    }
}
