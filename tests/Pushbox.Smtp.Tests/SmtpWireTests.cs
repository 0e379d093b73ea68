using System.Text;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>The ESMTP dialogue byte for byte, over loopback TCP: replies, codes, limits, DATA transparency.</summary>
public sealed class SmtpWireTests
{
    private static async Task<RawClient> InTransactionAsync(SmtpTestServer server, string to = "alice@example.com", string mailParameters = "")
    {
        RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");
        await client.CommandAsync("MAIL FROM:<sender@remote.test>" + mailParameters, "250 2.1.0");
        await client.CommandAsync($"RCPT TO:<{to}>", "250 2.1.5");
        return client;
    }

    private static async Task<byte[]> StoredBodyAsync(SmtpTestServer server, StoredItem item)
    {
        byte[] content = await server.ContentAsync(item);
        int end = content.AsSpan().IndexOf("+0000\r\n"u8) + "+0000\r\n".Length;
        return content[end..];
    }

    [Fact]
    public async Task Ehlo_ListsExtensionsWithoutEnhancedCodes()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.SendAsync("EHLO client.test\r\n");
        IReadOnlyList<string> reply = await client.ReadReplyAsync();

        Assert.Equal(
            ["250-mx.pushbox.test Hello client.test", "250-SIZE 36700160", "250-8BITMIME", "250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250 SMTPUTF8"],
            reply);
    }

    [Fact]
    public async Task Mail_SizeParameterOverTheLimit_Gets552AtMail()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 10_000);
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");

        await client.CommandAsync("MAIL FROM:<sender@remote.test> SIZE=10001 BODY=8BITMIME", "552 5.3.4");
        await client.CommandAsync("MAIL FROM:<sender@remote.test> SIZE=99999999999999999999", "552 5.3.4");
        await client.CommandAsync("MAIL FROM:<sender@remote.test> SIZE=10000", "250 2.1.0");
    }

    [Fact]
    public async Task Data_BodyOverTheLimitWithoutSize_Gets552AfterTheDot_AndNothingIsStored()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 64 * 1024);
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await InTransactionAsync(server);
        await client.CommandAsync("DATA", "354");
        var body = new StringBuilder("Subject: big\r\n\r\n");
        while (body.Length < 300 * 1024)
        {
            body.Append("0123456789 the quick brown fox jumps over the lazy dog 0123456789\r\n");
        }

        await client.SendAsync(RawClient.DotStuff(Encoding.ASCII.GetBytes(body.ToString())));

        await client.ExpectAsync("552 5.3.4");
        Assert.Empty(server.BlobFiles());
        Assert.Empty((await server.InboxAsync(alice.Id)));
        Assert.Empty(server.BlobFiles());

        // The session is still in step: the next transaction goes through.
        await client.CommandAsync("MAIL FROM:<sender@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: small\r\n\r\nok\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");
        Assert.Single((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Data_MessageExactlyAtTheLimit_IsAccepted()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 1000);
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await InTransactionAsync(server);
        byte[] message = Encoding.ASCII.GetBytes("Subject: x\r\n\r\n" + new string('a', 1000 - 14 - 2) + "\r\n");
        Assert.Equal(1000, message.Length);

        await client.CommandAsync("DATA", "354");
        await client.SendAsync(RawClient.DotStuff(message));
        await client.ExpectAsync("250 2.0.0");

        Assert.Equal(message, await StoredBodyAsync(server, Assert.Single((await server.InboxAsync(alice.Id)))));
    }

    [Fact]
    public async Task Data_DotStuffedLines_AreUnstuffedExactly()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await InTransactionAsync(server);

        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: dots\r\n\r\n..one\r\n..\r\n...\r\n.. \r\nx.\r\n\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");

        Assert.Equal("Subject: dots\r\n\r\n.one\r\n.\r\n..\r\n. \r\nx.\r\n\r\n"u8.ToArray(), await StoredBodyAsync(server, Assert.Single((await server.InboxAsync(alice.Id)))));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 4_000)]
    [InlineData(3, 70_000)]
    [InlineData(4, 300_000)]
    public async Task Data_BinaryGarbage_IsStoredByteExact(int seed, int length)
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        var random = new Random(seed);
        byte[] garbage = new byte[length];
        random.NextBytes(garbage);

        // Seed the hard cases: NUL, lone CR and LF, dots at line starts, a fake terminator after a bare LF.
        byte[][] traps = ["\0\0"u8.ToArray(), "\r"u8.ToArray(), "\n.\n"u8.ToArray(), "\r\n."u8.ToArray(), "\r\n.\r"u8.ToArray(), "\n.\r\n"u8.ToArray(), "\r\n..\r\n"u8.ToArray()];
        for (int i = 0; i < length / 50; i++)
        {
            byte[] trap = traps[random.Next(traps.Length)];
            int at = random.Next(Math.Max(1, length - trap.Length));
            trap.AsSpan(0, Math.Min(trap.Length, length - at)).CopyTo(garbage.AsSpan(at));
        }

        byte[] message = [.. garbage, (byte)'\r', (byte)'\n'];
        await using RawClient client = await InTransactionAsync(server, mailParameters: " BODY=8BITMIME");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync(RawClient.DotStuff(message));
        await client.ExpectAsync("250 2.0.0");

        Assert.Equal(message, await StoredBodyAsync(server, Assert.Single((await server.InboxAsync(alice.Id)))));
    }

    [Fact]
    public async Task Data_MessageWithoutHeaders_IsAccepted()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await InTransactionAsync(server);

        await client.CommandAsync("DATA", "354");
        await client.SendAsync("just a line of text, no header at all\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");

        StoredItem item = Assert.Single((await server.InboxAsync(alice.Id)));
        Assert.Equal("just a line of text, no header at all\r\n"u8.ToArray(), await StoredBodyAsync(server, item));
    }

    [Fact]
    public async Task Data_EmptyMessage_IsAccepted()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await InTransactionAsync(server);

        await client.CommandAsync("DATA", "354");
        await client.SendAsync(".\r\n");
        await client.ExpectAsync("250 2.0.0");

        Assert.Empty(await StoredBodyAsync(server, Assert.Single((await server.InboxAsync(alice.Id)))));
    }

    [Fact]
    public async Task Pipelining_AWholeTransactionInOneWrite_GetsEveryReplyInOrder()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        User bob = await server.AddUserAsync("bob@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.SendAsync(
            "EHLO client.test\r\nMAIL FROM:<sender@remote.test> BODY=8BITMIME\r\nRCPT TO:<alice@example.com>\r\n"
            + "RCPT TO:<nobody@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
        Assert.Equal("250 SMTPUTF8", (await client.ReadReplyAsync())[^1]);
        await client.ExpectAsync("250 2.1.0");
        await client.ExpectAsync("250 2.1.5");
        await client.ExpectAsync("550 5.1.1");
        await client.ExpectAsync("250 2.1.5");
        await client.ExpectAsync("354");
        await client.SendAsync("Subject: piped\r\n\r\nbody\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n");
        await client.ExpectAsync("250 2.0.0 Message accepted");
        await client.ExpectAsync("250 2.0.0");
        await client.ExpectAsync("250 2.0.0");
        await client.ExpectAsync("221 2.0.0");

        Assert.True(await client.IsClosedAsync());
        Assert.Single((await server.InboxAsync(alice.Id)));
        Assert.Single((await server.InboxAsync(bob.Id)));
    }

    [Fact]
    public async Task Data_AfterEveryRecipientFailed_Gets554()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.SendAsync("EHLO c.test\r\nMAIL FROM:<s@remote.test>\r\nRCPT TO:<nobody@example.com>\r\nDATA\r\n");
        await client.ReadReplyAsync();
        await client.ExpectAsync("250 2.1.0");
        await client.ExpectAsync("550 5.1.1");
        await client.ExpectAsync("554 5.5.1");
    }

    [Theory]
    [InlineData("MAIL FROM:<s@remote.test>", "503 5.5.1")]
    [InlineData("RCPT TO:<alice@example.com>", "503 5.5.1")]
    [InlineData("DATA", "503 5.5.1")]
    [InlineData("STARTTLS", "503 5.5.1")]
    public async Task Commands_BeforeEhlo_Get503(string command, string expected)
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.CommandAsync(command, expected);
    }

    [Fact]
    public async Task Commands_OutOfSequence_Get503()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");

        await client.CommandAsync("RCPT TO:<alice@example.com>", "503 5.5.1");
        await client.CommandAsync("DATA", "503 5.5.1");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "503 5.5.1");
        await client.CommandAsync("RSET", "250 2.0.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "503 5.5.1");
    }

    [Theory]
    [InlineData("FOO bar", "500 5.5.2")]
    [InlineData("GET / HTTP/1.1", "500 5.5.2")]
    [InlineData("LHLO client.test", "500 5.5.1")]
    [InlineData("EXPN staff", "502 5.5.1")]
    [InlineData("AUTH PLAIN", "502 5.5.1")]
    [InlineData("STARTTLS", "502 5.5.1")]
    [InlineData("VRFY alice", "252 2.5.0")]
    [InlineData("HELP", "214 2.0.0")]
    [InlineData("NOOP", "250 2.0.0")]
    [InlineData("EHLO", "501 5.5.4")]
    [InlineData("EHLO two words", "501 5.5.4")]
    [InlineData("MAIL TO:<a@b.test>", "501 5.5.4")]
    [InlineData("MAIL FROM:<not an address>", "501 5.1.7")]
    [InlineData("MAIL FROM:<a@b.test> FOO=bar", "555 5.5.4")]
    [InlineData("MAIL FROM:<a@b.test> BODY=BINARYMIME", "555 5.5.4")]
    [InlineData("MAIL FROM:<a@b.test> SIZE=ten", "501 5.5.4")]
    [InlineData("MAIL FROM:<jörg@b.test>", "553 5.6.7")]
    [InlineData("MAIL FROM:<>", "250 2.1.0")]
    [InlineData("MAIL FROM: <a@b.test>", "250 2.1.0")]
    public async Task Command_GetsItsReply(string command, string expected)
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        if (!command.StartsWith("EHLO", StringComparison.Ordinal) && !command.StartsWith("LHLO", StringComparison.Ordinal))
        {
            await client.CommandAsync("EHLO client.test", "250 ");
        }

        await client.CommandAsync(command, expected);
    }

    [Theory]
    [InlineData("RCPT TO:<not an address>", "501 5.1.3")]
    [InlineData("RCPT TO:<alice@@example.com>", "501 5.1.3")]
    [InlineData("RCPT TO:<>", "501 5.1.3")]
    [InlineData("RCPT TO:alice@example.com", "250 2.1.5")]
    [InlineData("RCPT TO:<@relay.test:alice@example.com>", "250 2.1.5")]
    [InlineData("RCPT TO:<ALICE@Example.COM>", "250 2.1.5")]
    [InlineData("RCPT TO:<alice@example.com> NOTIFY=NEVER", "555 5.5.4")]
    [InlineData("RCPT TO:<nobody@example.com>", "550 5.1.1")]
    [InlineData("RCPT TO:<alice@elsewhere.test>", "550 5.1.1")]
    [InlineData("RCPT TO:<Postmaster>", "550 5.1.1")]
    [InlineData("RCPT FROM:<alice@example.com>", "501 5.5.4")]
    public async Task Rcpt_GetsItsReply(string command, string expected)
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");

        await client.CommandAsync(command, expected);
    }

    [Fact]
    public async Task Rcpt_OverTheRecipientLimit_Gets452()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxRecipients = 2);
        await server.AddUserAsync("alice@example.com", "a1@example.com", "a2@example.com");
        await using RawClient client = await InTransactionAsync(server);

        await client.CommandAsync("RCPT TO:<a1@example.com>", "250 2.1.5");
        await client.CommandAsync("RCPT TO:<a2@example.com>", "452 4.5.3");
    }

    [Fact]
    public async Task LineTooLong_Gets500_5_5_6_AndTheSessionGoesOn()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO client.test", "250 ");

        await client.CommandAsync("NOOP " + new string('x', 2046 - 5), "250 2.0.0");
        await client.CommandAsync("NOOP " + new string('x', 2047 - 5), "500 5.5.6");
        await client.CommandAsync("NOOP " + new string('x', 100_000), "500 5.5.6");
        await client.CommandAsync("NOOP", "250 2.0.0");
    }

    [Fact]
    public async Task BadCommands_ReachingTheLimit_CloseTheConnectionWith421()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxBadCommands = 4);
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.CommandAsync("FOO", "500 5.5.2");
        await client.CommandAsync("MAIL FROM:<a@b.test>", "503 5.5.1");
        await client.CommandAsync("EHLO", "501 5.5.4");
        await client.CommandAsync("BAR", "421 4.7.0");

        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Quit_Gets221_AndTheServerCloses()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);

        await client.CommandAsync("QUIT", "221 2.0.0");

        Assert.True(await client.IsClosedAsync());
    }

    [Fact]
    public async Task Helo_UsesPlainSmtpInTheTraceHeader()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("HELO old.client.test", "250 mx.pushbox.test");
        await client.CommandAsync("MAIL FROM:<>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: bounce\r\n\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");

        string stored = Encoding.UTF8.GetString((await server.ContentAsync(Assert.Single(await server.InboxAsync(alice.Id)))));
        Assert.StartsWith("Return-Path: <>\r\nReceived: from old.client.test ([127.0.0.1])\r\n\tby mx.pushbox.test (Pushbox) with SMTP id ", stored, StringComparison.Ordinal);
    }
}
