using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ValidateCertTags;

namespace Pushbox.Protocol.Commands.ValidateCert;

/// <summary>Writes a ValidateCert response in the order of ValidateCertResponse.xsd: Status, then one Certificate/Status per certificate.</summary>
public static class ValidateCertResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    public static void Write(WbxmlWriter writer, ValidateCertResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));
        writer.WriteStartElement(Tags.ValidateCert);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        foreach (ValidateCertStatus status in response.Certificates)
        {
            writer.WriteStartElement(Tags.Certificate);
            writer.WriteElementInt(Tags.Status, (int)status);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
