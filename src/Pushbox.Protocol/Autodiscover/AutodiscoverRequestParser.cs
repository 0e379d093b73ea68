using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml;

namespace Pushbox.Protocol.Autodiscover;

/// <summary>
/// Reads an ActiveSync Autodiscover request (MS-ASCMD 2.2.1.1; plain XML, not WBXML):
/// <c>Autodiscover/Request</c> with <c>EMailAddress</c> and <c>AcceptableResponseSchema</c>. Pure:
/// bytes in, request out. DTDs are refused and no external resource is ever resolved.
/// </summary>
/// <remarks>
/// <para>
/// What counts as what: anything structurally wrong is <see cref="AutodiscoverErrorCode.InvalidRequest"/>
/// (600): XML that is not well formed, a DOCTYPE, a body over <see cref="AutodiscoverLimits.MaxRequestSize"/>
/// or nested deeper than <see cref="AutodiscoverLimits.MaxDepth"/>, a root other than <c>Autodiscover</c>,
/// no <c>Request</c> or more than one (MS-ASCMD 2.2.3.150.1), a missing, repeated or empty
/// <c>EMailAddress</c> or <c>AcceptableResponseSchema</c>, an address over
/// <see cref="AutodiscoverLimits.MaxEMailAddressLength"/>. A well-formed request asking for any schema
/// but <see cref="AutodiscoverSchemas.MobileSyncResponse"/> is <see cref="AutodiscoverErrorCode.ProviderNotFound"/> (601).
/// </para>
/// <para>
/// Leniency, for clients seen in the wild: the root may be in the mobilesync or the Outlook request
/// namespace or in none (an Outlook-style request then gets 601, not 600); the children are matched
/// by local name in any namespace and any letter case; values are trimmed (the MS-ASCMD example wraps
/// the schema in line breaks); the schema is compared ignoring case; unknown elements (e.g.
/// <c>LegacyDN</c>) are ignored.
/// </para>
/// </remarks>
public static class AutodiscoverRequestParser
{
    /// <summary>Parses a request body held in memory.</summary>
    /// <exception cref="AutodiscoverRequestException">The request is invalid (600) or asks for a schema this server does not serve (601).</exception>
    public static AutodiscoverRequest Parse(ReadOnlyMemory<byte> body, AutodiscoverLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (body.Length > limits.MaxRequestSize)
        {
            throw Invalid($"The request is larger than the limit of {limits.MaxRequestSize} bytes");
        }

        if (!MemoryMarshal.TryGetArray(body, out ArraySegment<byte> segment))
        {
            segment = body.ToArray();
        }

        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        return ParseXml(stream, limits);
    }

    /// <summary>
    /// Reads a request body from <paramref name="body"/> (at most <see cref="AutodiscoverLimits.MaxRequestSize"/>
    /// bytes are read; one more is an error) and parses it.
    /// </summary>
    /// <exception cref="AutodiscoverRequestException">The request is invalid (600) or asks for a schema this server does not serve (601).</exception>
    public static async Task<AutodiscoverRequest> ParseAsync(Stream body, AutodiscoverLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(limits);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(limits.MaxRequestSize + 1);
        try
        {
            int length = 0;
            while (length < buffer.Length)
            {
                int read = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limits.MaxRequestSize + 1) - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limits.MaxRequestSize)
                {
                    throw Invalid($"The request is larger than the limit of {limits.MaxRequestSize} bytes");
                }
            }

            return Parse(buffer.AsMemory(0, length), limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static AutodiscoverRequest ParseXml(Stream stream, AutodiscoverLimits limits)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxRequestSize,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        try
        {
            using var reader = XmlReader.Create(stream, settings);
            return Read(reader, limits);
        }
        catch (XmlException e)
        {
            throw Invalid($"The request is not well-formed XML (line {e.LineNumber}, position {e.LinePosition})", e);
        }
        catch (DecoderFallbackException e)
        {
            throw Invalid("The request holds bytes that are not valid in its encoding", e);
        }
    }

    private static AutodiscoverRequest Read(XmlReader reader, AutodiscoverLimits limits)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw Invalid("The request has no root element");
        }

        if (reader.LocalName != "Autodiscover"
            || reader.NamespaceURI is not (AutodiscoverSchemas.MobileSyncRequest or AutodiscoverSchemas.OutlookRequest or ""))
        {
            throw Invalid("The root element is not Autodiscover in an Autodiscover request namespace");
        }

        string? email = null;
        string? schema = null;
        bool requestSeen = false;
        if (!reader.IsEmptyElement)
        {
            while (NextChild(reader, 0, limits))
            {
                if (!IsNamed(reader, "Request"))
                {
                    SkipToEnd(reader, limits);
                    continue;
                }

                if (requestSeen)
                {
                    throw Invalid("The request has more than one Request element");
                }

                requestSeen = true;
                if (reader.IsEmptyElement)
                {
                    continue;
                }

                while (NextChild(reader, 1, limits))
                {
                    if (IsNamed(reader, "EMailAddress"))
                    {
                        email = email is null ? ReadValue(reader, "EMailAddress", limits.MaxEMailAddressLength) : throw Invalid("EMailAddress appears more than once");
                    }
                    else if (IsNamed(reader, "AcceptableResponseSchema"))
                    {
                        schema = schema is null ? ReadValue(reader, "AcceptableResponseSchema", limits.MaxRequestSize) : throw Invalid("AcceptableResponseSchema appears more than once");
                    }
                    else
                    {
                        SkipToEnd(reader, limits);
                    }
                }
            }
        }

        // Drain to the end so that trailing garbage is an error of the document, not ignored.
        while (reader.Read())
        {
        }

        if (!requestSeen)
        {
            throw Invalid("The request has no Request element");
        }

        if (email is null)
        {
            throw Invalid("The request has no EMailAddress");
        }

        if (schema is null)
        {
            throw Invalid("The request has no AcceptableResponseSchema");
        }

        if (!string.Equals(schema, AutodiscoverSchemas.MobileSyncResponse, StringComparison.OrdinalIgnoreCase))
        {
            throw new AutodiscoverRequestException(AutodiscoverErrorCode.ProviderNotFound, "The requested response schema is not the mobilesync response schema");
        }

        return new AutodiscoverRequest(email, AutodiscoverSchemas.MobileSyncResponse);
    }

    /// <summary>Moves to the next child element of the element at <paramref name="parentDepth"/> (XmlReader depth, root 0); false at its end tag.</summary>
    private static bool NextChild(XmlReader reader, int parentDepth, AutodiscoverLimits limits)
    {
        while (reader.Read())
        {
            if (reader.Depth + 1 > limits.MaxDepth)
            {
                throw Invalid($"Elements are nested deeper than the limit of {limits.MaxDepth}");
            }

            switch (reader.NodeType)
            {
                case XmlNodeType.Element when reader.Depth == parentDepth + 1:
                    return true;
                case XmlNodeType.EndElement when reader.Depth == parentDepth:
                    return false;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    throw Invalid("Text appears where only elements are allowed");
                default:
                    continue;
            }
        }

        throw Invalid("The request ends inside an element");
    }

    /// <summary>
    /// On a leaf element: its trimmed text, 1 to <paramref name="maxLength"/> characters, with no control
    /// characters. Leaves the reader on the element's end tag (or on the element itself when it is empty).
    /// </summary>
    private static string ReadValue(XmlReader reader, string name, int maxLength)
    {
        var value = new StringBuilder();
        if (!reader.IsEmptyElement)
        {
            int depth = reader.Depth;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    // Trimming comes later, so allow the padding the spec's own example has.
                    if (value.Length + reader.Value.Length > maxLength + 1024)
                    {
                        throw Invalid($"{name} is longer than {maxLength} characters");
                    }

                    value.Append(reader.Value);
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    throw Invalid($"{name} holds elements, not text");
                }
            }
        }

        string text = value.ToString().Trim();
        if (text.Length == 0)
        {
            throw Invalid($"{name} is empty");
        }

        if (text.Length > maxLength)
        {
            throw Invalid($"{name} is longer than {maxLength} characters");
        }

        if (text.Any(char.IsControl))
        {
            throw Invalid($"{name} contains a control character");
        }

        return text;
    }

    /// <summary>On an element the parser does not use: moves to its end tag (XmlReader.Skip would move past it), within the depth limit.</summary>
    private static void SkipToEnd(XmlReader reader, AutodiscoverLimits limits)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        int depth = reader.Depth;
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.Depth + 1 > limits.MaxDepth)
            {
                throw Invalid($"Elements are nested deeper than the limit of {limits.MaxDepth}");
            }
        }
    }

    private static bool IsNamed(XmlReader reader, string localName) =>
        string.Equals(reader.LocalName, localName, StringComparison.OrdinalIgnoreCase);

    private static AutodiscoverRequestException Invalid(string detail, Exception? inner = null) =>
        new(AutodiscoverErrorCode.InvalidRequest, detail, inner);
}
