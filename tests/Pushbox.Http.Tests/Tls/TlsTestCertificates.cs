using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Http.Tests.Tls;

/// <summary>Certificates made in memory for the loading tests: a small CA and a server certificate it issued.</summary>
internal static class TlsTestCertificates
{
    public static (X509Certificate2 Server, X509Certificate2 Authority) IssueServerCertificate(string commonName = "mail.pushbox.test")
    {
        using ECDsa authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest("CN=Pushbox Test CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        X509Certificate2 authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));

        using ECDsa serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=" + commonName, serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(commonName);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using X509Certificate2 issued = serverRequest.Create(authority, now.AddDays(-1), now.AddYears(1), [1, 2, 3, 4, 5, 6, 7, 8]);
        X509Certificate2 server = issued.CopyWithPrivateKey(serverKey);
        return (server, authority);
    }
}
