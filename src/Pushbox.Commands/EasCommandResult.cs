using Pushbox.Protocol.Commands;
using Pushbox.Wbxml;

namespace Pushbox.Commands;

/// <summary>
/// What a command answers: an HTTP status (200 unless the protocol says otherwise, e.g. 449) and, for
/// most commands, a WBXML body. A small body is written at once by <see cref="Body"/>; a body that may be
/// large (Sync, ItemOperations) is written by <see cref="StreamedBody"/>, which may flush as it goes so that
/// the response never sits whole in memory. A body that is not WBXML at all (GetAttachment's bytes, the
/// multipart form of ItemOperations) is written by <see cref="RawBody"/> with its own content type.
/// </summary>
public sealed class EasCommandResult
{
    private EasCommandResult(int httpStatus, Action<WbxmlWriter>? body, Func<WbxmlResponseOutput, CancellationToken, Task>? streamedBody)
    {
        HttpStatus = httpStatus;
        Body = body;
        StreamedBody = streamedBody;
    }

    /// <summary>The HTTP status code.</summary>
    public int HttpStatus { get; }

    /// <summary>Writes a small WBXML body; null when the body is streamed, raw or empty.</summary>
    public Action<WbxmlWriter>? Body { get; }

    /// <summary>
    /// Writes a WBXML body that may be large, flushing through <see cref="WbxmlResponseOutput.FlushAsync"/>;
    /// null when the body is small, raw or empty. Once it has flushed, the response has started: an exception
    /// then can only abort the connection, so everything that may fail as a business outcome must be
    /// decided before it runs.
    /// </summary>
    public Func<WbxmlResponseOutput, CancellationToken, Task>? StreamedBody { get; }

    /// <summary>
    /// Writes a body that is not WBXML straight to the response stream, as it is sent; null for a WBXML or
    /// empty body. Its type is <see cref="RawContentType"/> and its length, when known before it is written,
    /// <see cref="RawContentLength"/>. As with <see cref="StreamedBody"/>, once a byte has gone out an exception
    /// can only abort the connection; it must write exactly <see cref="RawContentLength"/> bytes when that is set.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? RawBody { get; private init; }

    /// <summary>The Content-Type of <see cref="RawBody"/>; null for other bodies.</summary>
    public string? RawContentType { get; private init; }

    /// <summary>The byte length of <see cref="RawBody"/> when known in advance (sent as Content-Length); null to send it chunked.</summary>
    public long? RawContentLength { get; private init; }

    /// <summary>200 with a WBXML body.</summary>
    public static EasCommandResult Ok(Action<WbxmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new EasCommandResult(200, body, null);
    }

    /// <summary>200 with a WBXML body written as it is sent.</summary>
    public static EasCommandResult Streamed(Func<WbxmlResponseOutput, CancellationToken, Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new EasCommandResult(200, null, body);
    }

    /// <summary>
    /// 200 with a body that is not WBXML (MS-ASHTTP 2.2.2.1.2.4: "an appropriate value" of Content-Type), written
    /// to the response stream as it is sent.
    /// </summary>
    /// <param name="contentType">The Content-Type: printable ASCII, e.g. "application/pdf".</param>
    /// <param name="contentLength">The exact number of bytes <paramref name="body"/> writes, or null when it is not known in advance.</param>
    /// <param name="body">Writes the body; it must not close the stream.</param>
    /// <exception cref="ArgumentException">The content type is empty or holds anything but printable ASCII.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative.</exception>
    public static EasCommandResult Raw(string contentType, long? contentLength, Func<Stream, CancellationToken, Task> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        ArgumentNullException.ThrowIfNull(body);
        if (contentType.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException("A content type is printable ASCII.", nameof(contentType));
        }

        if (contentLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(contentLength), contentLength, "A length is not negative.");
        }

        return new EasCommandResult(200, null, null) { RawBody = body, RawContentType = contentType, RawContentLength = contentLength };
    }

    /// <summary>Seconds the device is told to wait before it tries again (Retry-After); null for no such header.</summary>
    public int? RetryAfterSeconds { get; private init; }

    /// <summary>503 Service Unavailable with Retry-After: the server cannot take the request now, and the device should come back later.</summary>
    /// <param name="retryAfterSeconds">Seconds to wait; at least 1.</param>
    public static EasCommandResult Unavailable(int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfterSeconds, 1);
        return new EasCommandResult(503, null, null) { RetryAfterSeconds = retryAfterSeconds };
    }

    /// <summary>A bare HTTP status without a body (e.g. 449 Retry After Provisioning; 200 for an empty Sync response).</summary>
    public static EasCommandResult Status(int httpStatus) => new(httpStatus, null, null);
}
