using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Http.Tls;

/// <summary>
/// The certificate the HTTPS endpoint offers, as <see cref="ServerCertificateProvider.LoadOrCreate"/> found
/// or made it. The caller owns it: keep it alive while serving, dispose of it afterwards.
/// </summary>
/// <remarks>
/// <see cref="Certificate"/> carries its private key in a form that both Kestrel
/// (<c>HttpsConnectionAdapterOptions.ServerCertificate</c>, with <see cref="Intermediates"/> as
/// <c>ServerCertificateChain</c>) and <see cref="System.Net.Security.SslStream"/>
/// (<c>SslStreamCertificateContext.Create(Certificate, Intermediates)</c>) accept on Linux.
/// </remarks>
public sealed class ServerCertificate : IDisposable
{
    internal ServerCertificate(X509Certificate2 certificate, X509Certificate2Collection intermediates, bool generated, bool selfManaged)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Generated = generated;
        SelfManaged = selfManaged;
        Sha256Fingerprint = FingerprintOf(certificate);
    }

    /// <summary>The server certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The further certificates of the configured file (the chain up to, not including, the root); empty for a self-signed certificate.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>
    /// The SHA-256 fingerprint of <see cref="Certificate"/> as colon-separated upper-case hex
    /// (<c>AB:CD:…</c>), the form phones and browsers show; an administrator compares the two before
    /// accepting a self-signed certificate on a device.
    /// </summary>
    public string Sha256Fingerprint { get; }

    /// <summary>Whether the certificate was generated during this call (first start, or the stored one was expiring or unreadable).</summary>
    public bool Generated { get; }

    /// <summary>Whether this is Pushbox's own self-signed certificate from <c>&lt;data&gt;/tls</c> rather than a configured one.</summary>
    public bool SelfManaged { get; }

    /// <summary>The SHA-256 fingerprint of <paramref name="certificate"/>, colon-separated upper-case hex.</summary>
    public static string FingerprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        byte[] hash = SHA256.HashData(certificate.RawData);
        return string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (X509Certificate2 intermediate in Intermediates)
        {
            intermediate.Dispose();
        }
    }
}
