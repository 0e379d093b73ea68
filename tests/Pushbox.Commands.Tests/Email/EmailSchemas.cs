using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// Validates decoded documents against Microsoft's EAS schemas in <c>shared/spec/xsd</c>, as
/// <c>Pushbox.Testing.Eas.XsdValidator</c> does (that helper lives in a project this one does not
/// reference): namespaces lose libwbxml's trailing colon, and the schemas of every code page an email
/// uses are compiled into one set. The MeetingResponse schema is not among the files, so a stub declares
/// the two elements Email.xsd and Calendar.xsd refer to.
/// </summary>
internal static class EmailSchemas
{
    private static readonly string[] Files =
    [
        "SyncResponse.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Email.xsd", "Email2.xsd", "Calendar.xsd", "Contacts.xsd",
        "Contacts2.xsd", "DocumentLibrary.xsd", "Notes.xsd", "Tasks.xsd", "RightsManagement.xsd", "ComposeMail.xsd", "ItemOperations.xsd",
    ];

    private const string MeetingResponseStub = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="MeetingResponse" targetNamespace="MeetingResponse" elementFormDefault="qualified">
          <xs:element name="ProposedStartTime" type="xs:string"/>
          <xs:element name="ProposedEndTime" type="xs:string"/>
        </xs:schema>
        """;

    private static readonly Lazy<XmlSchemaSet> Set = new(Compile);

    /// <summary>The schema errors of <paramref name="document"/> (namespaces without the trailing colon); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(XDocument document)
    {
        var errors = new List<string>();
        XName root = document.Root!.Name;
        if (!Set.Value.GlobalElements.Contains(new XmlQualifiedName(root.LocalName, root.NamespaceName)))
        {
            return [$"the root {root} is not declared"];
        }

        document.Validate(Set.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }

    private static XmlSchemaSet Compile()
    {
        string directory = FindSchemaDirectory();
        var set = new XmlSchemaSet { XmlResolver = null };
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        foreach (string file in Files)
        {
            using XmlReader reader = XmlReader.Create(Path.Combine(directory, file), settings);
            set.Add(XmlSchema.Read(reader, (_, e) => throw new InvalidOperationException($"{file}: {e.Message}"))!);
        }

        using (XmlReader stub = XmlReader.Create(new StringReader(MeetingResponseStub), settings))
        {
            set.Add(XmlSchema.Read(stub, (_, e) => throw new InvalidOperationException(e.Message))!);
        }

        set.Compile();
        return set;
    }

    private static string FindSchemaDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "spec", "xsd");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"No shared/spec/xsd above {AppContext.BaseDirectory}.");
    }
}
