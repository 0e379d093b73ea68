using System.Globalization;
using Pushbox.Protocol.Commands.Search;
using Pushbox.Wbxml;
using AirSyncTags = Pushbox.Wbxml.EasCodePages.AirSyncTags;
using Email2Tags = Pushbox.Wbxml.EasCodePages.Email2Tags;
using EmailTags = Pushbox.Wbxml.EasCodePages.EmailTags;
using ItemOperationsTags = Pushbox.Wbxml.EasCodePages.ItemOperationsTags;
using Tags = Pushbox.Wbxml.EasCodePages.FindTags;

namespace Pushbox.Protocol.Commands.Find;

/// <summary>
/// Writes a Find response in the element order of FindResponse.xsd: <c>Status</c>, then <c>Response</c> with
/// <c>itemoperations:Store</c>, <c>Status</c>, the <c>Result</c> elements, <c>Range</c> and <c>Total</c>. An email
/// result holds <c>airsync:Class</c>, <c>airsync:ServerId</c>, <c>airsync:CollectionId</c> and <c>Properties</c>
/// (MS-ASCMD 2.2.3.139.1); a GAL result holds <c>Properties</c> of gal: elements. No match: no Result
/// (R38391805).
/// </summary>
public static class FindResponseWriter
{
    /// <summary>Writes <paramref name="response"/> as the whole document.</summary>
    public static void Write(WbxmlWriter writer, FindResponse response)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(response);
        writer.WriteStartElement(Tags.Find);
        writer.WriteElementInt(Tags.Status, (int)response.Status);
        if (response.ResponseStatus is { } status)
        {
            writer.WriteStartElement(Tags.Response);
            if (response.Store is { } store)
            {
                writer.WriteElementString(ItemOperationsTags.Store, store);
            }

            writer.WriteElementInt(Tags.Status, (int)status);
            foreach (FindResult result in response.Results)
            {
                WriteResult(writer, result);
            }

            if (response.Range is { } range)
            {
                writer.WriteElementString(Tags.Range, range.ToString());
            }

            if (response.Total is { } total)
            {
                writer.WriteElementInt(Tags.Total, total);
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteResult(WbxmlWriter writer, FindResult result)
    {
        writer.WriteStartElement(Tags.Result);
        Optional(writer, AirSyncTags.Class, result.Class);
        Optional(writer, AirSyncTags.ServerId, result.ServerId);
        Optional(writer, AirSyncTags.CollectionId, result.CollectionId);
        writer.WriteStartElement(Tags.Properties);
        if (result.Email is { } email)
        {
            WriteEmail(writer, email);
        }
        else if (result.Gal is { } gal)
        {
            SearchResponseWriter.WriteGal(writer, gal);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteEmail(WbxmlWriter writer, FindEmailProperties email)
    {
        Optional(writer, EmailTags.Subject, email.Subject);
        writer.WriteElementString(EmailTags.DateReceived, email.DateReceived.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Optional(writer, EmailTags.DisplayTo, email.DisplayTo);
        Optional(writer, Tags.DisplayCc, email.DisplayCc);
        Optional(writer, Tags.DisplayBcc, email.DisplayBcc);
        writer.WriteElementInt(EmailTags.Importance, email.Importance);
        writer.WriteElementInt(EmailTags.Read, email.Read ? 1 : 0);
        writer.WriteElementInt(Email2Tags.IsDraft, email.IsDraft ? 1 : 0);
        Optional(writer, Tags.Preview, email.Preview);
        writer.WriteElementInt(Tags.HasAttachments, email.HasAttachments ? 1 : 0);
        Optional(writer, EmailTags.From, email.From);
    }

    private static void Optional(WbxmlWriter writer, ushort tag, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteElementString(tag, value);
        }
    }
}
