using System.Text;

namespace Pushbox.Smtp.Protocol;

/// <summary>
/// Parses the argument of MAIL (<c>FROM:&lt;path&gt; [params]</c>) and RCPT (<c>TO:&lt;path&gt; [params]</c>)
/// after RFC 5321 §4.1.2. Lenient where senders in use are sloppy (a blank after the colon, a path
/// without brackets), strict about what ends up in a header (the mailbox syntax). Pure.
/// </summary>
internal static class MailPathParser
{
    /// <summary>RFC 5321 §4.5.3.1.3: a path, brackets included, has at most 256 octets.</summary>
    public const int MaxPathLength = 256;

    /// <summary>Parses <paramref name="argument"/>, which must start with <paramref name="keyword"/> (<c>FROM</c> or <c>TO</c>) and a colon.</summary>
    public static PathStatus Parse(string argument, string keyword, out MailPath path, out IReadOnlyList<EsmtpParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(argument);
        ArgumentNullException.ThrowIfNull(keyword);
        path = default;
        parameters = [];
        if (argument.Length <= keyword.Length
            || !argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase)
            || argument[keyword.Length] != ':')
        {
            return PathStatus.Syntax;
        }

        ReadOnlySpan<char> rest = argument.AsSpan(keyword.Length + 1).TrimStart(' ');
        ReadOnlySpan<char> inner;
        if (rest.Length > 0 && rest[0] == '<')
        {
            int close = ClosingBracket(rest);
            if (close < 0)
            {
                return PathStatus.Syntax;
            }

            inner = rest[1..close];
            rest = rest[(close + 1)..];
            if (rest.Length > 0 && rest[0] != ' ')
            {
                return PathStatus.Syntax;
            }
        }
        else
        {
            int blank = rest.IndexOf(' ');
            inner = blank < 0 ? rest : rest[..blank];
            rest = blank < 0 ? [] : rest[blank..];
            if (inner.Length == 0)
            {
                return PathStatus.Syntax;
            }
        }

        if (Encoding.UTF8.GetByteCount(inner) + 2 > MaxPathLength)
        {
            return PathStatus.BadAddress;
        }

        if (inner.Length > 0 && inner[0] == '@')
        {
            // A source route (@relay,@relay:mailbox) is obsolete; RFC 5321 §4.1.1.3 says to ignore it.
            int colon = inner.IndexOf(':');
            if (colon < 0)
            {
                return PathStatus.BadAddress;
            }

            inner = inner[(colon + 1)..];
            if (inner.Length == 0)
            {
                return PathStatus.BadAddress;
            }
        }

        if (inner.Length == 0)
        {
            path = new MailPath(string.Empty, IsNull: true, HasNonAscii: false);
        }
        else if (MailboxSyntax.IsValid(inner, out bool nonAscii))
        {
            path = new MailPath(inner.ToString(), IsNull: false, nonAscii);
        }
        else if (inner.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 5321 §4.1.1.3: "Postmaster" without a domain is a valid recipient.
            path = new MailPath(inner.ToString(), IsNull: false, HasNonAscii: false);
        }
        else
        {
            return PathStatus.BadAddress;
        }

        var list = new List<EsmtpParameter>();
        foreach (Range range in rest.Split(' '))
        {
            ReadOnlySpan<char> token = rest[range];
            if (token.Length == 0)
            {
                continue;
            }

            int equals = token.IndexOf('=');
            ReadOnlySpan<char> name = equals < 0 ? token : token[..equals];
            ReadOnlySpan<char> value = equals < 0 ? [] : token[(equals + 1)..];
            if (!IsKeyword(name) || (equals >= 0 && !IsValue(value)))
            {
                return PathStatus.BadParameter;
            }

            list.Add(new EsmtpParameter(name.ToString(), equals < 0 ? null : value.ToString()));
        }

        parameters = list;
        return PathStatus.Ok;
    }

    private static int ClosingBracket(ReadOnlySpan<char> text)
    {
        bool quoted = false;
        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '>' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }

    // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    private static bool IsKeyword(ReadOnlySpan<char> name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && !name[1..].ContainsAnyExcept(KeywordChars);

    // esmtp-value = 1*(%d33-60 / %d62-126)
    private static bool IsValue(ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c is < '!' or > '~' or '=')
            {
                return false;
            }
        }

        return true;
    }

    private static readonly System.Buffers.SearchValues<char> KeywordChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
}
