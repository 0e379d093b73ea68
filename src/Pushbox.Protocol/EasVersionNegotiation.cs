using Pushbox.Protocol.Query;

namespace Pushbox.Protocol;

/// <summary>
/// Decides the protocol version of a request (MS-ASHTTP 3.2.5.1: "The server MUST conform to the
/// protocol version that is specified" by the client). The plain query carries it in the
/// <c>MS-ASProtocolVersion</c> header (required then, 2.2.1.1.2); the base64 query in its protocol
/// version byte, and the header SHOULD NOT be sent with it (2.2.1.1.2.6).
/// </summary>
public static class EasVersionNegotiation
{
    /// <summary>
    /// The version of the request whose query is <paramref name="query"/> and whose
    /// <c>MS-ASProtocolVersion</c> header is <paramref name="headerValue"/> (null, empty or whitespace
    /// when absent; surrounding whitespace is ignored). When both are present they must name the same
    /// version.
    /// </summary>
    /// <exception cref="EasProtocolException">
    /// <see cref="EasProtocolError.MissingProtocolVersion"/> when neither names one,
    /// <see cref="EasProtocolError.UnsupportedProtocolVersion"/> when the header is not one of the seven,
    /// <see cref="EasProtocolError.ProtocolVersionMismatch"/> when the header and the base64 byte differ.
    /// </exception>
    public static EasVersion Resolve(string? headerValue, EasQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);

        ReadOnlySpan<char> header = headerValue.AsSpan().Trim();
        EasVersion? fromHeader = null;
        if (!header.IsEmpty)
        {
            fromHeader = EasVersion.TryParse(header, out EasVersion parsed)
                ? parsed
                : throw new EasProtocolException(
                    EasProtocolError.UnsupportedProtocolVersion,
                    $"MS-ASProtocolVersion is not one of {EasVersion.SupportedHeaderValue}");
        }

        return (fromHeader, query.Version) switch
        {
            ({ } h, { } q) when h != q => throw new EasProtocolException(
                EasProtocolError.ProtocolVersionMismatch,
                $"MS-ASProtocolVersion is {h} but the base64 query says {q}"),
            (_, { } q) => q,
            ({ } h, null) => h,
            _ => throw new EasProtocolException(
                EasProtocolError.MissingProtocolVersion, "the request has no MS-ASProtocolVersion header"),
        };
    }
}
