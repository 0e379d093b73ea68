using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pushbox.Smtp.Protocol;

/// <summary>
/// RFC 5321 §4.1.2 Mailbox syntax (<c>Local-part "@" ( Domain / address-literal )</c>), widened by
/// RFC 6531 to UTF-8 in local parts and domains. Checks only the form; whether the mailbox exists is
/// the directory's business.
/// </summary>
internal static class MailboxSyntax
{
    /// <summary>RFC 5321 §4.5.3.1.1.</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>RFC 5321 §4.5.3.1.2.</summary>
    public const int MaxDomainLength = 255;

    private static readonly SearchValues<char> AText =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~");

    /// <summary>Whether <paramref name="mailbox"/> is a mailbox; <paramref name="nonAscii"/> tells whether it needs SMTPUTF8.</summary>
    public static bool IsValid(ReadOnlySpan<char> mailbox, out bool nonAscii)
    {
        nonAscii = !Ascii.IsValid(mailbox);
        int at = LocalPartEnd(mailbox);
        if (at <= 0 || at >= mailbox.Length - 1 || mailbox[at] != '@')
        {
            return false;
        }

        return Encoding.UTF8.GetByteCount(mailbox[..at]) <= MaxLocalPartLength && IsDomainOrLiteral(mailbox[(at + 1)..]);
    }

    /// <summary>The index of the '@' after a valid local part, or -1.</summary>
    private static int LocalPartEnd(ReadOnlySpan<char> text)
    {
        if (text.Length > 0 && text[0] == '"')
        {
            for (int i = 1; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\\')
                {
                    // quoted-pairSMTP = %d92 %d32-126
                    if (i + 1 >= text.Length || text[i + 1] is < ' ' or > '~')
                    {
                        return -1;
                    }

                    i++;
                }
                else if (c == '"')
                {
                    return i + 1 < text.Length ? i + 1 : -1;
                }
                else if (c < ' ' || c == 0x7F)
                {
                    return -1;
                }
            }

            return -1;
        }

        int at = text.IndexOf('@');
        if (at <= 0)
        {
            return -1;
        }

        foreach (Range range in text[..at].Split('.'))
        {
            ReadOnlySpan<char> atom = text[..at][range];
            if (atom.Length == 0 || !IsAtom(atom))
            {
                return -1;
            }
        }

        return at;
    }

    private static bool IsAtom(ReadOnlySpan<char> atom)
    {
        foreach (char c in atom)
        {
            if (c < 0x80 && !AText.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDomainOrLiteral(ReadOnlySpan<char> domain)
    {
        if (domain[0] == '[')
        {
            return domain.Length > 2 && domain[^1] == ']' && IsAddressLiteral(domain[1..^1]);
        }

        if (Encoding.UTF8.GetByteCount(domain) > MaxDomainLength)
        {
            return false;
        }

        foreach (Range range in domain.Split('.'))
        {
            ReadOnlySpan<char> label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (char c in label)
            {
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsAddressLiteral(ReadOnlySpan<char> literal)
    {
        if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.TryParse(literal[5..], out IPAddress? v6) && v6.AddressFamily == AddressFamily.InterNetworkV6;
        }

        if (literal.Count('.') == 3 && IPAddress.TryParse(literal, out IPAddress? v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            return true;
        }

        // General-address-literal = Standardized-tag ":" 1*dcontent
        int colon = literal.IndexOf(':');
        if (colon <= 0 || colon == literal.Length - 1)
        {
            return false;
        }

        foreach (char c in literal[(colon + 1)..])
        {
            if (c is < '!' or > '~' or '[' or '\\' or ']')
            {
                return false;
            }
        }

        return true;
    }
}
