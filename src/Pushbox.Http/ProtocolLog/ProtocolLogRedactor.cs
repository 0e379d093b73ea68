using System.Text;

namespace Pushbox.Http.ProtocolLog;

/// <summary>
/// Removes secrets from what the protocol log writes: the content of password elements in decoded XML,
/// password-like query values, and credential headers.
/// </summary>
internal static class ProtocolLogRedactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "********";

    /// <summary>
    /// Local names (any namespace or prefix, any case) of elements whose content is masked whole:
    /// <c>Password</c> (Settings DevicePassword, ItemOperations and Search credentials) and the
    /// <c>DevicePassword</c> container around it.
    /// </summary>
    public static readonly IReadOnlySet<string> SecretElements = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Password", "DevicePassword" };

    private static readonly string[] SecretNameParts = ["password", "passwd", "pwd", "secret", "token", "authorization", "cookie", "api-key", "apikey"];

    /// <summary>
    /// Replaces the content of every element named in <see cref="SecretElements"/> with <see cref="Mask"/>,
    /// leaving its tags. Reads the XML text as written by <c>WbxmlXml.ToXml</c> (or any XML without DTD
    /// internals): CDATA sections and quoted attribute values are skipped over, so a password holding
    /// <c>&lt;/Password&gt;</c> inside CDATA is still masked whole. An element left open is masked to the end.
    /// </summary>
    public static string MaskXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        StringBuilder? masked = null;
        int copied = 0;
        int position = 0;
        while (position < xml.Length)
        {
            int open = xml.IndexOf('<', position);
            if (open < 0)
            {
                break;
            }

            if (SkipMarkup(xml, open, out int after))
            {
                position = after;
                continue;
            }

            if (!ReadStartTag(xml, open, out string name, out int tagEnd, out bool selfClosing))
            {
                position = open + 1;
                continue;
            }

            position = tagEnd;
            if (selfClosing || !SecretElements.Contains(LocalName(name)))
            {
                continue;
            }

            int close = FindEndTag(xml, tagEnd, name);
            masked ??= new StringBuilder(xml.Length);
            masked.Append(xml, copied, tagEnd - copied).Append(Mask);
            copied = close;
            position = close;
        }

        if (masked is null)
        {
            return xml;
        }

        return masked.Append(xml, copied, xml.Length - copied).ToString();
    }

    /// <summary>The path and query with the values of password-, token- and secret-like query parameters masked.</summary>
    public static string SanitizePathAndQuery(string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        string printable = Printable(pathAndQuery, 4096);
        int question = printable.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return printable;
        }

        string[] parameters = printable[(question + 1)..].Split('&');
        for (int i = 0; i < parameters.Length; i++)
        {
            int equals = parameters[i].IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            string name = parameters[i][..equals];
            try
            {
                name = Uri.UnescapeDataString(name);
            }
            catch (UriFormatException)
            {
                // Keep the raw name.
            }

            if (IsSecretName(name))
            {
                parameters[i] = parameters[i][..(equals + 1)] + Mask;
            }
        }

        return printable[..(question + 1)] + string.Join('&', parameters);
    }

    /// <summary>Whether a header or parameter name suggests a credential (Authorization, Cookie, *token*, *password*…): its value is never written.</summary>
    public static bool IsSecretName(string name) =>
        SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase))
        || name.Equals("auth", StringComparison.OrdinalIgnoreCase);

    /// <summary><paramref name="text"/> cut to <paramref name="maxLength"/> characters, control characters (CR, LF…) shown as '?', so that a value cannot forge log lines.</summary>
    public static string Printable(string text, int maxLength)
    {
        ReadOnlySpan<char> span = text.AsSpan(0, Math.Min(text.Length, maxLength));
        var result = new StringBuilder(span.Length + 1);
        foreach (char c in span)
        {
            result.Append(char.IsControl(c) ? '?' : c);
        }

        if (text.Length > maxLength)
        {
            result.Append('…');
        }

        return result.ToString();
    }

    private static string LocalName(string name)
    {
        int colon = name.LastIndexOf(':');
        return colon < 0 ? name : name[(colon + 1)..];
    }

    /// <summary>Skips a CDATA section, comment, processing instruction, declaration or end tag starting at <paramref name="open"/>.</summary>
    private static bool SkipMarkup(string xml, int open, out int after)
    {
        ReadOnlySpan<char> rest = xml.AsSpan(open);
        (string start, string end)? markup =
            rest.StartsWith("<![CDATA[", StringComparison.Ordinal) ? ("<![CDATA[", "]]>")
            : rest.StartsWith("<!--", StringComparison.Ordinal) ? ("<!--", "-->")
            : rest.StartsWith("<?", StringComparison.Ordinal) ? ("<?", "?>")
            : rest.StartsWith("<!", StringComparison.Ordinal) || rest.StartsWith("</", StringComparison.Ordinal) ? ("<", ">")
            : null;
        if (markup is not { } m)
        {
            after = open;
            return false;
        }

        int end = xml.IndexOf(m.end, open + m.start.Length, StringComparison.Ordinal);
        after = end < 0 ? xml.Length : end + m.end.Length;
        return true;
    }

    /// <summary>Reads the start tag at <paramref name="open"/>: its qualified name, the index after its '>', and whether it is empty (<c>/&gt;</c>).</summary>
    private static bool ReadStartTag(string xml, int open, out string name, out int tagEnd, out bool selfClosing)
    {
        name = string.Empty;
        tagEnd = open;
        selfClosing = false;
        int i = open + 1;
        while (i < xml.Length && !char.IsWhiteSpace(xml[i]) && xml[i] is not ('>' or '/'))
        {
            i++;
        }

        if (i == open + 1)
        {
            return false;
        }

        name = xml[(open + 1)..i];
        char quote = '\0';
        for (; i < xml.Length; i++)
        {
            char c = xml[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                selfClosing = xml[i - 1] == '/';
                tagEnd = i + 1;
                return true;
            }
        }

        tagEnd = xml.Length;
        return true;
    }

    /// <summary>The index of the end tag matching an element named <paramref name="name"/> whose content starts at <paramref name="from"/>; the end of the text when there is none.</summary>
    private static int FindEndTag(string xml, int from, string name)
    {
        int depth = 0;
        int position = from;
        while (position < xml.Length)
        {
            int open = xml.IndexOf('<', position);
            if (open < 0)
            {
                break;
            }

            if (xml.AsSpan(open).StartsWith("</", StringComparison.Ordinal) && NameAt(xml, open + 2, name))
            {
                if (depth == 0)
                {
                    return open;
                }

                depth--;
                position = open + 2;
                continue;
            }

            if (SkipMarkup(xml, open, out int after))
            {
                position = after;
                continue;
            }

            if (ReadStartTag(xml, open, out string inner, out int innerEnd, out bool innerEmpty))
            {
                if (!innerEmpty && string.Equals(inner, name, StringComparison.Ordinal))
                {
                    depth++;
                }

                position = innerEnd;
                continue;
            }

            position = open + 1;
        }

        return xml.Length;
    }

    private static bool NameAt(string xml, int index, string name)
    {
        if (string.CompareOrdinal(xml, index, name, 0, name.Length) != 0)
        {
            return false;
        }

        int next = index + name.Length;
        return next < xml.Length && (xml[next] == '>' || char.IsWhiteSpace(xml[next]));
    }
}
