namespace Pushbox.Protocol.Query;

/// <summary>
/// Decodes the query of a request to the ActiveSync URL (MS-ASHTTP 2.2.1.1.1) into an
/// <see cref="EasQuery"/>. Pure: a string in, a typed query out; no headers, no clock, no store.
/// Bad input of any kind is an <see cref="EasProtocolException"/> and never another exception.
/// </summary>
public static class EasQueryParser
{
    /// <summary>Parses with <see cref="EasQueryLimits.Default"/>.</summary>
    /// <inheritdoc cref="Parse(string, EasQueryLimits)"/>
    public static EasQuery Parse(string rawQueryString) => Parse(rawQueryString, EasQueryLimits.Default);

    /// <summary>
    /// Parses <paramref name="rawQueryString"/>: the query of the request line as received, still
    /// percent-encoded, without the '?' (one leading '?' is tolerated, so ASP.NET's
    /// <c>Request.QueryString.Value</c> can be passed as is).
    /// </summary>
    /// <remarks>
    /// <para>The form is told apart by its characters: base64 has no '&amp;' and '=' only as trailing
    /// padding, so a query with '&amp;', or with '=' anywhere else, is the plain form.</para>
    /// <para>Plain form (2.2.1.1.1.2): <c>Cmd</c>, <c>DeviceId</c> and <c>DeviceType</c> are required,
    /// <c>User</c> is not (the ABNF requires it; clients omit it and identity comes from authentication
    /// anyway). Names match in any ASCII case and in any order; a known name given twice is an error;
    /// '+' decodes to a space, as in IIS and ASP.NET; an empty optional value counts as absent.</para>
    /// <para>Base64 form (2.2.1.1.1.1): see <see cref="EasQuery"/> for the fields; the '=' padding may be
    /// missing, '+', '/' and '=' may be percent-encoded, and the URL-safe '-' and '_' are accepted.</para>
    /// </remarks>
    /// <exception cref="EasProtocolException">The query is malformed or exceeds <paramref name="limits"/>.</exception>
    public static EasQuery Parse(string rawQueryString, EasQueryLimits limits)
    {
        ArgumentNullException.ThrowIfNull(rawQueryString);
        ArgumentNullException.ThrowIfNull(limits);

        if (rawQueryString.Length > limits.MaxQueryLength)
        {
            throw new EasProtocolException(
                EasProtocolError.QueryTooLong, $"the query is {rawQueryString.Length} characters, more than {limits.MaxQueryLength}");
        }

        ReadOnlySpan<char> query = rawQueryString.AsSpan();
        if (query.StartsWith('?'))
        {
            query = query[1..];
        }

        if (query.IsEmpty)
        {
            throw new EasProtocolException(EasProtocolError.MissingCommand, "the query is empty");
        }

        return IsPlainForm(query) ? PlainQueryReader.Read(query, limits) : Base64QueryReader.Read(query, limits);
    }

    private static bool IsPlainForm(ReadOnlySpan<char> query)
    {
        ReadOnlySpan<char> body = query.TrimEnd('=');
        return body.IndexOfAny('&', '=') >= 0;
    }
}
