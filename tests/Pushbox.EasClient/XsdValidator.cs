using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Pushbox.Wbxml;

namespace Pushbox.Testing.Eas;

/// <summary>
/// Validates responses against Microsoft's EAS schemas in <c>shared/spec/xsd</c>. A WBXML response is
/// decoded with <see cref="WbxmlXml.ToXml"/>, whose namespaces are libwbxml's ("FolderHierarchy:"); the
/// schemas use the bare page name ("FolderHierarchy"), so the trailing colon is stripped before
/// validating. The schema files carry no <c>xs:import</c>, so a response that uses several code pages
/// needs all of their schemas in one set: <see cref="ForFiles"/> builds such a set once per file list.
/// </summary>
/// <remarks>
/// Use: <c>XsdValidator.AssertValidWbxml(bytes, "FolderSyncResponse.xsd", "FolderHierarchy.xsd")</c>.
/// Every schema error is reported, with the decoded XML, in one assertion failure.
/// </remarks>
public static class XsdValidator
{
    private static readonly Lazy<string> Directory = new(FindSchemaDirectory);
    private static readonly Dictionary<string, XmlSchemaSet> Sets = [];

    /// <summary>The folder holding the .xsd files.</summary>
    public static string SchemaDirectory => Directory.Value;

    /// <summary>A compiled schema set of the named files (e.g. "FolderSyncResponse.xsd"), cached per list.</summary>
    public static XmlSchemaSet ForFiles(params string[] files)
    {
        string key = string.Join('|', files.Order(StringComparer.Ordinal));
        lock (Sets)
        {
            if (!Sets.TryGetValue(key, out XmlSchemaSet? set))
            {
                set = new XmlSchemaSet { XmlResolver = null };
                foreach (string file in files)
                {
                    using XmlReader reader = XmlReader.Create(Path.Combine(SchemaDirectory, file), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
                    set.Add(XmlSchema.Read(reader, (_, e) => throw new InvalidOperationException($"{file}: {e.Message}"))!);
                }

                set.Compile();
                Sets[key] = set;
            }

            return set;
        }
    }

    /// <summary>Decodes <paramref name="wbxml"/>, maps its namespaces to the schemas' and validates it; fails the test on any error.</summary>
    public static void AssertValidWbxml(ReadOnlyMemory<byte> wbxml, params string[] schemaFiles)
    {
        string xml = WbxmlXml.ToXml(wbxml);
        XDocument document = Load(xml);
        foreach (XElement element in document.Descendants())
        {
            string ns = element.Name.NamespaceName;
            if (ns.EndsWith(':'))
            {
                // The codec names code page 16 "Gal" (libwbxml's spelling); GAL.xsd's namespace is "GAL".
                string schemaNs = ns[..^1];
                element.Name = XName.Get(element.Name.LocalName, schemaNs == "Gal" ? "GAL" : schemaNs);
            }
        }

        AssertValid(document, xml, schemaFiles);
    }

    /// <summary>Validates plain XML text (Autodiscover) as it is; fails the test on any error.</summary>
    public static void AssertValidXml(string xml, params string[] schemaFiles) => AssertValid(Load(xml), xml, schemaFiles);

    /// <summary>The schema errors of <paramref name="document"/>, empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument document, params string[] schemaFiles)
    {
        XmlSchemaSet set = ForFiles(schemaFiles);
        var errors = new List<string>();

        // XDocument.Validate is silent about a root that no schema declares; that must fail too.
        XName root = document.Root?.Name ?? throw new ArgumentException("The document has no root.", nameof(document));
        if (!set.GlobalElements.Contains(new XmlQualifiedName(root.LocalName, root.NamespaceName)))
        {
            errors.Add($"Error: the root element {{{root.NamespaceName}}}{root.LocalName} is not declared in {string.Join(", ", schemaFiles)}");
            return errors;
        }

        document.Validate(set, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static void AssertValid(XDocument document, string xml, string[] schemaFiles)
    {
        IReadOnlyList<string> errors = Validate(document, schemaFiles);
        if (errors.Count > 0)
        {
            throw new XmlSchemaValidationException($"Not valid against {string.Join(", ", schemaFiles)}:\n{string.Join('\n', errors)}\n{xml}");
        }
    }

    private static XDocument Load(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader);
    }

    /// <summary>Walks up from the test binaries to the folder holding <c>shared/spec/xsd</c> (the work tree's parent, locally and in CI).</summary>
    private static string FindSchemaDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "spec", "xsd");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No shared/spec/xsd above {AppContext.BaseDirectory}.");
    }
}
