using System.Runtime.InteropServices;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// libwbxml 0.11 (Debian's libwbxml2-1), called in-process. Signatures from
/// /usr/include/libwbxml-1.0/wbxml/wbxml_conv.h and libwbxml's wbxml_tree.h / wbxml_parser.h
/// (the tree and parser headers are not shipped by Debian; the symbols are exported).
/// WB_ULONG is unsigned int, WB_BOOL unsigned char, enums are int.
/// </summary>
internal static unsafe partial class LibWbxml
{
    public const string Library = "libwbxml2.so.1";

    /// <summary>WBXML_OK.</summary>
    public const int Ok = 0;

    /// <summary>WBXML_LANG_ACTIVESYNC.</summary>
    public const int LangActiveSync = 2402;

    /// <summary>WBXML_CHARSET_UNKNOWN: take the charset from the document header.</summary>
    public const int CharsetUnknown = 0;

    /// <summary>WBXML_VERSION_13.</summary>
    public const int Version13 = 3;

    /// <summary>WBXML_GEN_XML_COMPACT.</summary>
    public const int GenXmlCompact = 0;

    [LibraryImport(Library, EntryPoint = "wbxml_tree_from_wbxml")]
    public static partial int TreeFromWbxml(byte* wbxml, uint wbxmlLength, int lang, int charset, nint* tree);

    [LibraryImport(Library, EntryPoint = "wbxml_tree_to_wbxml")]
    public static partial int TreeToWbxml(nint tree, byte** wbxml, uint* wbxmlLength, GenWbxmlParams* parameters);

    [LibraryImport(Library, EntryPoint = "wbxml_tree_destroy")]
    public static partial void TreeDestroy(nint tree);

    [LibraryImport(Library, EntryPoint = "wbxml_parser_create")]
    public static partial nint ParserCreate();

    [LibraryImport(Library, EntryPoint = "wbxml_parser_set_language")]
    public static partial byte ParserSetLanguage(nint parser, int lang);

    [LibraryImport(Library, EntryPoint = "wbxml_parser_parse")]
    public static partial int ParserParse(nint parser, byte* wbxml, uint wbxmlLength);

    [LibraryImport(Library, EntryPoint = "wbxml_parser_destroy")]
    public static partial void ParserDestroy(nint parser);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_wbxml2xml_create")]
    public static partial int Wbxml2XmlCreate(nint* conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_wbxml2xml_set_gen_type")]
    public static partial void Wbxml2XmlSetGenType(nint conv, int genType);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_wbxml2xml_set_language")]
    public static partial void Wbxml2XmlSetLanguage(nint conv, int lang);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_wbxml2xml_run")]
    public static partial int Wbxml2XmlRun(nint conv, byte* wbxml, uint wbxmlLength, byte** xml, uint* xmlLength);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_wbxml2xml_destroy")]
    public static partial void Wbxml2XmlDestroy(nint conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_create")]
    public static partial int Xml2WbxmlCreate(nint* conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_set_version")]
    public static partial void Xml2WbxmlSetVersion(nint conv, int version);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_disable_string_table")]
    public static partial void Xml2WbxmlDisableStringTable(nint conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_disable_public_id")]
    public static partial void Xml2WbxmlDisablePublicId(nint conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_enable_preserve_whitespaces")]
    public static partial void Xml2WbxmlEnablePreserveWhitespaces(nint conv);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_run")]
    public static partial int Xml2WbxmlRun(nint conv, byte* xml, uint xmlLength, byte** wbxml, uint* wbxmlLength);

    [LibraryImport(Library, EntryPoint = "wbxml_conv_xml2wbxml_destroy")]
    public static partial void Xml2WbxmlDestroy(nint conv);

    [LibraryImport(Library, EntryPoint = "wbxml_free")]
    public static partial void Free(void* memory);

    [LibraryImport(Library, EntryPoint = "wbxml_errors_string")]
    public static partial byte* ErrorsString(int error);

    /// <summary>Throws with libwbxml's message unless <paramref name="error"/> is WBXML_OK.</summary>
    public static void Check(int error, string what)
    {
        if (error != Ok)
        {
            throw new InvalidOperationException($"libwbxml {what} failed: {error} {Marshal.PtrToStringUTF8((nint)ErrorsString(error))}");
        }
    }

    /// <summary>WBXMLGenWBXMLParams.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct GenWbxmlParams
    {
        public int WbxmlVersion;
        public byte KeepIgnorableWhitespace;
        public byte UseStringTable;
        public byte ProduceAnonymous;
    }
}
