using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Pushbox.Http.Tests.Support;
using Pushbox.Http.Tls;

namespace Pushbox.Http.Tests.Tls;

public sealed class ServerCertificateProviderTests : IDisposable
{
    private readonly TempFolder data = new();
    private readonly ManualTimeProvider time = new();
    private readonly ListLogger logger = new();

    public void Dispose() => data.Dispose();

    private string TlsFolder => Path.Combine(data.Path, "tls");

    [Fact]
    public void LoadOrCreate_NothingConfigured_GeneratesSelfSignedIntoDataFolder()
    {
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger);

        Assert.True(result.Generated);
        Assert.True(result.SelfManaged);
        Assert.True(result.Certificate.HasPrivateKey);
        Assert.True(File.Exists(Path.Combine(TlsFolder, "server.pem")));
        Assert.True(File.Exists(Path.Combine(TlsFolder, "server.key")));
        Assert.Contains("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(TlsFolder, "server.pem")), StringComparison.Ordinal);
        Assert.Contains("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(TlsFolder, "server.key")), StringComparison.Ordinal);
        Assert.True(logger.Has(2101));
        Assert.Contains(logger.Lines, l => l.EventId == 2100 && l.Message.Contains(result.Sha256Fingerprint, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOrCreate_Generated_KeyFileIsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using ServerCertificate _ = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(TlsFolder, "server.key")));
        Assert.Empty(Directory.GetFiles(TlsFolder, "*.tmp-*"));
    }

    [Fact]
    public void LoadOrCreate_Generated_HasHostNameLocalhostLoopbackAndExtraNames_ServerAuth_825Days()
    {
        var options = new TlsOptions();
        options.AdditionalNames.Add("mail.example.com");
        options.AdditionalNames.Add("192.0.2.7");

        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(options, data.Path, time, logger);
        X509Certificate2 certificate = result.Certificate;

        Assert.Equal(Dns.GetHostName(), certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        X509SubjectAlternativeNameExtension names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        string[] dnsNames = [.. names.EnumerateDnsNames()];
        IPAddress[] addresses = [.. names.EnumerateIPAddresses()];
        Assert.Contains("localhost", dnsNames);
        Assert.Contains("mail.example.com", dnsNames);
        Assert.Contains(IPAddress.Loopback, addresses);
        Assert.Contains(IPAddress.IPv6Loopback, addresses);
        Assert.Contains(IPAddress.Parse("192.0.2.7"), addresses);
        X509EnhancedKeyUsageExtension usage = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(usage.EnhancedKeyUsages.Cast<Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(TimeSpan.FromDays(825), certificate.NotAfter - certificate.NotBefore);
        DateTimeOffset notBefore = new(certificate.NotBefore.ToUniversalTime());
        Assert.InRange(notBefore, time.GetUtcNow().AddMinutes(-6), time.GetUtcNow());
    }

    [Fact]
    public void LoadOrCreate_SecondStart_LoadsTheStoredCertificate()
    {
        string first;
        using (ServerCertificate created = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
            first = created.Sha256Fingerprint;
        }

        time.Advance(TimeSpan.FromDays(100));
        var second = new ListLogger();
        using ServerCertificate loaded = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, second);

        Assert.False(loaded.Generated);
        Assert.True(loaded.SelfManaged);
        Assert.True(loaded.Certificate.HasPrivateKey);
        Assert.Equal(first, loaded.Sha256Fingerprint);
        Assert.True(second.Has(2100));
        Assert.False(second.Has(2101));
    }

    [Theory]
    [InlineData(796, false)] // 29 days left: renew
    [InlineData(794, true)] // 31 days left: keep
    [InlineData(900, false)] // expired: renew
    public void LoadOrCreate_StoredCertificateNearExpiry_IsRegenerated(int daysLater, bool kept)
    {
        string first;
        using (ServerCertificate created = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
            first = created.Sha256Fingerprint;
        }

        time.Advance(TimeSpan.FromDays(daysLater));
        var later = new ListLogger();
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, later);

        Assert.Equal(kept, result.Sha256Fingerprint == first);
        Assert.Equal(!kept, result.Generated);
        Assert.Equal(!kept, later.Has(2102));
        if (!kept)
        {
            Assert.True(new DateTimeOffset(result.Certificate.NotAfter.ToUniversalTime()) > time.GetUtcNow().AddDays(800));
        }
    }

    [Fact]
    public void LoadOrCreate_StoredFilesDamaged_RegeneratesWithWarning()
    {
        using (ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
        }

        File.WriteAllText(Path.Combine(TlsFolder, "server.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
        var later = new ListLogger();
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, later);

        Assert.True(result.Generated);
        Assert.True(later.Has(2102));
    }

    [Fact]
    public void LoadOrCreate_StoredKeyOfAnotherCertificate_Regenerates()
    {
        using (ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
        }

        using (RSA other = RSA.Create(2048))
        {
            File.WriteAllText(Path.Combine(TlsFolder, "server.key"), other.ExportPkcs8PrivateKeyPem());
        }

        var later = new ListLogger();
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, later);

        Assert.True(result.Generated);
        Assert.True(later.Has(2102));
    }

    [Fact]
    public void LoadOrCreate_ConfiguredKeyOfAnotherCertificate_ThrowsNamingTheSetting()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        using (ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            string certificatePath = Path.Combine(data.Path, "server.crt");
            string keyPath = Path.Combine(data.Path, "other.key");
            File.WriteAllText(certificatePath, server.ExportCertificatePem());
            File.WriteAllText(keyPath, other.ExportPkcs8PrivateKeyPem());

            var error = Assert.Throws<InvalidOperationException>(() => ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = certificatePath, Key = keyPath }, data.Path, time, logger));

            Assert.Contains("Tls:Certificate", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadOrCreate_KeyFileMissing_Regenerates()
    {
        using (ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
        }

        File.Delete(Path.Combine(TlsFolder, "server.key"));
        var later = new ListLogger();
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, later);

        Assert.True(result.Generated);
        Assert.Contains(later.Lines, l => l.EventId == 2102 && l.Message.Contains("server.key is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOrCreate_StoredKeyReadableByOthers_Warns()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
        }

        File.SetUnixFileMode(Path.Combine(TlsFolder, "server.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var later = new ListLogger();
        using ServerCertificate _ = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, later);

        Assert.True(later.Has(2105));
    }

    [Fact]
    public void Fingerprint_IsColonSeparatedSha256()
    {
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger);

        Assert.Matches(new Regex("^([0-9A-F]{2}:){31}[0-9A-F]{2}$"), result.Sha256Fingerprint);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(result.Certificate.RawData)), result.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadOrCreate_PemWithSeparateKey_LoadsCertificateKeyAndChain()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string certificatePath = Path.Combine(data.Path, "fullchain.pem");
            string keyPath = Path.Combine(data.Path, "privkey.pem");
            File.WriteAllText(certificatePath, server.ExportCertificatePem() + "\n" + authority.ExportCertificatePem() + "\n");
            File.WriteAllText(keyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

            using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = certificatePath, Key = keyPath }, data.Path, time, logger);

            Assert.False(result.Generated);
            Assert.False(result.SelfManaged);
            Assert.True(result.Certificate.HasPrivateKey);
            Assert.Equal(server.Thumbprint, result.Certificate.Thumbprint);
            Assert.Equal(authority.Thumbprint, Assert.Single(result.Intermediates).Thumbprint);
            Assert.False(Directory.Exists(TlsFolder));
            Assert.Contains(logger.Lines, l => l.EventId == 2100 && l.Message.Contains(certificatePath, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void LoadOrCreate_PemWithKeyInSameFile_Loads()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string path = Path.Combine(data.Path, "server.pem");
            File.WriteAllText(path, server.ExportCertificatePem() + "\n" + server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

            using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = path }, data.Path, time, logger);

            Assert.True(result.Certificate.HasPrivateKey);
            Assert.Empty(result.Intermediates);
        }
    }

    [Fact]
    public void LoadOrCreate_PemWithEncryptedKey_UsesPassword()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string certificatePath = Path.Combine(data.Path, "server.crt");
            string keyPath = Path.Combine(data.Path, "server.key");
            File.WriteAllText(certificatePath, server.ExportCertificatePem());
            var pbe = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000);
            File.WriteAllText(keyPath, server.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem("s3cret", pbe));

            using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = certificatePath, Key = keyPath, Password = "s3cret" }, data.Path, time, logger);

            Assert.True(result.Certificate.HasPrivateKey);
            Assert.DoesNotContain("s3cret", logger.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadOrCreate_Pfx_LoadsWithPassword()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string path = Path.Combine(data.Path, "server.pfx");
            File.WriteAllBytes(path, server.Export(X509ContentType.Pfx, "pfx-pass"));

            using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = path, Password = "pfx-pass" }, data.Path, time, logger);

            Assert.True(result.Certificate.HasPrivateKey);
            Assert.Equal(server.Thumbprint, result.Certificate.Thumbprint);
            Assert.DoesNotContain("pfx-pass", logger.AllText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadOrCreate_PfxWrongPassword_ThrowsNamingTheSettingNotThePassword()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string path = Path.Combine(data.Path, "server.p12");
            File.WriteAllBytes(path, server.Export(X509ContentType.Pfx, "right"));

            var error = Assert.Throws<InvalidOperationException>(() => ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = path, Password = "wrong" }, data.Path, time, logger));

            Assert.Contains("Tls:Certificate", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("wrong", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LoadOrCreate_ConfiguredCertificateExpiringSoon_Warns()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset now = time.GetUtcNow();
        using X509Certificate2 certificate = new CertificateRequest("CN=soon", key, HashAlgorithmName.SHA256).CreateSelfSigned(now.AddDays(-300), now.AddDays(10));
        string path = Path.Combine(data.Path, "soon.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        using ServerCertificate _ = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = path }, data.Path, time, logger);

        Assert.True(logger.Has(2103));
    }

    [Fact]
    public void LoadOrCreate_InvalidOptions_ThrowsListingProblems()
    {
        var error = Assert.Throws<ArgumentException>(() => ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = "/nonexistent/server.pem" }, data.Path, time, logger));

        Assert.Contains("Tls:Certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ReportsEachProblem()
    {
        string pfx = Path.Combine(data.Path, "a.pfx");
        File.WriteAllBytes(pfx, [0]);

        Assert.Empty(new TlsOptions().Validate());
        Assert.Contains(new TlsOptions { Key = "k.pem" }.Validate(), e => e.StartsWith("Tls:Key", StringComparison.Ordinal));
        Assert.Contains(new TlsOptions { Password = "x" }.Validate(), e => e.StartsWith("Tls:Password", StringComparison.Ordinal));
        Assert.Contains(new TlsOptions { Certificate = pfx, Key = "k.pem" }.Validate(), e => e.StartsWith("Tls:Key", StringComparison.Ordinal));
        Assert.Contains(new TlsOptions { Certificate = Path.Combine(data.Path, "missing.pem") }.Validate(), e => e.Contains("does not exist", StringComparison.Ordinal));
        var names = new TlsOptions();
        names.AdditionalNames.Add("bad name!");
        names.AdditionalNames.Add("ok.example.com");
        names.AdditionalNames.Add("2001:db8::1");
        Assert.Single(names.Validate());
    }

    [Fact]
    public async Task GeneratedCertificate_CompletesTlsHandshakeOverLoopback()
    {
        using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger);

        string seen = await HandshakeAsync(result);

        Assert.Equal(result.Sha256Fingerprint, seen);
    }

    [Fact]
    public async Task ReloadedCertificate_CompletesTlsHandshakeOverLoopback()
    {
        using (ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger))
        {
        }

        using ServerCertificate reloaded = ServerCertificateProvider.LoadOrCreate(new TlsOptions(), data.Path, time, logger);

        Assert.Equal(reloaded.Sha256Fingerprint, await HandshakeAsync(reloaded));
    }

    [Fact]
    public async Task PemCertificate_CompletesTlsHandshakeOverLoopback()
    {
        (X509Certificate2 server, X509Certificate2 authority) = TlsTestCertificates.IssueServerCertificate();
        using (server)
        using (authority)
        {
            string certificatePath = Path.Combine(data.Path, "fullchain.pem");
            string keyPath = Path.Combine(data.Path, "privkey.pem");
            File.WriteAllText(certificatePath, server.ExportCertificatePem() + "\n" + authority.ExportCertificatePem() + "\n");
            File.WriteAllText(keyPath, server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
            using ServerCertificate result = ServerCertificateProvider.LoadOrCreate(new TlsOptions { Certificate = certificatePath, Key = keyPath }, data.Path, time, logger);

            Assert.Equal(result.Sha256Fingerprint, await HandshakeAsync(result));
        }
    }

    /// <summary>Runs an SslStream server with the certificate and an SslStream client against it; returns the fingerprint the client saw.</summary>
    private static async Task<string> HandshakeAsync(ServerCertificate certificate)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        SslStreamCertificateContext context = SslStreamCertificateContext.Create(certificate.Certificate, certificate.Intermediates, offline: true);

        Task server = Task.Run(
            async () =>
            {
                using TcpClient accepted = await listener.AcceptTcpClientAsync(cancel.Token);
                await using var tls = new SslStream(accepted.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, cancel.Token);
                byte[] buffer = new byte[4];
                await tls.ReadExactlyAsync(buffer, cancel.Token);
                await tls.WriteAsync(buffer, cancel.Token);
            },
            cancel.Token);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        string? seen = null;
        await using (var tls = new SslStream(client.GetStream()))
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = SslProtocols.None,
                    RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    {
                        // Pinning, as an administrator does on a phone: accept exactly this certificate.
                        using X509Certificate2 copy = X509CertificateLoader.LoadCertificate(presented!.GetRawCertData());
                        seen = ServerCertificate.FingerprintOf(copy);
                        return seen == certificate.Sha256Fingerprint;
                    },
                },
                cancel.Token);
            await tls.WriteAsync("ping"u8.ToArray(), cancel.Token);
            byte[] echo = new byte[4];
            await tls.ReadExactlyAsync(echo, cancel.Token);
            Assert.Equal("ping"u8.ToArray(), echo);
        }

        await server;
        return seen!;
    }
}
