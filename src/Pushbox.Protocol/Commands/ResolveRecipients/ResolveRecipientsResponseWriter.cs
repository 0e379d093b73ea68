using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ResolveRecipientsTags;

namespace Pushbox.Protocol.Commands.ResolveRecipients;

/// <summary>
/// Writes a ResolveRecipients response in the order of ResolveRecipientsResponse.xsd: Status, then per To a Response
/// with To, Status, RecipientCount and the Recipients (Type 1, DisplayName, EmailAddress, Availability, Certificates,
/// Picture). Certificates are base64 text (MS-ASCMD 2.2.3.23.1). Availability is written from 14.0, Picture from 14.1.
/// </summary>
public static class ResolveRecipientsResponseWriter
{
    /// <summary>The Type of a recipient found in the GAL.</summary>
    private const int GalRecipient = 1;

    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    public static void Write(WbxmlWriter writer, ResolveRecipientsResponse response, EasVersion version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        FolderValues.RequireStatusKnownTo((int)response.Status, version, nameof(response));
        writer.WriteStartElement(Tags.ResolveRecipients);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        foreach (RecipientResponse answer in response.Responses)
        {
            writer.WriteStartElement(Tags.Response);
            writer.WriteElementString(Tags.To, answer.To);
            writer.WriteElementInt(Tags.Status, (int)answer.Status);
            if (answer.Status != ResolveRecipientsStatus.Unresolved)
            {
                writer.WriteElementInt(Tags.RecipientCount, answer.RecipientCount);
            }

            foreach (ResolvedRecipient recipient in answer.Recipients)
            {
                WriteRecipient(writer, recipient, version);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteRecipient(WbxmlWriter writer, ResolvedRecipient recipient, EasVersion version)
    {
        writer.WriteStartElement(Tags.Recipient);
        writer.WriteElementInt(Tags.Type, GalRecipient);
        writer.WriteElementString(Tags.DisplayName, recipient.DisplayName);
        writer.WriteElementString(Tags.EmailAddress, recipient.EmailAddress);
        if (recipient.Availability is { } availability && version >= EasVersion.V140)
        {
            writer.WriteStartElement(Tags.Availability);
            writer.WriteElementInt(Tags.Status, (int)availability);
            writer.WriteEndElement();
        }

        if (recipient.Certificates is { } certificates)
        {
            writer.WriteStartElement(Tags.Certificates);
            writer.WriteElementInt(Tags.Status, (int)certificates.Status);
            writer.WriteElementInt(Tags.CertificateCount, certificates.CertificateCount);
            foreach (byte[] certificate in certificates.Certificates)
            {
                writer.WriteElementString(Tags.Certificate, Convert.ToBase64String(certificate));
            }

            writer.WriteEndElement();
        }

        if (recipient.Picture is { } picture && version >= EasVersion.V141)
        {
            writer.WriteStartElement(Tags.Picture);
            writer.WriteElementInt(Tags.Status, (int)picture.Status);
            if (picture.Data is { } data)
            {
                writer.WriteElementOpaque(Tags.Data, data.Span);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
