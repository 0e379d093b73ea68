using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// Writes the ActiveSync Autodiscover responses as UTF-8 XML with an XML declaration (MS-ASCMD 4.2.2
/// to 4.2.4), in the element order of AutodiscoverResponse.xsd and AutodiscoverMobileSync.xsd. Every
/// response is <c>Autodiscover</c> in <see cref="AutodiscoverSchemas.Response"/> around one <c>Response</c>.
/// Autodiscover has no protocol version (it precedes OPTIONS), so these writers take none.
/// </summary>
public static class AutodiscoverResponseWriter
{
    private const string ServerTypeMobileSync = "MobileSync";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\r\n",
        CloseOutput = false,
    };

    /// <summary>Writes the settings response: Culture, User (DisplayName, EMailAddress), Action/Settings/Server (Type MobileSync, Url, Name).</summary>
    public static void Write(IBufferWriter<byte> output, AutodiscoverResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Write(output, xml =>
        {
            StartMobileSyncResponse(xml, response.Culture, response.DisplayName, response.EMailAddress);
            xml.WriteStartElement("Action", AutodiscoverSchemas.MobileSyncResponse);
            xml.WriteStartElement("Settings", AutodiscoverSchemas.MobileSyncResponse);
            xml.WriteStartElement("Server", AutodiscoverSchemas.MobileSyncResponse);
            xml.WriteElementString("Type", AutodiscoverSchemas.MobileSyncResponse, ServerTypeMobileSync);
            xml.WriteElementString("Url", AutodiscoverSchemas.MobileSyncResponse, response.Url.AbsoluteUri);
            xml.WriteElementString("Name", AutodiscoverSchemas.MobileSyncResponse, response.Url.AbsoluteUri);
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    /// <summary>Writes the 600/601 response: Response/Error (Time, Id) with ErrorCode, Message, DebugData.</summary>
    public static void Write(IBufferWriter<byte> output, AutodiscoverErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Write(output, xml =>
        {
            xml.WriteStartElement("Response", AutodiscoverSchemas.Response);
            xml.WriteStartElement("Error", AutodiscoverSchemas.Response);
            if (response.Time is { } time)
            {
                xml.WriteAttributeString("Time", time.ToString("HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture));
            }

            if (response.Id is { } id)
            {
                xml.WriteAttributeString("Id", id.ToString(CultureInfo.InvariantCulture));
            }

            xml.WriteElementString("ErrorCode", AutodiscoverSchemas.Response, ((int)response.ErrorCode).ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Message", AutodiscoverSchemas.Response, response.Message);
            xml.WriteElementString("DebugData", AutodiscoverSchemas.Response, response.DebugData);
            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    /// <summary>Writes the action error response: Culture, User (EMailAddress), Action/Error with Status, Message, DebugData.</summary>
    public static void Write(IBufferWriter<byte> output, AutodiscoverActionErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Write(output, xml =>
        {
            StartMobileSyncResponse(xml, response.Culture, displayName: null, response.EMailAddress);
            xml.WriteStartElement("Action", AutodiscoverSchemas.MobileSyncResponse);
            xml.WriteStartElement("Error", AutodiscoverSchemas.MobileSyncResponse);
            xml.WriteElementString("Status", AutodiscoverSchemas.MobileSyncResponse, ((int)response.Status).ToString(CultureInfo.InvariantCulture));
            xml.WriteElementString("Message", AutodiscoverSchemas.MobileSyncResponse, response.Message);
            if (response.DebugData is not null)
            {
                xml.WriteElementString("DebugData", AutodiscoverSchemas.MobileSyncResponse, response.DebugData);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    private static void StartMobileSyncResponse(XmlWriter xml, string culture, string? displayName, string eMailAddress)
    {
        xml.WriteStartElement("Response", AutodiscoverSchemas.MobileSyncResponse);
        xml.WriteElementString("Culture", AutodiscoverSchemas.MobileSyncResponse, culture);
        xml.WriteStartElement("User", AutodiscoverSchemas.MobileSyncResponse);
        if (displayName is not null)
        {
            xml.WriteElementString("DisplayName", AutodiscoverSchemas.MobileSyncResponse, displayName);
        }

        xml.WriteElementString("EMailAddress", AutodiscoverSchemas.MobileSyncResponse, eMailAddress);
        xml.WriteEndElement();
    }

    /// <summary>Writes the declaration and the outer Autodiscover element around <paramref name="body"/>, then copies the bytes to <paramref name="output"/>.</summary>
    private static void Write(IBufferWriter<byte> output, Action<XmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream(1024);
        using (var xml = XmlWriter.Create(buffer, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("Autodiscover", AutodiscoverSchemas.Response);
            body(xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        output.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
