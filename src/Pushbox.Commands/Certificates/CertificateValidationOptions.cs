using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Commands.Certificates;

/// <summary>How ValidateCert checks certificates (configuration section <c>ActiveSync:ValidateCert</c>).</summary>
public sealed class CertificateValidationOptions
{
    /// <summary>The longest wait for a CRL or OCSP answer when CheckCRL asks for revocation: 15 seconds by default.</summary>
    public TimeSpan RevocationTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Root certificates trusted besides the system trust store (an organisation's own CA), e.g. loaded from the PEM
    /// file named by <c>ActiveSync:ValidateCert:TrustedRootsFile</c>. Empty: the system store only.
    /// </summary>
    public IReadOnlyList<X509Certificate2> ExtraTrustedRoots { get; init; } = [];

    /// <summary>The problems of these settings; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() =>
        RevocationTimeout <= TimeSpan.Zero || RevocationTimeout > TimeSpan.FromMinutes(2)
            ? ["ActiveSync:ValidateCert:RevocationTimeout must be more than 0 and at most 2 minutes."]
            : [];
}
