using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Pushbox.Protocol.Query;

/// <summary>Decoding and the character rules shared by both query forms.</summary>
internal static class QueryText
{
    private const int StackLimit = 256;

    /// <summary>
    /// Percent-decodes one component of a plain query and reads it as UTF-8. '+' is a space, as in
    /// ASP.NET's and IIS's query decoding. Unescaped characters must be printable ASCII (RFC 3986 has
    /// no others in a query); the decoded text must be valid UTF-8 without control characters.
    /// </summary>
    public static string PercentDecode(ReadOnlySpan<char> component, string what)
    {
        if (component.IsEmpty)
        {
            return string.Empty;
        }

        byte[]? rented = null;
        Span<byte> bytes = component.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(component.Length));
        try
        {
            int length = 0;
            for (int i = 0; i < component.Length; i++)
            {
                char c = component[i];
                if (c == '%')
                {
                    if (i + 2 >= component.Length
                        || !char.IsAsciiHexDigit(component[i + 1])
                        || !char.IsAsciiHexDigit(component[i + 2]))
                    {
                        throw new EasProtocolException(EasProtocolError.MalformedQuery, $"{what} has a '%' that is not followed by two hex digits");
                    }

                    bytes[length++] = (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2]));
                    i += 2;
                }
                else if (c == '+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (c is > ' ' and < (char)0x7F)
                {
                    bytes[length++] = (byte)c;
                }
                else
                {
                    throw new EasProtocolException(EasProtocolError.MalformedQuery, $"{what} has a space, control or non-ASCII character that is not percent-encoded");
                }
            }

            return Utf8Text(bytes[..length], what);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Reads bytes as strict UTF-8 and refuses control characters (which would end up in logs and the device store).</summary>
    public static string Utf8Text(ReadOnlySpan<byte> bytes, string what, int offset = -1)
    {
        if (!Utf8.IsValid(bytes))
        {
            throw Malformed($"{what} is not valid UTF-8", offset);
        }

        string text = Encoding.UTF8.GetString(bytes);
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                throw Malformed($"{what} holds a control character", offset);
            }
        }

        return text;
    }

    /// <summary>MS-ASHTTP 2.2.1.1.1.2: <c>device-id = 1*32(ALPHA / DIGIT)</c>, the length bound from the limits.</summary>
    public static bool IsValidDeviceId(ReadOnlySpan<char> deviceId, int maxLength) =>
        deviceId.Length > 0 && deviceId.Length <= maxLength && !deviceId.ContainsAnyExcept(AsciiLettersAndDigits);

    /// <summary>ASCII letters and digits: the characters of a device ID.</summary>
    public static SearchValues<char> AsciiLettersAndDigits { get; } =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>ASCII letters: the characters of a command or parameter name.</summary>
    public static SearchValues<char> AsciiLetters { get; } =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static EasProtocolException Malformed(string detail, int offset) =>
        offset < 0
            ? new EasProtocolException(EasProtocolError.MalformedQuery, detail)
            : new EasProtocolException(EasProtocolError.MalformedQuery, offset, detail);

    /// <summary>The value of an ASCII hex digit the caller has checked.</summary>
    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
