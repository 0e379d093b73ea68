namespace Pushbox.Protocol;

/// <summary>
/// Why a request was refused before any command ran. Stable: logs, metrics and tests name these.
/// Each member says the HTTP status it is meant to become; the mapping itself lives in one place in
/// Pushbox.Http. MS-ASHTTP 2.2.2.1.1: "In the case of other malformed requests, the server returns
/// status code 400", so almost everything here is 400. A business outcome (a folder that does not
/// exist, a bad sync key) is never one of these: it is a <c>&lt;Command&gt;Status</c> in the response body.
/// </summary>
public enum EasProtocolError
{
    /// <summary>
    /// The query string is not well formed: a pair without '=', a bad percent escape, an unescaped
    /// character outside printable ASCII, bytes that are not UTF-8, a control character in a decoded
    /// value, a parameter name that is not letters, or an unknown tag in the base64 query. HTTP 400.
    /// </summary>
    MalformedQuery,

    /// <summary>The query string is longer than <see cref="Query.EasQueryLimits.MaxQueryLength"/>. HTTP 400.</summary>
    QueryTooLong,

    /// <summary>The plain query has no <c>Cmd</c> parameter, or it is empty. HTTP 400.</summary>
    MissingCommand,

    /// <summary>
    /// <c>Cmd</c> names no MS-ASCMD command, or the base64 command code is not in MS-ASHTTP 2.2.1.1.1.1.2.
    /// HTTP 400. (A command that is recognised but that Pushbox does not implement is not this: the
    /// command catalogue answers it, with 501.)
    /// </summary>
    UnknownCommand,

    /// <summary>No <c>DeviceId</c>, an empty one, or a base64 device ID length of 0. HTTP 400.</summary>
    MissingDeviceId,

    /// <summary>
    /// The device ID breaks MS-ASHTTP 2.2.1.1.1.2.3 (<c>1*32(ALPHA / DIGIT)</c>) or is longer than
    /// <see cref="Query.EasQueryLimits.MaxDeviceIdLength"/>. HTTP 400.
    /// </summary>
    InvalidDeviceId,

    /// <summary>No <c>DeviceType</c>, an empty one, or a base64 device type length of 0. HTTP 400.</summary>
    MissingDeviceType,

    /// <summary>The device type is longer than <see cref="Query.EasQueryLimits.MaxDeviceTypeLength"/>. HTTP 400.</summary>
    InvalidDeviceType,

    /// <summary>A parameter that may appear once (Cmd, User, DeviceId, DeviceType or a command parameter) appears twice. HTTP 400.</summary>
    DuplicateParameter,

    /// <summary>More parameters than <see cref="Query.EasQueryLimits.MaxParameterCount"/>. HTTP 400.</summary>
    TooManyParameters,

    /// <summary>A parameter value (User included) is longer than <see cref="Query.EasQueryLimits.MaxParameterValueLength"/>. HTTP 400.</summary>
    ParameterTooLong,

    /// <summary>A parameter value is not one the spec allows: <c>SaveInSent</c> other than T or F, an <c>Options</c> value that is not one byte. HTTP 400.</summary>
    InvalidParameterValue,

    /// <summary>The query is neither the plain form nor valid base64. HTTP 400.</summary>
    InvalidBase64,

    /// <summary>A length field of the base64 query points past the end of the decoded bytes, or the bytes end inside a fixed field. HTTP 400.</summary>
    TruncatedBase64Query,

    /// <summary>The base64 policy key length is neither 0 nor 4 (MS-ASHTTP 2.2.1.1.1.1), or a policy key is not a 32-bit unsigned integer. HTTP 400.</summary>
    InvalidPolicyKey,

    /// <summary>
    /// A base64 query claims protocol version 2.5 or 12.0, which MS-ASHTTP 2.2.1.1.1.1 forbids ("If the client
    /// uses protocol version 2.5 or 12.0, the plain text query value ... MUST be used"). HTTP 400.
    /// </summary>
    Base64QueryNotAllowed,

    /// <summary>Neither the <c>MS-ASProtocolVersion</c> header nor a base64 query names a protocol version. HTTP 400.</summary>
    MissingProtocolVersion,

    /// <summary>The protocol version is not one of the seven Pushbox speaks. HTTP 400.</summary>
    UnsupportedProtocolVersion,

    /// <summary>The <c>MS-ASProtocolVersion</c> header and the base64 protocol version byte disagree. HTTP 400.</summary>
    ProtocolVersionMismatch,

    /// <summary>The command exists but not in the protocol version of the request (e.g. Find before 16.1). HTTP 400.</summary>
    CommandNotSupportedByVersion,

    /// <summary>The request body is not what the command expects: bad WBXML, wrong root element, a required element missing. HTTP 400.</summary>
    MalformedBody,

    /// <summary>The request body is larger than the configured limit for the command. HTTP 413.</summary>
    BodyTooLarge,
}
