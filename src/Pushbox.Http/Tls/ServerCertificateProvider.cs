using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Tls;

/// <summary>
/// Finds the certificate the HTTPS endpoint offers: the configured one (<see cref="TlsOptions.Certificate"/>),
/// or Pushbox's own self-signed certificate in <c>&lt;data&gt;/tls</c>, generated on first start and
/// again when it has expired or will within <see cref="RenewalMargin"/>. Logs the SHA-256 fingerprint at
/// every start (event 2100) so that an administrator can compare it with what a phone shows.
/// </summary>
public static class ServerCertificateProvider
{
    /// <summary>The folder inside the data folder that holds the generated certificate.</summary>
    public const string FolderName = "tls";

    /// <summary>The generated certificate, PEM.</summary>
    public const string CertificateFileName = "server.pem";

    /// <summary>The generated certificate's private key, PKCS#8 PEM, readable by the owner only (mode 0600).</summary>
    public const string KeyFileName = "server.key";

    /// <summary>How long a generated certificate is valid: 825 days, the most Apple devices accept for a TLS server certificate.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(825);

    /// <summary>A generated certificate this close to its expiry is replaced at start; a configured one is warned about.</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromDays(30);

    /// <summary>A generated certificate is valid from slightly before its creation, for devices whose clock is behind.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private const UnixFileMode OthersMask =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Loads the configured certificate, or loads (generating when needed) the self-signed one in
    /// <c><paramref name="dataDirectory"/>/tls</c>. Synchronous: call it once at start, before Kestrel listens.
    /// </summary>
    /// <param name="options">The TLS settings; validated here.</param>
    /// <param name="dataDirectory">Pushbox's data folder; <c>tls/</c> is created in it when a certificate is generated.</param>
    /// <param name="time">The clock deciding expiry and the validity of a generated certificate.</param>
    /// <param name="logger">Receives the fingerprint (2100) and what was done (2101–2106).</param>
    /// <returns>The certificate with its private key, its fingerprint and whether it was generated; the caller disposes of it.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">The configured certificate cannot be read (wrong password, no private key, not a certificate).</exception>
    /// <exception cref="IOException">The data folder cannot be written.</exception>
    public static ServerCertificate LoadOrCreate(TlsOptions options, string dataDirectory, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid TLS settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)), nameof(options));
        }

        return string.IsNullOrWhiteSpace(options.Certificate)
            ? LoadOrGenerateSelfManaged(options, Path.Combine(Path.GetFullPath(dataDirectory), FolderName), time, logger)
            : LoadConfigured(options, time, logger);
    }

    private static ServerCertificate LoadConfigured(TlsOptions options, TimeProvider time, ILogger logger)
    {
        string path = Path.GetFullPath(options.Certificate!);
        X509Certificate2 leaf;
        var intermediates = new X509Certificate2Collection();
        try
        {
            if (options.IsPkcs12)
            {
                X509Certificate2Collection all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.Password);
                leaf = all.FirstOrDefault(c => c.HasPrivateKey)
                    ?? throw new InvalidOperationException($"Tls:Certificate '{path}' holds no private key.");
                AddOthers(all, leaf, intermediates);
            }
            else
            {
                string? keyPath = string.IsNullOrEmpty(options.Key) ? null : Path.GetFullPath(options.Key);
                using X509Certificate2 pem = string.IsNullOrEmpty(options.Password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.Password, keyPath);
                leaf = Reimport(pem);
                var all = new X509Certificate2Collection();
                all.ImportFromPemFile(path);
                AddOthers(all, leaf, intermediates);
                WarnIfExposed(keyPath ?? path, logger);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The message says what is wrong with the file (ArgumentException: the key does not belong
            // to the certificate); it never holds the password.
            throw new InvalidOperationException($"Tls:Certificate '{path}' cannot be read: {e.Message}", e);
        }

        DateTimeOffset now = time.GetUtcNow();
        DateTimeOffset notAfter = NotAfter(leaf);
        if (now >= notAfter)
        {
            logger.ConfiguredExpired(path, notAfter);
        }
        else if (notAfter - now <= RenewalMargin)
        {
            logger.ConfiguredExpiring(path, notAfter);
        }

        DateTimeOffset notBefore = new(leaf.NotBefore.ToUniversalTime());
        if (notBefore > now)
        {
            logger.ConfiguredNotYetValid(path, notBefore);
        }

        var result = new ServerCertificate(leaf, intermediates, generated: false, selfManaged: false);
        logger.CertificateInUse(leaf.Subject, result.Sha256Fingerprint, notAfter, "from " + path);
        return result;
    }

    private static ServerCertificate LoadOrGenerateSelfManaged(TlsOptions options, string folder, TimeProvider time, ILogger logger)
    {
        string certificatePath = Path.Combine(folder, CertificateFileName);
        string keyPath = Path.Combine(folder, KeyFileName);
        bool haveCertificate = File.Exists(certificatePath);
        bool haveKey = File.Exists(keyPath);
        string? reason = null;
        if (haveCertificate && haveKey)
        {
            X509Certificate2? stored = null;
            try
            {
                using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
                stored = Reimport(pem);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // ArgumentException: the key does not belong to the certificate.
                reason = "cannot be read (damaged, or the key does not belong to the certificate)";
            }

            if (stored is not null)
            {
                DateTimeOffset now = time.GetUtcNow();
                DateTimeOffset notAfter = NotAfter(stored);
                if (now >= notAfter)
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"expired on {notAfter:yyyy-MM-dd}");
                }
                else if (notAfter - now <= RenewalMargin)
                {
                    reason = string.Create(CultureInfo.InvariantCulture, $"expires on {notAfter:yyyy-MM-dd}, within {RenewalMargin.TotalDays:0} days");
                }
                else
                {
                    WarnIfExposed(keyPath, logger);
                    var kept = new ServerCertificate(stored, [], generated: false, selfManaged: true);
                    logger.CertificateInUse(stored.Subject, kept.Sha256Fingerprint, notAfter, "self-signed, stored in " + folder);
                    return kept;
                }

                stored.Dispose();
            }
        }
        else if (haveCertificate || haveKey)
        {
            reason = $"is incomplete ({(haveCertificate ? KeyFileName : CertificateFileName)} is missing)";
        }

        if (reason is not null)
        {
            logger.Regenerating(folder, reason);
        }

        return Generate(folder, options.AdditionalNames, time, logger);
    }

    private static ServerCertificate Generate(string folder, IEnumerable<string> additionalNames, TimeProvider time, ILogger logger)
    {
        string hostName = HostName();
        var names = new List<string>();
        foreach (string name in new[] { hostName, "localhost", "127.0.0.1", "::1" }.Concat(additionalNames))
        {
            if (TlsOptions.IsHostNameOrAddress(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(hostName);
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (string name in names)
        {
            if (IPAddress.TryParse(name, out IPAddress? address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternativeNames.Build());
        var subjectKeyIdentifier = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKeyIdentifier);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyIdentifier));

        DateTimeOffset notBefore = TruncateToSeconds(time.GetUtcNow() - ClockSkew);
        using X509Certificate2 created = request.CreateSelfSigned(notBefore, notBefore + Validity);

        CreatePrivateFolder(folder);
        WriteAtomically(Path.Combine(folder, KeyFileName), key.ExportPkcs8PrivateKeyPem(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteAtomically(
            Path.Combine(folder, CertificateFileName),
            created.ExportCertificatePem() + "\n",
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        X509Certificate2 certificate = Reimport(created);
        var result = new ServerCertificate(certificate, [], generated: true, selfManaged: true);
        string nameList = string.Join(", ", names);
        DateTimeOffset notAfter = NotAfter(certificate);
        string source = "self-signed, generated now in " + folder;
        logger.Generated(nameList, folder);
        logger.CertificateInUse(certificate.Subject, result.Sha256Fingerprint, notAfter, source);
        return result;
    }

    /// <summary>
    /// A copy of <paramref name="withKey"/> whose key came through PKCS#12: keys read from PEM or created in
    /// memory are ephemeral, which SslStream refuses on some platforms; a PKCS#12 import works everywhere.
    /// </summary>
    internal static X509Certificate2 Reimport(X509Certificate2 withKey)
    {
        byte[] pkcs12 = withKey.Export(X509ContentType.Pkcs12);
        try
        {
            return X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs12);
        }
    }

    private static void AddOthers(X509Certificate2Collection all, X509Certificate2 leaf, X509Certificate2Collection into)
    {
        foreach (X509Certificate2 certificate in all)
        {
            if (ReferenceEquals(certificate, leaf))
            {
                continue;
            }

            if (certificate.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
            {
                certificate.Dispose();
            }
            else
            {
                into.Add(certificate);
            }
        }
    }

    private static DateTimeOffset NotAfter(X509Certificate2 certificate) => new(certificate.NotAfter.ToUniversalTime());

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string HostName()
    {
        string name = Dns.GetHostName();
        return string.IsNullOrWhiteSpace(name) ? "localhost" : name;
    }

    private static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Writes a new file beside <paramref name="path"/>, created with <paramref name="mode"/> (so a key is never readable by others, not even briefly), then renames it over <paramref name="path"/>.</summary>
    private static void WriteAtomically(string path, string text, UnixFileMode mode)
    {
        string temporary = path + ".tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        var open = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            open.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, open))
            {
                stream.Write(Encoding.ASCII.GetBytes(text));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static void WarnIfExposed(string keyPath, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        UnixFileMode mode = File.GetUnixFileMode(keyPath);
        if ((mode & OthersMask) != 0)
        {
            logger.KeyFileExposed(keyPath, Convert.ToString((int)mode, 8).PadLeft(4, '0'));
        }
    }
}
