using System.Buffers;
using System.Xml.Linq;
using Pushbox.Commands.Email;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Wbxml;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Commands.Tests.Email;

/// <summary>An item rendered inside a minimal Sync response (one Add), decoded to XML.</summary>
public sealed class RenderedItem
{
    public static readonly XNamespace AirSync = "AirSync";
    public static readonly XNamespace AirSyncBase = "AirSyncBase";
    public static readonly XNamespace EmailNs = "Email";
    public static readonly XNamespace Email2 = "Email2";
    public static readonly XNamespace Tasks = "Tasks";

    private RenderedItem(byte[] wbxml, XDocument document, int flushes)
    {
        Wbxml = wbxml;
        Document = document;
        Flushes = flushes;
        ApplicationData = document.Descendants(AirSync + "ApplicationData").Single();
    }

    /// <summary>The whole Sync response as WBXML.</summary>
    public byte[] Wbxml { get; }

    /// <summary>The response as XML, namespaces without libwbxml's trailing colon.</summary>
    public XDocument Document { get; }

    public XElement ApplicationData { get; }

    /// <summary>How many times the writer flushed the output.</summary>
    public int Flushes { get; }

    public XElement? Body => ApplicationData.Element(AirSyncBase + "Body");

    /// <summary>airsyncbase:Body/Data, or the 2.5 email:Body or email:MIMEData.</summary>
    public string? Data => (Body?.Element(AirSyncBase + "Data") ?? ApplicationData.Element(EmailNs + "Body") ?? ApplicationData.Element(EmailNs + "MIMEData"))?.Value;

    public static async Task<RenderedItem> RenderAsync(EmailItemRenderer renderer, StoredItem item, ItemBodyOptions options, EasVersion version)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(buffer);
        int flushes = 0;
        var output = new WbxmlResponseOutput(writer, _ =>
        {
            flushes++;
            return ValueTask.CompletedTask;
        });
        writer.WriteStartElement(AirSyncTags.Sync);
        writer.WriteStartElement(AirSyncTags.Collections);
        writer.WriteStartElement(AirSyncTags.Collection);
        writer.WriteElementString(AirSyncTags.SyncKey, "2");
        writer.WriteElementString(AirSyncTags.CollectionId, item.FolderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteElementInt(AirSyncTags.Status, 1);
        writer.WriteStartElement(AirSyncTags.Commands);
        writer.WriteStartElement(AirSyncTags.Add);
        writer.WriteElementString(AirSyncTags.ServerId, item.ServerId);
        writer.WriteStartElement(AirSyncTags.ApplicationData);
        await renderer.Render(item, options, version)(output, CancellationToken.None);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndElement();
        Assert.Equal(0, writer.Depth);
        byte[] wbxml = buffer.WrittenSpan.ToArray();
        return new RenderedItem(wbxml, Decode(wbxml), flushes);
    }

    /// <summary>Decodes WBXML to XML and maps libwbxml's namespaces ("Email:") to the schemas' ("Email").</summary>
    public static XDocument Decode(byte[] wbxml)
    {
        XDocument document = XDocument.Parse(WbxmlXml.ToXml(wbxml));
        foreach (XElement element in document.Descendants())
        {
            element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            string ns = element.Name.NamespaceName;
            if (ns.EndsWith(':'))
            {
                element.Name = XName.Get(element.Name.LocalName, ns[..^1]);
            }

            // Raw MIME may hold control characters (ESC of ISO-2022-JP, 8-bit junk) that WBXML carries
            // but XML cannot: the bridge gives such data as base64 with encoding="string-base64".
            bool mime = element.Name == EmailNs + "MIMEData"
                || (element.Name == AirSyncBase + "Data" && (string?)element.Parent?.Element(AirSyncBase + "Type") == "4");
            if (mime && (string?)element.Attribute("encoding") == "string-base64")
            {
                element.Attribute("encoding")!.Remove();
            }
        }

        return document;
    }

    /// <summary>The local names of the ApplicationData children in order, "ns:Name" for other than Email.</summary>
    public IReadOnlyList<string> ElementNames() =>
        [.. ApplicationData.Elements().Select(e => e.Name.Namespace == EmailNs ? e.Name.LocalName : $"{e.Name.NamespaceName}:{e.Name.LocalName}")];

    public string? Value(XNamespace ns, string name) => ApplicationData.Element(ns + name)?.Value;

    public void AssertValid()
    {
        IReadOnlyList<string> errors = EmailSchemas.Validate(Document);
        Assert.True(errors.Count == 0, $"Not valid:\n{string.Join('\n', errors)}\n{Document}");
    }
}
