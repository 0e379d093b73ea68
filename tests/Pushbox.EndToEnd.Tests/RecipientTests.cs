using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// ResolveRecipients (MS-ASCMD 2.2.1.15) and ValidateCert (2.2.1.20) over HTTPS against the real server: recipients
/// resolved by address and by name, ambiguous and unresolved answers, certificates and pictures stored with the CLI,
/// free/busy (not available: no calendars yet); certificate chains valid, untrusted, expired, for the wrong use or not
/// certificates at all. Every response is validated against the schemas.
/// </summary>
[Collection(MailServer.Name)]
public sealed class RecipientTests(MailServerFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace Rr = "ResolveRecipients:";
    private static readonly XNamespace Vc = "ValidateCert:";

    public static TheoryData<string> Versions { get; } = new() { "12.1", "14.1", "16.1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ResolveRecipients_ByAddressAndByName_WithCertificates(string version)
    {
        string tag = "rr" + version.Replace(".", string.Empty, StringComparison.Ordinal) + Guid.NewGuid().ToString("N")[..4];
        string ursula = await fixture.NewNamedUserAsync($"ursula.{tag}", $"Ursula Franklin {tag}");
        string plain = await fixture.NewNamedUserAsync($"victor.{tag}", $"Victor Hugo {tag}");
        using X509Certificate2 certificate = TestCertificates.IssueCurrent(fixture.TrustedCa, ursula);
        string path = Path.Combine(Path.GetTempPath(), tag + ".cer");
        await File.WriteAllBytesAsync(path, certificate.RawData);
        Assert.Equal(0, (await fixture.CliAsync("user", "cert", "add", ursula, path)).ExitCode);
        Assert.Equal(0, (await fixture.CliAsync("user", "alias", "add", ursula, $"uf.{tag}@example.com")).ExitCode);
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), version);

        XElement root = await ResolveAsync(client, [$"uf.{tag}@example.com", $"victor {tag}"], "<CertificateRetrieval>2</CertificateRetrieval>");

        XElement[] responses = [.. root.Elements(Rr + "Response")];
        Assert.Equal(["1", "1"], responses.Select(r => r.Element(Rr + "Status")!.Value));
        XElement byAlias = Assert.Single(responses[0].Elements(Rr + "Recipient"));
        Assert.Equal((ursula, $"Ursula Franklin {tag}", "1"), (byAlias.Element(Rr + "EmailAddress")!.Value, byAlias.Element(Rr + "DisplayName")!.Value, byAlias.Element(Rr + "Type")!.Value));
        XElement certificates = byAlias.Element(Rr + "Certificates")!;
        Assert.Equal(["1", "1"], [certificates.Element(Rr + "Status")!.Value, certificates.Element(Rr + "CertificateCount")!.Value]);
        Assert.Equal(certificate.RawData, Convert.FromBase64String(certificates.Element(Rr + "Certificate")!.Value));
        XElement victor = Assert.Single(responses[1].Elements(Rr + "Recipient"));
        Assert.Equal(plain, victor.Element(Rr + "EmailAddress")!.Value);
        Assert.Equal("7", victor.Element(Rr + "Certificates")!.Element(Rr + "Status")!.Value); // MS-ASCMD_R4303
    }

    [Fact]
    public async Task ResolveRecipients_AmbiguousAndUnresolved()
    {
        string tag = "amb" + Guid.NewGuid().ToString("N")[..6];
        await fixture.NewNamedUserAsync($"theo.baker.{tag}", $"Theo Baker {tag}");
        await fixture.NewNamedUserAsync($"theo.carter.{tag}", $"Theo Carter {tag}");
        await fixture.NewNamedUserAsync($"thea.dunn.{tag}", $"Thea Dunn {tag}");
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "14.1");

        XElement all = await ResolveAsync(client, [$"theo {tag}", $"nobody{tag}", $"someone.{tag}@elsewhere.invalid"], "<CertificateRetrieval>2</CertificateRetrieval>");
        XElement partial = await ResolveAsync(client, [$"the {tag}"], "<MaxAmbiguousRecipients>2</MaxAmbiguousRecipients>");

        XElement[] responses = [.. all.Elements(Rr + "Response")];
        Assert.Equal(["2", "4", "4"], responses.Select(r => r.Element(Rr + "Status")!.Value)); // R4277, R4286
        Assert.Equal("2", responses[0].Element(Rr + "RecipientCount")!.Value);
        Assert.Equal(2, responses[0].Elements(Rr + "Recipient").Count());
        Assert.All(responses[0].Elements(Rr + "Recipient"), r => Assert.Null(r.Element(Rr + "Certificates"))); // R4279
        Assert.Empty(responses[1].Elements(Rr + "Recipient"));
        XElement three = Assert.Single(partial.Elements(Rr + "Response"));
        Assert.Equal(["3", "3"], [three.Element(Rr + "Status")!.Value, three.Element(Rr + "RecipientCount")!.Value]); // R4281 to R4283
        Assert.Equal(2, three.Elements(Rr + "Recipient").Count());
    }

    [Fact]
    public async Task ResolveRecipients_PictureAndAvailability()
    {
        string tag = "pa" + Guid.NewGuid().ToString("N")[..6];
        string user = await fixture.NewNamedUserAsync($"pat.{tag}", $"Pat {tag}");
        byte[] picture = RandomNumberGenerator.GetBytes(300);
        string path = Path.Combine(Path.GetTempPath(), tag + ".png");
        await File.WriteAllBytesAsync(path, picture);
        Assert.Equal(0, (await fixture.CliAsync("user", "picture", user, path)).ExitCode);
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "16.1");
        string start = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        string end = DateTimeOffset.UtcNow.AddHours(8).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        XElement root = await ResolveAsync(client, [user], $"<Availability><StartTime>{start}</StartTime><EndTime>{end}</EndTime></Availability><Picture><MaxSize>1000</MaxSize></Picture>");

        XElement recipient = root.Element(Rr + "Response")!.Element(Rr + "Recipient")!;
        Assert.Equal("163", recipient.Element(Rr + "Availability")!.Element(Rr + "Status")!.Value); // free/busy cannot be retrieved (no calendars yet)
        Assert.Null(recipient.Element(Rr + "Availability")!.Element(Rr + "MergedFreeBusy"));
        XElement pictureElement = recipient.Element(Rr + "Picture")!;
        Assert.Equal("1", pictureElement.Element(Rr + "Status")!.Value);
        Assert.Equal(picture, Convert.FromBase64String(pictureElement.Element(Rr + "Data")!.Value));
    }

    [Fact]
    public async Task ResolveRecipients_MalformedRequest_IsStatus5()
    {
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "14.1");
        EasResponse response = await client.SendAsync("ResolveRecipients", "<ResolveRecipients xmlns=\"ResolveRecipients:\"><Options><CertificateRetrieval>9</CertificateRetrieval></Options></ResolveRecipients>", "14.1");
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "ResolveRecipientsResponse.xsd");
        Assert.Equal("5", response.Xml!.Root!.Element(Rr + "Status")!.Value);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task ValidateCert_ValidUntrustedExpiredWrongUseAndGarbage(string version)
    {
        using X509Certificate2 valid = TestCertificates.IssueCurrent(fixture.TrustedCa, "valid@example.com");
        using X509Certificate2 expired = TestCertificates.Issue(fixture.TrustedCa, "old@example.com", DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        using X509Certificate2 wrongUse = TestCertificates.IssueCurrent(fixture.TrustedCa, "tls@example.com", serverOnly: true);
        using X509Certificate2 strangerCa = TestCertificates.CreateCa("Some Other Root");
        using X509Certificate2 untrusted = TestCertificates.IssueCurrent(strangerCa, "stranger@example.com");
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), version);

        XElement root = await ValidateAsync(client, [valid, untrusted, expired, wrongUse], "bm90IGEgY2VydGlmaWNhdGU=", chain: [strangerCa], checkCrl: false);

        Assert.Equal("1", root.Element(Vc + "Status")!.Value);
        Assert.Equal(["1", "4", "7", "6", "10"], root.Elements(Vc + "Certificate").Select(c => c.Element(Vc + "Status")!.Value)); // R4473, R4481, R4490, R4487, R4499
    }

    [Fact]
    public async Task ValidateCert_CheckCrlWithoutARevocationSource_CannotConfirmRevocation()
    {
        using X509Certificate2 valid = TestCertificates.IssueCurrent(fixture.TrustedCa, "crl@example.com");
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "14.1");

        XElement unchecked_ = await ValidateAsync(client, [valid], null, chain: [], checkCrl: false);
        XElement checkedRoot = await ValidateAsync(client, [valid], null, chain: [], checkCrl: true);

        Assert.Equal("1", unchecked_.Element(Vc + "Certificate")!.Element(Vc + "Status")!.Value);
        // No CRL distribution point nor OCSP address: revocation cannot be determined (16) or the source is unreachable (14).
        Assert.Contains(checkedRoot.Element(Vc + "Certificate")!.Element(Vc + "Status")!.Value, new[] { "14", "16" });
    }

    private static async Task<XElement> ResolveAsync(EasClient client, string[] to, string options)
    {
        string xml = "<ResolveRecipients xmlns=\"ResolveRecipients:\">" + string.Concat(to.Select(t => $"<To>{t}</To>")) + $"<Options>{options}</Options></ResolveRecipients>";
        EasResponse response = await client.SendAsync("ResolveRecipients", xml, client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "ResolveRecipientsResponse.xsd");
        XElement root = response.Xml!.Root!;
        Assert.Equal("1", root.Element(Rr + "Status")!.Value);
        return root;
    }

    private static async Task<XElement> ValidateAsync(EasClient client, X509Certificate2[] certificates, string? garbage, X509Certificate2[] chain, bool checkCrl)
    {
        string chainXml = chain.Length == 0 ? string.Empty : "<CertificateChain>" + string.Concat(chain.Select(c => $"<Certificate>{Convert.ToBase64String(c.RawData)}</Certificate>")) + "</CertificateChain>";
        string xml = "<ValidateCert xmlns=\"ValidateCert:\">" + chainXml + "<Certificates>"
            + string.Concat(certificates.Select(c => $"<Certificate>{Convert.ToBase64String(c.RawData)}</Certificate>"))
            + (garbage is null ? string.Empty : $"<Certificate>{garbage}</Certificate>")
            + $"</Certificates><CheckCRL>{(checkCrl ? 1 : 0)}</CheckCRL></ValidateCert>";
        EasResponse response = await client.SendAsync("ValidateCert", xml, client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, "ValidateCertResponse.xsd");
        return response.Xml!.Root!;
    }
}
