using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Pushbox.Protocol.Commands.ValidateCert;

namespace Pushbox.Commands.Certificates;

/// <summary>
/// Validates S/MIME certificates for ValidateCert: builds each one's chain with <see cref="X509Chain"/> against the
/// system trust store (and <see cref="CertificateValidationOptions.ExtraTrustedRoots"/>), with the request's
/// intermediates, at the current time, checking revocation of the entire chain online when asked, and maps what is
/// wrong to the MS-ASCMD 2.2.3.177.18 status, the most serious first: a bad signature (3), revocation (13 for the
/// certificate, 15 for another in the chain), validity time (7 for the certificate, 8 for the chain), basic
/// constraints (11), usage (6: a key or extended usage that excludes signing email; 9 for another in the chain), an
/// untrusted root (4), an incomplete or cyclic chain (5), revocation offline (14) or unknown (16), anything else (17).
/// </summary>
public sealed class CertificateValidator(CertificateValidationOptions options, TimeProvider time)
{
    private const string EmailProtection = "1.3.6.1.5.5.7.3.4";

    /// <summary>Decodes base64 DER text; null when it is not a certificate.</summary>
    public static X509Certificate2? Decode(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        try
        {
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(base64.Trim()));
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The status of <paramref name="certificate"/>, with <paramref name="intermediates"/> to build its chain.</summary>
    public ValidateCertStatus Validate(X509Certificate2 certificate, IReadOnlyCollection<X509Certificate2> intermediates, bool checkRevocation)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(intermediates);
        if (!UsableForEmail(certificate))
        {
            return ValidateCertStatus.NotForEmail;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = checkRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck;
        chain.ChainPolicy.RevocationFlag = X509RevocationFlag.EntireChain;
        chain.ChainPolicy.UrlRetrievalTimeout = options.RevocationTimeout;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.ExtraStore.AddRange(intermediates.Concat(options.ExtraTrustedRoots).ToArray());
        chain.Build(certificate);

        X509Certificate2 root = chain.ChainElements[^1].Certificate;
        bool extraRoot = options.ExtraTrustedRoots.Any(r => r.RawData.AsSpan().SequenceEqual(root.RawData));
        var found = new List<ValidateCertStatus>();
        for (int i = 0; i < chain.ChainElements.Count; i++)
        {
            foreach (X509ChainStatus status in chain.ChainElements[i].ChainElementStatus)
            {
                if (Map(status.Status, i == 0, extraRoot) is { } mapped)
                {
                    found.Add(mapped);
                }
            }
        }

        foreach (X509ChainStatus status in chain.ChainStatus)
        {
            if (Map(status.Status, leaf: false, extraRoot) is { } mapped && !found.Contains(mapped))
            {
                found.Add(mapped);
            }
        }

        return found.Count == 0 ? ValidateCertStatus.Success : found.MinBy(Severity);
    }

    /// <summary>False when a key usage or extended key usage extension rules out signing email.</summary>
    private static bool UsableForEmail(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            switch (extension)
            {
                case X509KeyUsageExtension usage when (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment)) == 0:
                    return false;
                case X509EnhancedKeyUsageExtension enhanced when enhanced.EnhancedKeyUsages.Count > 0
                    && !enhanced.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == EmailProtection):
                    return false;
            }
        }

        return true;
    }

    private static ValidateCertStatus? Map(X509ChainStatusFlags flag, bool leaf, bool extraRoot) => flag switch
    {
        X509ChainStatusFlags.NoError => null,
        X509ChainStatusFlags.UntrustedRoot when extraRoot => null,
        X509ChainStatusFlags.NotSignatureValid or X509ChainStatusFlags.CtlNotSignatureValid => ValidateCertStatus.SignatureInvalid,
        X509ChainStatusFlags.Revoked => leaf ? ValidateCertStatus.Revoked : ValidateCertStatus.ChainRevoked,
        X509ChainStatusFlags.NotTimeValid => leaf ? ValidateCertStatus.Expired : ValidateCertStatus.TimeNestingInvalid,
        X509ChainStatusFlags.NotTimeNested => ValidateCertStatus.TimeNestingInvalid,
        X509ChainStatusFlags.InvalidBasicConstraints => ValidateCertStatus.BasicConstraints,
        X509ChainStatusFlags.NotValidForUsage => leaf ? ValidateCertStatus.NotForEmail : ValidateCertStatus.UsedIncorrectly,
        X509ChainStatusFlags.InvalidExtension or X509ChainStatusFlags.HasNotSupportedCriticalExtension or X509ChainStatusFlags.InvalidPolicyConstraints
            or X509ChainStatusFlags.InvalidNameConstraints or X509ChainStatusFlags.HasNotPermittedNameConstraint
            or X509ChainStatusFlags.HasExcludedNameConstraint or X509ChainStatusFlags.HasNotSupportedNameConstraint
            or X509ChainStatusFlags.HasNotDefinedNameConstraint => ValidateCertStatus.UsedIncorrectly,
        X509ChainStatusFlags.UntrustedRoot => ValidateCertStatus.UntrustedSource,
        X509ChainStatusFlags.PartialChain or X509ChainStatusFlags.Cyclic => ValidateCertStatus.ChainInvalid,
        X509ChainStatusFlags.OfflineRevocation => ValidateCertStatus.RevocationOffline,
        X509ChainStatusFlags.RevocationStatusUnknown => ValidateCertStatus.RevocationUnknown,
        _ => ValidateCertStatus.ServerError,
    };

    /// <summary>Lower is more serious.</summary>
    private static int Severity(ValidateCertStatus status) => status switch
    {
        ValidateCertStatus.SignatureInvalid => 0,
        ValidateCertStatus.Revoked => 1,
        ValidateCertStatus.ChainRevoked => 2,
        ValidateCertStatus.Expired => 3,
        ValidateCertStatus.TimeNestingInvalid => 4,
        ValidateCertStatus.BasicConstraints => 5,
        ValidateCertStatus.NotForEmail => 6,
        ValidateCertStatus.UsedIncorrectly => 7,
        ValidateCertStatus.UntrustedSource => 8,
        ValidateCertStatus.ChainInvalid => 9,
        ValidateCertStatus.RevocationOffline => 10,
        ValidateCertStatus.RevocationUnknown => 11,
        _ => 12,
    };
}
