using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.EndToEnd.Tests;

/// <summary>Certificates made in the test process for ResolveRecipients and ValidateCert: a CA and S/MIME certificates it issues. No network is involved (no CRL or OCSP addresses).</summary>
public static class TestCertificates
{
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    /// <summary>A self-signed CA valid from three years ago for ten years, with its key.</summary>
    public static X509Certificate2 CreateCa(string name)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(7));
    }

    /// <summary>An S/MIME certificate for <paramref name="email"/> issued by <paramref name="ca"/> (for email protection unless <paramref name="serverOnly"/>).</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string email, DateTimeOffset notBefore, DateTimeOffset notAfter, bool serverOnly = false)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={email}, E={email}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(serverOnly ? ServerAuthentication : EmailProtection)], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddEmailAddress(email);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        return request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
    }

    /// <summary>A certificate valid from yesterday for a year.</summary>
    public static X509Certificate2 IssueCurrent(X509Certificate2 ca, string email, bool serverOnly = false) =>
        Issue(ca, email, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), serverOnly);
}
