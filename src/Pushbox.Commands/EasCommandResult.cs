using Pushbox.Wbxml;

namespace Pushbox.Commands;

/// <summary>
/// What a command answers: an HTTP status (200 unless the protocol says otherwise, e.g. 449) and, for
/// most commands, a WBXML body written by <see cref="Body"/> straight into the response.
/// </summary>
public sealed class EasCommandResult
{
    private EasCommandResult(int httpStatus, Action<WbxmlWriter>? body)
    {
        HttpStatus = httpStatus;
        Body = body;
    }

    /// <summary>The HTTP status code.</summary>
    public int HttpStatus { get; }

    /// <summary>Writes the WBXML body; null for an empty body.</summary>
    public Action<WbxmlWriter>? Body { get; }

    /// <summary>200 with a WBXML body.</summary>
    public static EasCommandResult Ok(Action<WbxmlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new EasCommandResult(200, body);
    }

    /// <summary>A bare HTTP status without a body (e.g. 449 Retry After Provisioning).</summary>
    public static EasCommandResult Status(int httpStatus) => new(httpStatus, null);
}
