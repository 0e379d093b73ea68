namespace Pushbox.Protocol.Query;

/// <summary>
/// The request query of a POST to the ActiveSync URL, decoded from either form of MS-ASHTTP 2.2.1.1.1:
/// the plain text query (<c>Cmd=Sync&amp;User=…&amp;DeviceId=…&amp;DeviceType=…</c>) or the base64-encoded
/// byte sequence. Built by <see cref="EasQueryParser"/>, which has already enforced the spec's rules and
/// <see cref="EasQueryLimits"/>; every string here is decoded (no percent escapes) and free of control
/// characters. Values are what the client sent, not yet checked against the user, the device store or
/// the command's version.
/// </summary>
public sealed class EasQuery
{
    /// <summary>The command: <c>Cmd=</c> in the plain form, the command code in the base64 form.</summary>
    public required EasCommand Command { get; init; }

    /// <summary>
    /// The user as the client wrote it (<c>User=</c>, base64 tag 8), e.g. "jdoe", "jdoe@example.com" or
    /// "EXAMPLE\jdoe"; null when absent or empty (the base64 form often omits it). Informational only:
    /// identity comes from authentication, and the HTTP layer decides whether a mismatch matters.
    /// </summary>
    public string? User { get; init; }

    /// <summary>
    /// The device ID: 1 to <see cref="EasQueryLimits.MaxDeviceIdLength"/> ASCII letters and digits, case
    /// preserved. A base64 device ID whose bytes are not all letters and digits (a binary GUID, which the
    /// spec allows there) is given as lowercase hex of those bytes.
    /// </summary>
    public required string DeviceId { get; init; }

    /// <summary>The device type, e.g. "iPhone" or "SmartPhone"; never empty.</summary>
    public required string DeviceType { get; init; }

    /// <summary>True when the query was the base64-encoded form.</summary>
    public bool IsBase64Encoded { get; init; }

    /// <summary>
    /// The protocol version byte of the base64 form; null for the plain form, whose version is the
    /// <c>MS-ASProtocolVersion</c> header. Resolve the request's version with
    /// <see cref="EasVersionNegotiation.Resolve"/>, not from this alone.
    /// </summary>
    public EasVersion? Version { get; init; }

    /// <summary>
    /// The policy key of the base64 form (MS-ASPROV 2.2.2.42); null when its length byte is 0 and always
    /// for the plain form, whose policy key is the <c>X-MS-PolicyKey</c> header.
    /// </summary>
    public uint? PolicyKey { get; init; }

    /// <summary>The locale (an MS-LCID value, 1033 is en-US) of the base64 form; null for the plain form, which uses <c>Accept-Language</c>.</summary>
    public ushort? Locale { get; init; }

    /// <summary><c>AttachmentName</c> (tag 0): the attachment's file reference, for GetAttachment.</summary>
    public string? AttachmentName { get; init; }

    /// <summary><c>CollectionId</c> (tag 1): the folder holding the message, for SmartForward and SmartReply.</summary>
    public string? CollectionId { get; init; }

    /// <summary><c>ItemId</c> (tag 3): the server ID of the message, for SmartForward and SmartReply.</summary>
    public string? ItemId { get; init; }

    /// <summary><c>LongId</c> (tag 4): a Search result reference, for SmartForward and SmartReply.</summary>
    public string? LongId { get; init; }

    /// <summary><c>Occurrence</c> (tag 6): the occurrence of a recurring meeting, for SmartForward and SmartReply.</summary>
    public string? Occurrence { get; init; }

    /// <summary>
    /// Whether to save the sent message in Sent Items: plain <c>SaveInSent=T</c> or <c>F</c>, or the
    /// <see cref="EasQueryOptions.SaveInSent"/> bit when the base64 form carries Options. Null when the
    /// client said nothing; the spec's default is F.
    /// </summary>
    public bool? SaveInSent { get; init; }

    /// <summary>
    /// The <see cref="EasQueryOptions.AcceptMultiPart"/> bit when the base64 form carries Options; null
    /// otherwise. The plain form says this with the <c>MS-ASAcceptMultiPart</c> header, which the HTTP
    /// layer reads.
    /// </summary>
    public bool? AcceptMultiPart { get; init; }

    /// <summary>The raw Options byte of the base64 form (tag 7), unknown bits kept; null when absent and always for the plain form.</summary>
    public EasQueryOptions? Options { get; init; }

    /// <summary>
    /// Every other parameter, in order of appearance, with its decoded name and value: unknown plain
    /// parameters (a repeated unknown name appears once per occurrence), and the base64 tags 2
    /// (CollectionName) and 5 (ParentId) that earlier MS-ASHTTP versions defined. Empty, never null.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> OtherParameters { get; init; } = [];
}
