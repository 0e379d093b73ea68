using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Pushbox.Smtp.Tests;

public sealed class SmtpOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new SmtpOptions();

        Assert.Equal([new IPEndPoint(IPAddress.Any, 2525)], options.Endpoints);
        Assert.Empty(options.LmtpEndpoints);
        Assert.Null(options.Certificate);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
        Assert.Equal(35L * 1024 * 1024, options.Limits.MaxMessageSize);
        Assert.Equal(100, options.Limits.MaxRecipients);
        Assert.Equal(2048, options.Limits.MaxCommandLineLength);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Limits.CommandTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Limits.DataTimeout);
        Assert.Equal(500, options.Limits.MaxConcurrentSessions);
        Assert.Equal(10, options.Limits.MaxBadCommands);
        options.Validate();
    }

    [Fact]
    public void Limits_RefuseOutOfRangeValues()
    {
        var limits = new SmtpLimits();

        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxMessageSize = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxRecipients = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxCommandLineLength = 511);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxCommandLineLength = SmtpLimits.MaxCommandLineLengthCeiling + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.CommandTimeout = TimeSpan.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.DataTimeout = Timeout.InfiniteTimeSpan);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxConcurrentSessions = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxBadCommands = 0);
        limits.MaxCommandLineLength = 512;
        Assert.Equal(512, limits.MaxCommandLineLength);
    }

    [Theory]
    [InlineData("0.0.0.0:2525")]
    [InlineData("127.0.0.1:24")]
    [InlineData("[::1]:25")]
    [InlineData("127.0.0.1:0")]
    public void ParseEndPoint_IpEndpoints(string text)
    {
        Assert.Equal(IPEndPoint.Parse(text), SmtpOptions.ParseEndPoint(text));
    }

    [Fact]
    public void ParseEndPoint_UnixSocket()
    {
        EndPoint endPoint = SmtpOptions.ParseEndPoint("unix:/run/pushbox/lmtp.sock");

        Assert.Equal("/run/pushbox/lmtp.sock", Assert.IsType<UnixDomainSocketEndPoint>(endPoint).ToString());
    }

    [Theory]
    [InlineData("localhost:25")]
    [InlineData("127.0.0.1")]
    [InlineData("unix:relative.sock")]
    [InlineData("unix:")]
    [InlineData("")]
    public void ParseEndPoint_RefusesOtherText(string text)
    {
        Assert.Throws<FormatException>(() => SmtpOptions.ParseEndPoint(text));
    }

    [Fact]
    public void Validate_RefusesDuplicateEndpoints()
    {
        var options = new SmtpOptions();
        options.LmtpEndpoints.Add(new IPEndPoint(IPAddress.Any, 2525));

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mx example")]
    [InlineData("mx\r\nInjected: yes")]
    public void Validate_RefusesBadServerNames(string name)
    {
        var options = new SmtpOptions { ServerName = name };

        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Validate_RefusesAPostmasterAddressThatIsNoAddress()
    {
        Assert.Throws<ArgumentException>(new SmtpOptions { PostmasterAddress = "root" }.Validate);
        new SmtpOptions { PostmasterAddress = "root@example.com" }.Validate();
    }

    [Fact]
    public void Validate_RefusesACertificateWithoutItsKey()
    {
        using var key = ECDsa.Create();
        using X509Certificate2 withKey = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(withKey.Export(X509ContentType.Cert));
        var options = new SmtpOptions { Certificate = publicOnly };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
