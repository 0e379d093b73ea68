namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// The libwbxml operations the benchmarks time, each a complete unit of work that frees what it
/// allocates. With <c>copy</c> the native output is also copied into a managed array (validation
/// only; the timed paths pass false and measure libwbxml alone).
/// </summary>
internal static unsafe class LibWbxmlCodec
{
    /// <summary>
    /// Decodes every token with libwbxml's own parser and no content handler: the pure decode,
    /// without building anything (libwbxml still allocates a tag and a content buffer per token).
    /// </summary>
    public static int Parse(byte[] wbxml)
    {
        nint parser = LibWbxml.ParserCreate();
        try
        {
            LibWbxml.ParserSetLanguage(parser, LibWbxml.LangActiveSync);
            fixed (byte* p = wbxml)
            {
                return LibWbxml.ParserParse(parser, p, (uint)wbxml.Length);
            }
        }
        finally
        {
            LibWbxml.ParserDestroy(parser);
        }
    }

    /// <summary>Decodes to a WBXMLTree (what libwbxml's own converters do). The caller destroys it.</summary>
    public static nint Tree(byte[] wbxml)
    {
        nint tree;
        fixed (byte* p = wbxml)
        {
            LibWbxml.Check(LibWbxml.TreeFromWbxml(p, (uint)wbxml.Length, LibWbxml.LangActiveSync, LibWbxml.CharsetUnknown, &tree), "wbxml_tree_from_wbxml");
        }

        return tree;
    }

    /// <summary>Decodes to a tree and destroys it: libwbxml's full decode.</summary>
    public static void TreeAndDestroy(byte[] wbxml) => LibWbxml.TreeDestroy(Tree(wbxml));

    /// <summary>Encodes a tree to WBXML 1.3 without a string table or public id, as Exchange writes. Returns the length.</summary>
    public static int TreeToWbxml(nint tree, bool copy, out byte[]? result)
    {
        var parameters = new LibWbxml.GenWbxmlParams
        {
            WbxmlVersion = LibWbxml.Version13,
            KeepIgnorableWhitespace = 1,
            UseStringTable = 0,
            ProduceAnonymous = 1,
        };
        byte* output = null;
        uint length = 0;
        try
        {
            LibWbxml.Check(LibWbxml.TreeToWbxml(tree, &output, &length, &parameters), "wbxml_tree_to_wbxml");
            result = copy ? new ReadOnlySpan<byte>(output, (int)length).ToArray() : null;
            return (int)length;
        }
        finally
        {
            LibWbxml.Free(output);
        }
    }

    /// <summary>WBXML to compact XML with wbxml_conv_wbxml2xml for the ActiveSync language. Returns the XML length.</summary>
    public static int ToXml(byte[] wbxml, bool copy, out byte[]? xml)
    {
        nint conv;
        LibWbxml.Check(LibWbxml.Wbxml2XmlCreate(&conv), "wbxml_conv_wbxml2xml_create");
        byte* output = null;
        uint length = 0;
        try
        {
            LibWbxml.Wbxml2XmlSetLanguage(conv, LibWbxml.LangActiveSync);
            LibWbxml.Wbxml2XmlSetGenType(conv, LibWbxml.GenXmlCompact);
            fixed (byte* p = wbxml)
            {
                LibWbxml.Check(LibWbxml.Wbxml2XmlRun(conv, p, (uint)wbxml.Length, &output, &length), "wbxml_conv_wbxml2xml_run");
            }

            xml = copy ? new ReadOnlySpan<byte>(output, (int)length).ToArray() : null;
            return (int)length;
        }
        finally
        {
            LibWbxml.Free(output);
            LibWbxml.Wbxml2XmlDestroy(conv);
        }
    }

    /// <summary>XML to WBXML 1.3 with wbxml_conv_xml2wbxml: no string table, no public id (as Exchange writes). Returns the WBXML length.</summary>
    public static int FromXml(byte[] xmlUtf8, bool copy, out byte[]? wbxml)
    {
        nint conv;
        LibWbxml.Check(LibWbxml.Xml2WbxmlCreate(&conv), "wbxml_conv_xml2wbxml_create");
        byte* output = null;
        uint length = 0;
        try
        {
            LibWbxml.Xml2WbxmlSetVersion(conv, LibWbxml.Version13);
            LibWbxml.Xml2WbxmlDisableStringTable(conv);
            LibWbxml.Xml2WbxmlDisablePublicId(conv);
            LibWbxml.Xml2WbxmlEnablePreserveWhitespaces(conv);
            fixed (byte* p = xmlUtf8)
            {
                LibWbxml.Check(LibWbxml.Xml2WbxmlRun(conv, p, (uint)xmlUtf8.Length, &output, &length), "wbxml_conv_xml2wbxml_run");
            }

            wbxml = copy ? new ReadOnlySpan<byte>(output, (int)length).ToArray() : null;
            return (int)length;
        }
        finally
        {
            LibWbxml.Free(output);
            LibWbxml.Xml2WbxmlDestroy(conv);
        }
    }
}
