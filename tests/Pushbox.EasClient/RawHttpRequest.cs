namespace Pushbox.Testing.Eas;

/// <summary>
/// A request sent almost as written, for hostile tests: the path and query are not canonicalised,
/// header names keep their letter case (over HTTP/1.1; HTTP/2 lower-cases every name), and the body
/// is any bytes or a stream (then sent chunked, without Content-Length).
/// </summary>
public sealed class RawHttpRequest
{
    /// <summary>The method (default POST).</summary>
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>The path with its query, e.g. <c>/Microsoft-Server-ActiveSync?Cmd=FolderSync&amp;…</c>, sent unchanged.</summary>
    public string PathAndQuery { get; init; } = EasClient.ActiveSyncPath;

    /// <summary>Headers sent as given, in order; Content-Type and other content headers go with the body.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The body bytes, sent with their Content-Length; null with <see cref="BodyStream"/> null: no body.</summary>
    public ReadOnlyMemory<byte>? Body { get; init; }

    /// <summary>A body read while sending, without Content-Length (chunked over HTTP/1.1).</summary>
    public Stream? BodyStream { get; init; }

    /// <summary>Whether the client's Basic credentials, User-Agent are added (default true).</summary>
    public bool IncludeClientHeaders { get; init; } = true;
}
