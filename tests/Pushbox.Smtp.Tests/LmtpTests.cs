using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox.Quotas;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>
/// LMTP (RFC 2033) over loopback TCP and a Unix socket. MailKit 4.18 has no LMTP client, so these
/// speak the protocol with <see cref="RawClient"/>.
/// </summary>
public sealed class LmtpTests
{
    [Fact]
    public async Task Data_GetsOneReplyPerAcceptedRecipient_InRcptOrder()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(lmtp: true);
        User alice = await server.AddUserAsync("alice@example.com");
        User bob = await server.AddUserAsync("bob@example.com", "robert@example.org");
        await using RawClient client = await RawClient.ConnectAsync(server.LmtpEndPoint);
        Assert.Equal("220 mx.pushbox.test LMTP Pushbox ready", await client.ReadLineAsync());

        await client.SendAsync("LHLO mta.local\r\n");
        Assert.Contains("250-PIPELINING", await client.ReadReplyAsync());
        await client.CommandAsync("MAIL FROM:<sender@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<bob@example.com>", "250 2.1.5");
        await client.CommandAsync("RCPT TO:<nobody@example.com>", "550 5.1.1");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("RCPT TO:<robert@example.org>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: lmtp\r\n\r\nhello\r\n.\r\n");

        Assert.StartsWith("250 2.1.5 <bob@example.com> delivered", await client.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5 <alice@example.com> delivered", await client.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5 <robert@example.org> delivered", await client.ReadLineAsync(), StringComparison.Ordinal);
        await client.CommandAsync("QUIT", "221 2.0.0");
        Assert.Single((await server.InboxAsync(alice.Id)));
        Assert.Single((await server.InboxAsync(bob.Id)));
        string stored = Encoding.UTF8.GetString(await server.ContentAsync((await server.InboxAsync(alice.Id))[0]));
        Assert.StartsWith("Return-Path: <sender@remote.test>\r\nReceived: from mta.local ([127.0.0.1])\r\n\tby mx.pushbox.test (Pushbox) with LMTP id ", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_OneMailboxFailing_GetsItsOwn451_WhileTheOtherIsDelivered()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(lmtp: true);
        User alice = await server.AddUserAsync("alice@example.com");
        User bob = await server.AddUserAsync("bob@example.com");
        server.Store.BeforeAddEmail = (userId, _) => userId == bob.Id ? throw new IOException("bob's shard is down") : Task.CompletedTask;
        await using RawClient client = await RawClient.GreetedAsync(server.LmtpEndPoint);

        await client.SendAsync("LHLO mta.local\r\nMAIL FROM:<s@remote.test>\r\nRCPT TO:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        await client.ReadReplyAsync();
        await client.ExpectAsync("250 2.1.0");
        await client.ExpectAsync("250 2.1.5");
        await client.ExpectAsync("250 2.1.5");
        await client.ExpectAsync("354");
        await client.SendAsync("Subject: x\r\n\r\n.\r\n");

        await client.ExpectAsync("250 2.1.5 <alice@example.com>");
        await client.ExpectAsync("451 4.3.0 <bob@example.com>");
        Assert.Single((await server.InboxAsync(alice.Id)));
        Assert.Empty((await server.InboxAsync(bob.Id)));
    }

    [Fact]
    public async Task Data_OverTheLimit_Gets552ForEveryRecipient()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 2048, lmtp: true);
        User alice = await server.AddUserAsync("alice@example.com");
        User bob = await server.AddUserAsync("bob@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.LmtpEndPoint);
        await client.CommandAsync("LHLO mta.local", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("RCPT TO:<bob@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");

        await client.SendAsync(RawClient.DotStuff(Encoding.ASCII.GetBytes(new string('x', 5000) + "\r\n")));

        await client.ExpectAsync("552 5.3.4 <alice@example.com>");
        await client.ExpectAsync("552 5.3.4 <bob@example.com>");
        Assert.Empty(await server.InboxAsync(alice.Id));
        Assert.Empty(await server.InboxAsync(bob.Id));
        Assert.Empty(server.BlobFiles());
    }

    [Fact]
    public async Task UnixSocket_DeliversLikeTcp()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(unixSocket: true);
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.LmtpSocket);

        await client.CommandAsync("LHLO mta.local", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: via socket\r\n\r\n.\r\n");
        await client.ExpectAsync("250 2.1.5 <alice@example.com>");

        string stored = Encoding.UTF8.GetString((await server.ContentAsync(Assert.Single(await server.InboxAsync(alice.Id)))));
        Assert.StartsWith("Return-Path: <s@remote.test>\r\nReceived: from mta.local (unix socket)\r\n", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnixSocket_FileIsRemovedOnStop_AndAStaleOneIsReplacedOnStart()
    {
        string path;
        await using (SmtpTestServer server = await SmtpTestServer.StartAsync(unixSocket: true))
        {
            path = server.LmtpSocket.ToString()!;
            Assert.True(File.Exists(path));
            await server.StopAsync();
            Assert.False(File.Exists(path));

            // A socket file left by a crash: bound once, never removed.
            using var crashed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            crashed.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            Assert.True(File.Exists(path));
            await using SmtpTestServer second = await SmtpTestServer.StartAsync(o =>
            {
                o.LmtpEndpoints.Add(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
            });
            await using RawClient client = await RawClient.GreetedAsync(second.LmtpSocket);
            await client.CommandAsync("LHLO mta.local", "250 ");
        }
    }

    [Theory]
    [InlineData("EHLO client.test", "500 5.5.1")]
    [InlineData("HELO client.test", "500 5.5.1")]
    [InlineData("MAIL FROM:<s@remote.test>", "503 5.5.1")]
    public async Task Lmtp_RefusesSmtpGreetings(string command, string expected)
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(lmtp: true);
        await using RawClient client = await RawClient.GreetedAsync(server.LmtpEndPoint);

        await client.CommandAsync(command, expected);
    }

    [Fact]
    public async Task Lmtp_IsOffUnlessConfigured()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();

        Assert.Empty(server.Service.LmtpEndPoints);
        Assert.Single(server.Service.SmtpEndPoints);
        Assert.Equal(IPAddress.Loopback, server.SmtpEndPoint.Address);
    }

    [Fact]
    public async Task Rcpt_MailboxPastProhibitSendReceive_Is452_422_AndOnlyTheOthersGetADataReply()
    {
        var quotas = new QuotaOptions { ProhibitSendReceiveSize = "1KB" };
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(lmtp: true, quotas: quotas);
        User alice = await server.AddUserAsync("alice@example.com");
        User bob = await server.AddUserAsync("bob@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.LmtpEndPoint);
        await client.CommandAsync("LHLO mta.local", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync(RawClient.DotStuff(Encoding.ASCII.GetBytes("Subject: big\r\n\r\n" + new string('x', 2000) + "\r\n")));
        await client.ExpectAsync("250 2.1.5 <alice@example.com>");

        // Alice is now past 1 KB: refused at RCPT (a persistent transient failure, RFC 3463 X.2.2); Bob is not.
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "452 4.2.2 <alice@example.com>: mailbox full");
        await client.CommandAsync("RCPT TO:<bob@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: small\r\n\r\nhi\r\n.\r\n");
        await client.ExpectAsync("250 2.1.5 <bob@example.com>");
        await client.CommandAsync("QUIT", "221 2.0.0");

        Assert.Single(await server.InboxAsync(alice.Id));
        Assert.Single(await server.InboxAsync(bob.Id));
        Assert.Equal(1, server.Services.GetRequiredService<MailboxQuotas>().Refusals(QuotaRefusal.SmtpRecipient));
    }
}
