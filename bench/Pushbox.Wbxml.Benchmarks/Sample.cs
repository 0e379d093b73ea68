namespace Pushbox.Wbxml.Benchmarks;

/// <summary>One benchmark document in every form the benchmarks start from.</summary>
internal sealed class Sample(string name, Element tree, byte[] wbxml, string xml)
{
    public string Name { get; } = name;

    /// <summary>The in-memory element tree the encode benchmarks write from.</summary>
    public Element Tree { get; } = tree;

    /// <summary><see cref="Tree"/> with its text as UTF-8 bytes: isolates the writer from UTF-16 → UTF-8 transcoding.</summary>
    public Element Utf8Tree { get; } = tree.WithUtf8Text();

    /// <summary>The document as WBXML, written by <see cref="WbxmlWriter"/> from <see cref="Tree"/>.</summary>
    public byte[] Wbxml { get; } = wbxml;

    /// <summary>The document in libwbxml's ActiveSync XML form, compact (<see cref="WbxmlXml.ToXml"/> without indentation).</summary>
    public string Xml { get; } = xml;

    /// <summary>The same document as libwbxml's wbxml_conv_wbxml2xml writes it (compact, UTF-8): the XML libwbxml's encoder is given.</summary>
    /// <remarks>
    /// libwbxml spells a few tags differently from MS-ASWBXML (Email:Status is FlagStatus,
    /// Tasks:UtcStartDate is UTCStartDate), so each encoder gets the XML of its own decoder; the
    /// validation proves both are the same document and encode to the same bytes.
    /// </remarks>
    public byte[] LibwbxmlXmlUtf8 { get; } = LibwbxmlXml(wbxml);

    private static byte[] LibwbxmlXml(byte[] wbxml)
    {
        LibWbxmlCodec.ToXml(wbxml, copy: true, out byte[]? xml);
        return xml!;
    }
}
