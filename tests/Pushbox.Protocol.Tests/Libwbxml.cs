using System.Text;
using System.Xml.Linq;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests;

/// <summary>
/// Debian's libwbxml2-utils (xml2wbxml, wbxml2xml) as an independent encoder and decoder for command tests:
/// request bodies encoded by libwbxml go into our parsers, and our writers' bytes must decode in libwbxml to
/// the document we meant and re-encode to the same bytes. Missing tools fail the test: CI installs them
/// (as for Pushbox.Wbxml.Tests, whose runner this mirrors); they are never skipped.
/// </summary>
internal static class Libwbxml
{
    /// <summary>libwbxml's encoding of the XML form (the prolog and DOCTYPE are added when missing).</summary>
    public static byte[] Encode(string xml) =>
        LibwbxmlTools.Encode(xml.Contains("<!DOCTYPE", StringComparison.Ordinal) ? xml : "<?xml version=\"1.0\"?>\n" + WbxmlXml.DocType + "\n" + xml);

    /// <summary>libwbxml's decoding to its XML form.</summary>
    public static string Decode(byte[] wbxml) => LibwbxmlTools.Decode(wbxml);

    /// <summary>
    /// Asserts that libwbxml reads <paramref name="wbxml"/> as the same tree our decoder does (names, namespaces,
    /// text) and, when <paramref name="sameBytes"/>, that its re-encoding of what it read is byte for byte ours.
    /// (A text written in several pieces re-encodes as one, so streamed Data compares by tree only.)
    /// </summary>
    public static void AssertRoundTrip(byte[] wbxml, bool sameBytes = true)
    {
        string theirs = Decode(wbxml);
        Assert.Equal(Canonical(WbxmlXml.ToXml(wbxml)), Canonical(theirs));
        if (sameBytes)
        {
            Assert.Equal(Convert.ToHexString(wbxml), Convert.ToHexString(Encode(theirs)));
        }
    }

    /// <summary>Asserts that two XML forms hold the same elements, namespaces and text (layout does not count).</summary>
    public static void AssertSameXml(string expected, string actual) => Assert.Equal(Canonical(expected), Canonical(actual));

    /// <summary>The structure of an XML document as one string: names with namespaces and leaf text, not layout.</summary>
    public static string Canonical(string xml)
    {
        var text = new StringBuilder();
        Append(XDocument.Parse(xml).Root!, text);
        return text.ToString();
    }

    private static void Append(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.NamespaceName).Append(element.Name.LocalName).Append('>');
        if (element.HasElements)
        {
            foreach (XElement child in element.Elements())
            {
                Append(child, text);
            }
        }
        else
        {
            text.Append(element.Value);
        }

        text.Append("</>");
    }
}
