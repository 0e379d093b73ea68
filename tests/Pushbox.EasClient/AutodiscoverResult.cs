using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Pushbox.Testing.Eas;

/// <summary>An Autodiscover (XML) answer: the HTTP response and, when the body is XML, what it says.</summary>
public sealed class AutodiscoverResult
{
    private AutodiscoverResult(EasResponse response)
    {
        Response = response;
        if (response.StatusCode != 200 || response.Body.Length == 0)
        {
            return;
        }

        try
        {
            Xml = EasResponse.ParseXml(response.BodyText);
        }
        catch (XmlException)
        {
            return;
        }

        XNamespace mobile = EasNamespaces.AutodiscoverMobileSyncResponse;
        XNamespace outer = EasNamespaces.AutodiscoverResponse;
        ErrorCode = Xml.Descendants(outer + "ErrorCode").FirstOrDefault() is { } code && int.TryParse(code.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
        EMailAddress = Xml.Descendants(mobile + "EMailAddress").FirstOrDefault()?.Value;
        DisplayName = Xml.Descendants(mobile + "DisplayName").FirstOrDefault()?.Value;
        XElement? server = Xml.Descendants(mobile + "Server").FirstOrDefault();
        ServerType = server?.Element(mobile + "Type")?.Value;
        Url = server?.Element(mobile + "Url")?.Value;
    }

    /// <summary>The HTTP response.</summary>
    public EasResponse Response { get; }

    /// <summary>The body as XML; null unless HTTP 200 with well-formed XML.</summary>
    public XDocument? Xml { get; }

    /// <summary>Response/Error/ErrorCode (600 invalid request, 601 provider not found); null when the answer is not an error.</summary>
    public int? ErrorCode { get; }

    /// <summary>Response/User/EMailAddress.</summary>
    public string? EMailAddress { get; }

    /// <summary>Response/User/DisplayName.</summary>
    public string? DisplayName { get; }

    /// <summary>Action/Settings/Server/Type, "MobileSync" for ActiveSync.</summary>
    public string? ServerType { get; }

    /// <summary>Action/Settings/Server/Url: where the device sends ActiveSync requests.</summary>
    public string? Url { get; }

    internal static AutodiscoverResult From(EasResponse response) => new(response);
}
