using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>STARTTLS (RFC 3207) with MailKit and on the wire, using a self-signed certificate made in-process.</summary>
public sealed class StartTlsTests
{
    private static Task<SmtpTestServer> StartAsync() =>
        SmtpTestServer.StartAsync(o => o.Certificate = TestCertificate.Value);

    private static bool AcceptsTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == TestCertificate.Value.GetCertHashString();

    [Fact]
    public async Task StartTls_WithMailKit_DeliversOverTls_AndTheTraceSaysEsmtps()
    {
        await using SmtpTestServer server = await StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        using var client = new SmtpClient { ServerCertificateValidationCallback = AcceptsTestCertificate, LocalDomain = "client.test" };

        await client.ConnectAsync("127.0.0.1", server.SmtpEndPoint.Port, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@remote.test"));
        message.To.Add(MailboxAddress.Parse("alice@example.com"));
        message.Subject = "secret";
        message.Body = new TextPart("plain") { Text = "over TLS" };
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);

        string stored = Encoding.UTF8.GetString((await server.ContentAsync(Assert.Single(await server.InboxAsync(alice.Id)))));
        Assert.Contains(" with ESMTPS id ", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ehlo_WithCertificate_AdvertisesStartTls()
    {
        await using SmtpTestServer server = await StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.SendAsync("EHLO client.test\r\n");

        Assert.Contains("250-STARTTLS", await client.ReadReplyAsync());
    }

    [Fact]
    public async Task StartTls_WithCommandsPipelinedBehindIt_IsRefusedAndTheConnectionClosed()
    {
        await using SmtpTestServer server = await StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");

        await client.SendAsync("STARTTLS\r\nMAIL FROM:<injected@evil.test>\r\n");

        await client.ExpectAsync("554 5.5.1");
        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task StartTls_ResetsTheSession_SoMailNeedsANewEhlo()
    {
        await using SmtpTestServer server = await StartAsync();
        await using RawClient raw = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await raw.CommandAsync("EHLO client.test", "250 ");
        await raw.CommandAsync("STARTTLS", "220 2.0.0");

        // MailKit hides the dialogue after STARTTLS; speak it through an SslStream over the same socket.
        await using var tls = new SslStream(new RawClientStream(raw), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "mx.pushbox.test", RemoteCertificateValidationCallback = AcceptsTestCertificate });
        using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
        await tls.WriteAsync("MAIL FROM:<s@remote.test>\r\n"u8.ToArray());
        Assert.StartsWith("503 5.5.1", await reader.ReadLineAsync(), StringComparison.Ordinal);
        await tls.WriteAsync("EHLO client.test\r\n"u8.ToArray());
        var ehlo = new List<string>();
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            ehlo.Add(line);
            if (line[3] == ' ')
            {
                break;
            }
        }

        Assert.DoesNotContain("250-STARTTLS", ehlo);
        await tls.WriteAsync("STARTTLS\r\n"u8.ToArray());
        Assert.StartsWith("503 5.5.1", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }
}
