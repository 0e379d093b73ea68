namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// An EAS element held in memory the way a server holds a response before writing it: a tag, at
/// most one piece of content (text as a .NET string or as UTF-8 bytes, or opaque bytes), and children.
/// </summary>
internal sealed class Element(ushort tag, string? text = null, byte[]? opaque = null, Element[]? children = null, byte[]? utf8Text = null)
{
    public ushort Tag { get; } = tag;

    public string? Text { get; } = text;

    /// <summary>Text already in UTF-8 (e.g. a body read from the store as bytes), written without transcoding.</summary>
    public byte[]? Utf8Text { get; } = utf8Text;

    public byte[]? Opaque { get; } = opaque;

    public Element[] Children { get; } = children ?? [];

    /// <summary>Writes this element and its subtree; what a response writer does per element.</summary>
    public void WriteTo(WbxmlWriter writer)
    {
        writer.WriteStartElement(Tag);
        if (Text is not null)
        {
            writer.WriteString(Text);
        }
        else if (Utf8Text is not null)
        {
            writer.WriteUtf8String(Utf8Text);
        }
        else if (Opaque is not null)
        {
            writer.WriteOpaque(Opaque);
        }

        foreach (Element child in Children)
        {
            child.WriteTo(writer);
        }

        writer.WriteEndElement();
    }

    /// <summary>The same tree with every text held as UTF-8 bytes instead of a string.</summary>
    public Element WithUtf8Text() =>
        new(Tag, opaque: Opaque, children: [.. Children.Select(c => c.WithUtf8Text())],
            utf8Text: Text is null ? Utf8Text : System.Text.Encoding.UTF8.GetBytes(Text));
}
