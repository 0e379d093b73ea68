using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Pushbox.Testing.Eas;

namespace Pushbox.Commands.Tests.Email;

/// <summary>
/// Validates decoded documents against Microsoft's EAS schemas in <c>shared/spec/xsd</c> (compiled by
/// <see cref="XsdValidator"/>): namespaces lose libwbxml's trailing colon, and the schemas of every code page
/// an email uses are compiled into one set, closed under their references (MeetingResponseResponse.xsd
/// declares the elements Email.xsd and Calendar.xsd take from MeetingResponse).
/// </summary>
internal static class EmailSchemas
{
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

    private static XmlSchemaSet Compile() => XsdValidator.ForFiles(EasSchemas.Sync);
}
