using System.Text;
using System.Xml;

namespace Pushbox.Wbxml;

public static partial class WbxmlXml
{
    /// <summary>Walks an <see cref="XmlReader"/> and writes each element and its content with a <see cref="WbxmlWriter"/>.</summary>
    private sealed class XmlEncoder(XmlReader reader, WbxmlWriter writer)
    {
        private readonly Stack<Frame> _open = new();

        public void Encode()
        {
            bool sawRoot = false;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (_open.TryPeek(out Frame? parent))
                        {
                            FlushContent(parent, dropWhitespace: true);
                            parent.HasChildren = true;
                        }

                        sawRoot = true;
                        StartElement();
                        break;

                    case XmlNodeType.EndElement:
                        EndElement();
                        break;

                    case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                        AddPiece(isCData: false);
                        break;

                    case XmlNodeType.CDATA:
                        AddPiece(isCData: true);
                        break;
                }
            }

            if (!sawRoot)
            {
                throw new WbxmlException(WbxmlErrorReason.MissingRootElement, "The XML has no root element");
            }
        }

        private void StartElement()
        {
            string ns = reader.NamespaceURI;
            string name = reader.LocalName;
            if (!EasCodePages.TryGetTag(ns, name, out ushort tag))
            {
                throw Invalid(ns.Length == 0
                    ? $"Element <{name}> has no namespace; EAS elements carry their code page as xmlns, e.g. xmlns=\"AirSync:\""
                    : $"<{name}> is not an element of code page \"{ns}\"");
            }

            string? encoding = null;
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    if (reader.Name == "xmlns" || reader.Prefix == "xmlns")
                    {
                        continue;
                    }

                    if (reader.Name == EncodingAttribute && reader.Value is OpaqueEncoding or StringEncoding or StringBase64Encoding)
                    {
                        encoding = reader.Value;
                        continue;
                    }

                    throw Invalid($"Attribute {reader.Name}=\"{reader.Value}\" on <{name}>: EAS elements have no attributes");
                }
                while (reader.MoveToNextAttribute());

                reader.MoveToElement();
            }

            writer.WriteStartElement(tag);
            if (reader.IsEmptyElement)
            {
                if (encoding == OpaqueEncoding)
                {
                    writer.WriteOpaque([]);
                }

                writer.WriteEndElement();
                return;
            }

            _open.Push(new Frame(tag, encoding));
        }

        private void EndElement()
        {
            Frame frame = _open.Pop();
            if (frame.Pieces.Count == 0 && !frame.HasChildren && frame.Encoding == OpaqueEncoding)
            {
                writer.WriteOpaque([]);
            }

            FlushContent(frame, dropWhitespace: frame.HasChildren);
            writer.WriteEndElement();
        }

        private void AddPiece(bool isCData)
        {
            if (!_open.TryPeek(out Frame? frame))
            {
                return; // whitespace around the root element
            }

            if (frame.Pieces.Count > 0 && frame.Pieces[^1].IsCData == isCData && !isCData)
            {
                frame.Pieces[^1] = (false, frame.Pieces[^1].Text + reader.Value);
                return;
            }

            frame.Pieces.Add((isCData, reader.Value));
        }

        private void FlushContent(Frame frame, bool dropWhitespace)
        {
            foreach ((bool isCData, string text) in frame.Pieces)
            {
                if (dropWhitespace && !isCData && string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                WritePiece(frame, isCData, text);
            }

            frame.Pieces.Clear();
        }

        private void WritePiece(Frame frame, bool isCData, string text)
        {
            if (isCData)
            {
                writer.WriteOpaque(Encoding.UTF8.GetBytes(text));
                return;
            }

            switch (frame.Encoding)
            {
                case OpaqueEncoding:
                    writer.WriteOpaque(FromBase64(frame, text));
                    break;
                case StringEncoding:
                    WriteString(frame, text);
                    break;
                case StringBase64Encoding:
                    byte[] raw = FromBase64(frame, text);
                    if (raw.AsSpan().Contains((byte)0))
                    {
                        throw Invalid($"<{EasCodePages.GetName(frame.Tag)}>: an inline string cannot contain a zero byte");
                    }

                    writer.WriteUtf8String(raw);
                    break;
                default:
                    if (EasCodePages.HasOpaqueContent(frame.Tag))
                    {
                        writer.WriteOpaque(FromBase64(frame, text));
                    }
                    else
                    {
                        WriteString(frame, text);
                    }

                    break;
            }
        }

        private void WriteString(Frame frame, string text)
        {
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw Invalid($"<{EasCodePages.GetName(frame.Tag)}>: an inline string cannot contain U+0000");
            }

            writer.WriteString(text);
        }

        private byte[] FromBase64(Frame frame, string text)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException e)
            {
                throw Invalid($"<{EasCodePages.GetName(frame.Tag)}> must hold base64 (its content is binary): {e.Message}");
            }
        }

        private WbxmlException Invalid(string detail) =>
            reader is IXmlLineInfo { } info && info.HasLineInfo()
                ? new WbxmlException(WbxmlErrorReason.InvalidXml, $"Line {info.LineNumber}, position {info.LinePosition}: {detail}")
                : new WbxmlException(WbxmlErrorReason.InvalidXml, detail);

        /// <summary>An element whose end has not been read: its tag, its encoding attribute and its pending content.</summary>
        private sealed class Frame(ushort tag, string? encoding)
        {
            public ushort Tag { get; } = tag;

            public string? Encoding { get; } = encoding;

            public bool HasChildren { get; set; }

            public List<(bool IsCData, string Text)> Pieces { get; } = [];
        }
    }
}
