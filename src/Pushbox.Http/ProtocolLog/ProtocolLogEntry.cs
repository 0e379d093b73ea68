using Microsoft.Extensions.Primitives;

namespace Pushbox.Http.ProtocolLog;

/// <summary>
/// One request and its response, as <see cref="DeviceProtocolLog"/> writes them. Pass the headers as
/// received and sent (<c>HttpRequest.Headers</c>, <c>HttpResponse.Headers</c>): secrets are removed
/// when the entry is written, not here.
/// </summary>
public sealed class ProtocolLogEntry
{
    /// <summary>When the request arrived; the time of writing when null.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path and query as received (<c>/Microsoft-Server-ActiveSync?Cmd=Sync&amp;…</c>); password-like query values are masked when written.</summary>
    public required string PathAndQuery { get; init; }

    /// <summary>The client's address, when known.</summary>
    public string? RemoteAddress { get; init; }

    /// <summary>The request headers; Authorization, Cookie and the like are never written.</summary>
    public IEnumerable<KeyValuePair<string, StringValues>> RequestHeaders { get; init; } = [];

    /// <summary>The request body (WBXML is decoded to XML, password elements masked).</summary>
    public ReadOnlyMemory<byte> RequestBody { get; init; }

    /// <summary>The HTTP status answered.</summary>
    public int StatusCode { get; init; }

    /// <summary>The response headers; Set-Cookie and the like are never written.</summary>
    public IEnumerable<KeyValuePair<string, StringValues>> ResponseHeaders { get; init; } = [];

    /// <summary>The response body.</summary>
    public ReadOnlyMemory<byte> ResponseBody { get; init; }

    /// <summary>How long answering took, when known.</summary>
    public TimeSpan? Elapsed { get; init; }
}
