using System.Xml.Linq;

namespace Pushbox.Wbxml.Tests;

/// <summary>Compares two XML forms of a document by structure: names, namespaces, text; not whitespace or layout.</summary>
internal static class XmlTree
{
    public static string Canonical(string xml)
    {
        XElement root = XDocument.Parse(xml).Root!;
        var text = new System.Text.StringBuilder();
        Append(root, text);
        return text.ToString();
    }

    private static void Append(XElement element, System.Text.StringBuilder text)
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
