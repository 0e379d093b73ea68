namespace Pushbox.Testing.Eas;

/// <summary>
/// One POST to the ActiveSync URL. Unset members take the client's values. The body is
/// <see cref="Xml"/> (libwbxml's XML form, encoded with <c>WbxmlXml.FromXml</c>) or <see cref="Wbxml"/>
/// (any bytes, sent as they are), or nothing.
/// </summary>
/// <param name="command">The command, sent as <c>Cmd=</c> or, in a base64 query, as its code; any text for a plain query.</param>
public sealed class EasRequest(string command)
{
    /// <summary>The command name.</summary>
    public string Command { get; } = command ?? throw new ArgumentNullException(nameof(command));

    /// <summary>The body in XML form; encoded to WBXML before sending.</summary>
    public string? Xml { get; init; }

    /// <summary>The body bytes, sent unchanged (WBXML or anything else); wins over <see cref="Xml"/>.</summary>
    public ReadOnlyMemory<byte>? Wbxml { get; init; }

    /// <summary>The protocol version; null: the client's.</summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>Whether the query is the base64 form (MS-ASHTTP 2.2.1.1.1.1) rather than the plain one.</summary>
    public bool UseBase64Query { get; init; }

    /// <summary>
    /// Whether the <c>MS-ASProtocolVersion</c> header is sent. Null (the default): with a plain query
    /// only, since a base64 query carries the version and the header SHOULD NOT be sent with it.
    /// </summary>
    public bool? SendVersionHeader { get; init; }

    /// <summary><c>User=</c>; null: the client's user name; empty: left out.</summary>
    public string? User { get; init; }

    /// <summary>DeviceId; null: the client's.</summary>
    public string? DeviceId { get; init; }

    /// <summary>DeviceType; null: the client's.</summary>
    public string? DeviceType { get; init; }

    /// <summary>
    /// Command parameters (CollectionId, ItemId, SaveInSent…): appended as name=value to a plain query;
    /// in a base64 query each name must be a <see cref="Base64QueryTag"/> (SaveInSent=T becomes Options 0x01).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Further headers, names sent in the letter case given (HTTP/1.1).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The Content-Type of a body (default WBXML).</summary>
    public string ContentType { get; init; } = EasClient.WbxmlContentType;
}
