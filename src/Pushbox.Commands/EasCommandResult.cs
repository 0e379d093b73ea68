using Pushbox.Protocol.Commands;
using Pushbox.Wbxml;

namespace Pushbox.Commands;

/// <summary>
/// What a command answers: an HTTP status (200 unless the protocol says otherwise, e.g. 449) and, for
/// most commands, a WBXML body. A small body is written at once by <see cref="Body"/>; a body that may be
/// large (Sync, ItemOperations) is written by <see cref="StreamedBody"/>, which may flush as it goes so that
/// the response never sits whole in memory.
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

    /// <summary>Writes a small WBXML body; null when the body is streamed or empty.</summary>
    public Action<WbxmlWriter>? Body { get; }

    /// <summary>
    /// Writes a WBXML body that may be large, flushing through <see cref="WbxmlResponseOutput.FlushAsync"/>;
    /// null when the body is small or empty. Once it has flushed, the response has started: an exception
    /// then can only abort the connection, so everything that may fail as a business outcome must be
    /// decided before it runs.
    /// </summary>
    public Func<WbxmlResponseOutput, CancellationToken, Task>? StreamedBody { get; }

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

    /// <summary>A bare HTTP status without a body (e.g. 449 Retry After Provisioning; 200 for an empty Sync response).</summary>
    public static EasCommandResult Status(int httpStatus) => new(httpStatus, null, null);
}
