using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Testing.Eas;

/// <summary>
/// Server certificate checks for a test client: pin the SHA-256 fingerprint that <c>pushbox serve</c>
/// logs at start (a self-signed certificate no chain validation would accept), or accept anything.
/// </summary>
public static class CertificateValidation
{
    /// <summary>Accepts every certificate. Only for tests on loopback.</summary>
#pragma warning disable CA5359 // Deliberate: a test option, next to Pin, for servers whose fingerprint is not known.
    public static RemoteCertificateValidationCallback AcceptAny { get; } = (_, _, _, _) => true;
#pragma warning restore CA5359

    /// <summary>
    /// Accepts exactly the certificate whose SHA-256 fingerprint (of its DER bytes) is
    /// <paramref name="sha256Fingerprint"/>, in hex with or without colons, any letter case; chain and
    /// name errors are ignored, since the pin is the whole check.
    /// </summary>
    /// <exception cref="ArgumentException">The fingerprint is not 32 bytes of hex.</exception>
    public static RemoteCertificateValidationCallback Pin(string sha256Fingerprint)
    {
        byte[] expected = ParseFingerprint(sha256Fingerprint);
        return (_, certificate, _, _) =>
            certificate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), expected);
    }

    /// <summary>The fingerprint of <paramref name="certificate"/> as the server logs it: colon-separated upper-case hex.</summary>
    public static string Fingerprint(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static byte[] ParseFingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string hex = text.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"'{text}' is not a hex SHA-256 fingerprint.", nameof(text), e);
        }

        return bytes.Length == SHA256.HashSizeInBytes ? bytes : throw new ArgumentException($"'{text}' is not 32 bytes.", nameof(text));
    }
}
