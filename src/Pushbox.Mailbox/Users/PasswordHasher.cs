using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pushbox.Mailbox.Users;

/// <summary>
/// Hashes passwords with PBKDF2-HMAC-SHA512 from the .NET cryptography library, in a self-describing
/// form <c>$pbkdf2-sha512$i=ITERATIONS$SALT$HASH</c> (base64), so that the cost can be raised later
/// without invalidating stored hashes. Verification is constant-time. Deliberately slow: callers on a
/// hot path cache a successful verification (keyed by <see cref="User.CredentialVersion"/>).
/// </summary>
public static class PasswordHasher
{
    /// <summary>Iterations for new hashes: OWASP's recommendation for PBKDF2-HMAC-SHA512 (2023).</summary>
    public const int DefaultIterations = 210_000;

    /// <summary>The longest password accepted; bounds the work an attacker can ask for.</summary>
    public const int MaxPasswordLength = 1024;

    private const string Prefix = "$pbkdf2-sha512$i=";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes <paramref name="password"/> with a fresh random salt.</summary>
    /// <exception cref="ArgumentException">The password is empty or longer than <see cref="MaxPasswordLength"/>.</exception>
    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length is 0 or > MaxPasswordLength)
        {
            throw new ArgumentException($"A password must have 1 to {MaxPasswordLength} characters.", nameof(password));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="encodedHash"/>; false for a malformed hash.</summary>
    public static bool Verify(string password, string encodedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(encodedHash);
        if (password.Length > MaxPasswordLength || !TryParse(encodedHash, out int iterations, out byte[] salt, out byte[] expected))
        {
            return false;
        }

        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Whether a stored hash uses fewer iterations than today's default and should be replaced at the next successful sign-in.</summary>
    public static bool NeedsRehash(string encodedHash) =>
        !TryParse(encodedHash, out int iterations, out _, out _) || iterations < DefaultIterations;

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (!encoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        string[] parts = encoded[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[1]);
            hash = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
