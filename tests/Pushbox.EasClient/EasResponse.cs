using System.Xml;
using System.Xml.Linq;
using Pushbox.Wbxml;

namespace Pushbox.Testing.Eas;

/// <summary>
/// What the server answered: status, headers (response and content headers together, looked up in
/// any letter case, several values joined with ", "), the body bytes and, for a WBXML body, the
/// decoded document in libwbxml's XML form (<c>&lt;FolderSync xmlns="FolderHierarchy:"&gt;</c>).
/// </summary>
public sealed class EasResponse
{
    /// <summary>Creates a response; <see cref="EasClient"/> does this.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="httpVersion">The HTTP version the exchange used.</param>
    /// <param name="headers">Every header, name to value.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="elapsed">From sending the request to the end of the body.</param>
    /// <param name="decode">Whether to decode a WBXML body now.</param>
    public EasResponse(int statusCode, Version httpVersion, IReadOnlyDictionary<string, string> headers, byte[] body, TimeSpan elapsed, bool decode = true)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(body);
        StatusCode = statusCode;
        HttpVersion = httpVersion;
        Headers = headers;
        Body = body;
        Elapsed = elapsed;
        if (decode && IsWbxml && body.Length > 0)
        {
            try
            {
                XmlText = WbxmlXml.ToXml(body);
                Xml = ParseXml(XmlText);
            }
            catch (Exception e) when (e is WbxmlException or XmlException)
            {
                DecodeError = e.Message;
            }
        }
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The HTTP version of the exchange (1.1 or 2.0).</summary>
    public Version HttpVersion { get; }

    /// <summary>Every header, case-insensitive names.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as received.</summary>
    public byte[] Body { get; }

    /// <summary>Time from sending to the last byte of the body.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The Content-Type header, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>Whether the body is declared as WBXML (<c>application/vnd.ms-sync.wbxml</c>).</summary>
    public bool IsWbxml => ContentType?.StartsWith(EasClient.WbxmlContentType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The decoded WBXML body as XML text; null when the body is not WBXML, is empty or did not decode.</summary>
    public string? XmlText { get; }

    /// <summary>The decoded WBXML body; null when the body is not WBXML, is empty or did not decode (see <see cref="DecodeError"/>).</summary>
    public XDocument? Xml { get; }

    /// <summary>Why a WBXML body did not decode; null when it did or was not decoded.</summary>
    public string? DecodeError { get; }

    /// <summary>The body as UTF-8 text (Autodiscover XML, JSON, plain text).</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() => $"HTTP {StatusCode} ({Body.Length} bytes){(XmlText is null ? string.Empty : Environment.NewLine + XmlText)}";

    internal static XDocument ParseXml(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        return XDocument.Load(reader);
    }
}
