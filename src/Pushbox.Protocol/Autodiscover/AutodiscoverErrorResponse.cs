namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// The Autodiscover answer to a request the server cannot serve (MS-ASCMD 4.2.3): an <c>Error</c>
/// with <c>ErrorCode</c> 600 or 601, <c>Message</c> and <c>DebugData</c>, sent with HTTP 200.
/// </summary>
/// <remarks>
/// Written as AutodiscoverResponse.xsd defines it: the <c>Response</c> in the outer
/// <see cref="AutodiscoverSchemas.Response"/> namespace, as Exchange sends it. (The MS-ASCMD example
/// declares the mobilesync namespace on that <c>Response</c>, which its own schema does not allow
/// for an <c>Error</c> child.)
/// </remarks>
public sealed record AutodiscoverErrorResponse
{
    /// <summary>Creates the response.</summary>
    /// <param name="errorCode">600 or 601.</param>
    /// <param name="message">The message; null for the usual one of the code (<see cref="DefaultMessage"/>).</param>
    /// <param name="debugData">Details for an administrator; written as an empty element when null. Never request content or internals a client should not see.</param>
    /// <param name="time">The time of day the request arrived (the <c>Time</c> attribute, "hh:mm:ss.fffffff"); omitted when null.</param>
    /// <param name="id">A number that identifies this server within its domain (the <c>Id</c> attribute); omitted when null.</param>
    public AutodiscoverErrorResponse(AutodiscoverErrorCode errorCode, string? message = null, string? debugData = null, TimeOnly? time = null, uint? id = null)
    {
        if (!Enum.IsDefined(errorCode))
        {
            throw new ArgumentOutOfRangeException(nameof(errorCode), errorCode, "Not an Autodiscover error code.");
        }

        ErrorCode = errorCode;
        Message = message ?? DefaultMessage(errorCode);
        DebugData = debugData ?? string.Empty;
        Time = time;
        Id = id;
    }

    /// <summary>600 or 601.</summary>
    public AutodiscoverErrorCode ErrorCode { get; }

    /// <summary>The <c>Message</c>.</summary>
    public string Message { get; }

    /// <summary>The <c>DebugData</c>; empty for an empty element.</summary>
    public string DebugData { get; }

    /// <summary>The <c>Time</c> attribute, or null.</summary>
    public TimeOnly? Time { get; }

    /// <summary>The <c>Id</c> attribute, or null.</summary>
    public uint? Id { get; }

    /// <summary>
    /// The usual message of a code: "Invalid Request" for 600 (the MS-ASCMD example), "Provider is not
    /// available" for 601 (no provider for the requested schema, MS-ASCMD 2.2.3.64).
    /// </summary>
    public static string DefaultMessage(AutodiscoverErrorCode errorCode) => errorCode switch
    {
        AutodiscoverErrorCode.InvalidRequest => "Invalid Request",
        AutodiscoverErrorCode.ProviderNotFound => "Provider is not available",
        _ => throw new ArgumentOutOfRangeException(nameof(errorCode), errorCode, "Not an Autodiscover error code."),
    };
}
