using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Pushbox.Mailbox.Users;

namespace Pushbox.Http.Security;

/// <summary>
/// The user name and password of an HTTP Basic <c>Authorization</c> header (RFC 7617), which is how
/// every EAS client signs in. <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class BasicCredentials
{
    /// <summary>The longest header accepted, in characters; longer is malformed. A legitimate one is far shorter.</summary>
    public const int MaxHeaderLength = 8192;

    /// <summary>The longest user name accepted, in characters (a <c>DOMAIN\user</c> or an address fits easily).</summary>
    public const int MaxUserNameLength = 512;

    /// <summary>The longest password accepted, in characters: <see cref="PasswordHasher.MaxPasswordLength"/>.</summary>
    public const int MaxPasswordLength = PasswordHasher.MaxPasswordLength;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private BasicCredentials(string userName, string password)
    {
        UserName = userName;
        Password = password;
    }

    /// <summary>The user name as sent (not yet resolved to an address; see <see cref="UserNameResolver"/>). Never empty, no control characters.</summary>
    public string UserName { get; }

    /// <summary>The password as sent; may be empty. Never log it.</summary>
    public string Password { get; }

    /// <summary>
    /// Reads <c>Basic base64(user:password)</c>. The scheme is matched without regard to case; the
    /// decoded bytes are read as UTF-8 or, when they are not valid UTF-8, as Latin-1 (what older clients
    /// send); missing base64 padding is tolerated. The user name is everything before the first colon.
    /// </summary>
    /// <returns>False when the header is absent, names another scheme, or is malformed or over the limits.</returns>
    public static bool TryParse(string? authorizationHeader, [NotNullWhen(true)] out BasicCredentials? credentials) =>
        Parse(authorizationHeader, out credentials) == BasicParseStatus.Parsed;

    /// <summary>Shows the user name only.</summary>
    public override string ToString() => UserName + ":****";

    internal static BasicParseStatus Parse(string? header, out BasicCredentials? credentials)
    {
        credentials = null;
        ReadOnlySpan<char> text = header.AsSpan().Trim(" \t");
        if (text.IsEmpty)
        {
            return BasicParseStatus.Absent;
        }

        int space = text.IndexOfAny(' ', '\t');
        ReadOnlySpan<char> scheme = space < 0 ? text : text[..space];
        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return BasicParseStatus.OtherScheme;
        }

        if (space < 0 || text.Length > MaxHeaderLength)
        {
            return BasicParseStatus.Malformed;
        }

        ReadOnlySpan<char> encoded = text[(space + 1)..].TrimStart(" \t");
        int padding = (encoded.Length % 4) switch
        {
            0 => 0,
            2 => 2,
            3 => 1,
            _ => -1,
        };
        if (encoded.IsEmpty || padding < 0)
        {
            return BasicParseStatus.Malformed;
        }

        char[] padded = ArrayPool<char>.Shared.Rent(encoded.Length + padding);
        byte[] decoded = ArrayPool<byte>.Shared.Rent(((encoded.Length + padding) / 4) * 3);
        try
        {
            encoded.CopyTo(padded);
            padded.AsSpan(encoded.Length, padding).Fill('=');
            if (!Convert.TryFromBase64Chars(padded.AsSpan(0, encoded.Length + padding), decoded, out int length))
            {
                return BasicParseStatus.Malformed;
            }

            string pair = Decode(decoded.AsSpan(0, length));
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon > MaxUserNameLength || pair.Length - colon - 1 > MaxPasswordLength)
            {
                return BasicParseStatus.Malformed;
            }

            string userName = pair[..colon];
            if (userName.Any(char.IsControl) || string.IsNullOrWhiteSpace(userName))
            {
                return BasicParseStatus.Malformed;
            }

            credentials = new BasicCredentials(userName, pair[(colon + 1)..]);
            return BasicParseStatus.Parsed;
        }
        finally
        {
            // The buffers held the password; clear them before other code rents them.
            CryptographicOperations.ZeroMemory(decoded);
            padded.AsSpan().Clear();
            ArrayPool<byte>.Shared.Return(decoded);
            ArrayPool<char>.Shared.Return(padded);
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
