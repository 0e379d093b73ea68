using System.Buffers;
using System.Text.Json;

namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// Writes the Autodiscover v2 answer for the ActiveSync protocol, the JSON that
/// <c>GET /autodiscover/autodiscover.json/v1.0/{address}?Protocol=ActiveSync</c> returns:
/// <c>{"Protocol":"ActiveSync","Url":"https://…/Microsoft-Server-ActiveSync"}</c>.
/// </summary>
public static class AutodiscoverV2ResponseWriter
{
    /// <summary>The protocol name the response carries and the request's <c>Protocol</c> parameter names.</summary>
    public const string ProtocolName = "ActiveSync";

    /// <summary>Writes the JSON object for <paramref name="url"/>, an absolute http(s) URL of the ActiveSync endpoint.</summary>
    /// <exception cref="ArgumentException">The URL is not absolute http or https.</exception>
    public static void Write(IBufferWriter<byte> output, Uri url)
    {
        ArgumentNullException.ThrowIfNull(output);
        AutodiscoverUrls.RequireHttp(url, nameof(url));
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("Protocol", ProtocolName);
        json.WriteString("Url", url.AbsoluteUri);
        json.WriteEndObject();
    }
}
