using System.Collections.Frozen;
using System.Text;

namespace Pushbox.Smtp.Protocol;

/// <summary>Parses one command line (without its CRLF) into an <see cref="SmtpCommand"/>. Pure: bytes in, command out.</summary>
internal static class SmtpCommandParser
{
    private const int LongestVerb = 8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly FrozenDictionary<string, SmtpVerb> Verbs = new Dictionary<string, SmtpVerb>(StringComparer.OrdinalIgnoreCase)
    {
        ["HELO"] = SmtpVerb.Helo,
        ["EHLO"] = SmtpVerb.Ehlo,
        ["LHLO"] = SmtpVerb.Lhlo,
        ["MAIL"] = SmtpVerb.Mail,
        ["RCPT"] = SmtpVerb.Rcpt,
        ["DATA"] = SmtpVerb.Data,
        ["RSET"] = SmtpVerb.Rset,
        ["NOOP"] = SmtpVerb.Noop,
        ["QUIT"] = SmtpVerb.Quit,
        ["VRFY"] = SmtpVerb.Vrfy,
        ["HELP"] = SmtpVerb.Help,
        ["STARTTLS"] = SmtpVerb.StartTls,
        ["EXPN"] = SmtpVerb.NotImplemented,
        ["AUTH"] = SmtpVerb.NotImplemented,
        ["BDAT"] = SmtpVerb.NotImplemented,
        ["TURN"] = SmtpVerb.NotImplemented,
        ["ATRN"] = SmtpVerb.NotImplemented,
        ["ETRN"] = SmtpVerb.NotImplemented,
        ["SEND"] = SmtpVerb.NotImplemented,
        ["SOML"] = SmtpVerb.NotImplemented,
        ["SAML"] = SmtpVerb.NotImplemented,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses <paramref name="line"/>, which must not contain its line terminator.</summary>
    public static SmtpCommand Parse(ReadOnlySpan<byte> line)
    {
        int space = line.IndexOfAny((byte)' ', (byte)'\t');
        ReadOnlySpan<byte> verbBytes = space < 0 ? line : line[..space];
        SmtpVerb verb = LookUp(verbBytes);
        if (space < 0)
        {
            return new SmtpCommand(verb, string.Empty, Malformed: false);
        }

        ReadOnlySpan<byte> rest = line[(space + 1)..].Trim(" \t"u8);
        foreach (byte b in rest)
        {
            if ((b < 0x20 && b != (byte)'\t') || b == 0x7F)
            {
                return new SmtpCommand(verb, string.Empty, Malformed: true);
            }
        }

        try
        {
            return new SmtpCommand(verb, StrictUtf8.GetString(rest), Malformed: false);
        }
        catch (DecoderFallbackException)
        {
            return new SmtpCommand(verb, string.Empty, Malformed: true);
        }
    }

    private static SmtpVerb LookUp(ReadOnlySpan<byte> verb)
    {
        if (verb.Length is 0 or > LongestVerb || !Ascii.IsValid(verb))
        {
            return SmtpVerb.Unknown;
        }

        Span<char> chars = stackalloc char[LongestVerb];
        int length = Encoding.ASCII.GetChars(verb, chars);
        return Verbs.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars[..length], out SmtpVerb found) ? found : SmtpVerb.Unknown;
    }
}
