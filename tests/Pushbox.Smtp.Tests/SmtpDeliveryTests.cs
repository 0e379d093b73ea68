using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>Mail sent with MailKit's SmtpClient over loopback TCP lands in mailboxes as the sender wrote it.</summary>
public sealed class SmtpDeliveryTests
{
    private static MimeMessage Message(string to, string subject = "Hello", string body = "Hi there.\r\n")
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Sender", "sender@remote.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = "m1@remote.test";
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpTestServer server, SmtpClient? client = null)
    {
        client ??= new SmtpClient();
        client.LocalDomain = "client.remote.test";
        await client.ConnectAsync("127.0.0.1", server.SmtpEndPoint.Port, SecureSocketOptions.None);
        return client;
    }

    private static string Text(byte[] content) => Encoding.UTF8.GetString(content);

    [Fact]
    public async Task Data_ToPrimaryAddress_LandsInInboxWithTraceHeaders()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        using SmtpClient client = await ConnectAsync(server);

        string response = await client.SendAsync(Message("alice@example.com"));
        await client.DisconnectAsync(quit: true);

        Assert.StartsWith("2.0.0 Message accepted as ", response, StringComparison.Ordinal);
        StoredItem item = Assert.Single((await server.InboxAsync(alice.Id)));
        string stored = Text((await server.ContentAsync(item)));
        string id = response["2.0.0 Message accepted as ".Length..].Trim();
        Assert.StartsWith(
            "Return-Path: <sender@remote.test>\r\n"
            + "Received: from client.remote.test ([127.0.0.1])\r\n"
            + $"\tby mx.pushbox.test (Pushbox) with ESMTP id {id}\r\n"
            + "\tfor <alice@example.com>;\r\n"
            + "\tWed, 25 Nov 2026 10:00:00 +0000\r\n",
            stored,
            StringComparison.Ordinal);
        Assert.Equal("Hello", item.Email!.Subject);
        Assert.Equal(SmtpTestServer.Now, item.Email.DateReceived);
        MimeMessage parsed = MimeMessage.Load(new MemoryStream((await server.ContentAsync(item))));
        Assert.Equal("Hi there.", parsed.TextBody?.TrimEnd());
        Assert.Equal("m1@remote.test", parsed.MessageId);
    }

    [Fact]
    public async Task Data_ToAlias_LandsInTheOwnersInbox()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User bob = await server.AddUserAsync("bob@example.com", "robert@example.org");
        using SmtpClient client = await ConnectAsync(server);

        await client.SendAsync(Message("Robert@example.org"));

        StoredItem item = Assert.Single((await server.InboxAsync(bob.Id)));
        Assert.Contains("\tfor <Robert@example.org>;\r\n", Text((await server.ContentAsync(item))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rcpt_UnknownRecipient_Gets550_WhileAValidOneStillGetsTheMail()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        using var client = new RecordingSmtpClient();
        await ConnectAsync(server, client);
        MimeMessage message = Message("alice@example.com");
        message.To.Add(MailboxAddress.Parse("nobody@example.com"));

        await client.SendAsync(message);

        (string address, SmtpResponse reply) = Assert.Single(client.Rejected);
        Assert.Equal("nobody@example.com", address);
        Assert.Equal(550, (int)reply.StatusCode);
        Assert.StartsWith("5.1.1 ", reply.Response, StringComparison.Ordinal);
        Assert.Single((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Data_AddressAndAliasOfOneMailbox_DeliverOneCopy()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User bob = await server.AddUserAsync("bob@example.com", "robert@example.org");
        User carol = await server.AddUserAsync("carol@example.com");
        using SmtpClient client = await ConnectAsync(server);
        MimeMessage message = Message("bob@example.com");
        message.Cc.Add(MailboxAddress.Parse("robert@example.org"));
        message.Bcc.Add(MailboxAddress.Parse("carol@example.com"));

        await client.SendAsync(message);

        StoredItem bobs = Assert.Single((await server.InboxAsync(bob.Id)));
        StoredItem carols = Assert.Single((await server.InboxAsync(carol.Id)));
        Assert.Equal(bobs.BlobHash, carols.BlobHash);
        Assert.Single(server.BlobFiles());
        Assert.DoesNotContain("\tfor <", Text((await server.ContentAsync(bobs))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_EightBitUtf8Body_IsStoredAsSent()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        using SmtpClient client = await ConnectAsync(server);
        MimeMessage message = Message("alice@example.com", "Grüße", "Grüße aus Köln — 日本語のテキスト\r\n");
        ((TextPart)message.Body!).ContentTransferEncoding = ContentEncoding.EightBit;

        await client.SendAsync(message);

        StoredItem item = Assert.Single((await server.InboxAsync(alice.Id)));
        byte[] stored = (await server.ContentAsync(item));
        Assert.True(stored.AsSpan().IndexOf("Grüße aus Köln — 日本語のテキスト\r\n"u8) >= 0);
        Assert.Equal("Grüße", item.Email!.Subject);
    }

    [Fact]
    public async Task Data_LinesStartingWithDots_RoundTrip()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        using SmtpClient client = await ConnectAsync(server);
        const string body = ".leading dot\r\n.\r\n..two dots\r\n. \r\nend\r\n";

        await client.SendAsync(Message("alice@example.com", body: body));

        StoredItem item = Assert.Single((await server.InboxAsync(alice.Id)));
        Assert.EndsWith("\r\n\r\n" + body, Text((await server.ContentAsync(item))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipelining_MailKitPipelinesTheEnvelope_EveryRecipientGetsTheMail()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        var users = new List<User>();
        for (int i = 0; i < 5; i++)
        {
            users.Add(await server.AddUserAsync($"user{i}@example.com"));
        }

        using SmtpClient client = await ConnectAsync(server);
        Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Pipelining));
        MimeMessage message = Message("user0@example.com");
        foreach (User user in users.Skip(1))
        {
            message.To.Add(MailboxAddress.Parse(user.Address));
        }

        await client.SendAsync(message);
        await client.SendAsync(Message("user1@example.com", subject: "second"));

        foreach (User user in users)
        {
            Assert.NotEmpty(await server.InboxAsync(user.Id));
        }

        Assert.Equal(2, (await server.InboxAsync(users[1].Id)).Count);
    }

    [Fact]
    public async Task Ehlo_AdvertisesTheExtensions_WithoutStartTlsWhenNoCertificate()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync(o => o.Limits.MaxMessageSize = 1_000_000);
        using SmtpClient client = await ConnectAsync(server);

        SmtpCapabilities capabilities = client.Capabilities;
        Assert.True(capabilities.HasFlag(SmtpCapabilities.Size));
        Assert.Equal(1_000_000u, client.MaxSize);
        Assert.True(capabilities.HasFlag(SmtpCapabilities.EightBitMime));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.Pipelining));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.EnhancedStatusCodes));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.UTF8));
        Assert.False(capabilities.HasFlag(SmtpCapabilities.StartTLS));
    }

    [Fact]
    public async Task Data_InternationalAddresses_AcceptedWithSmtpUtf8()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User user = await server.AddUserAsync("jörg@example.com");
        using SmtpClient client = await ConnectAsync(server);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Søren", "søren@eksempel.dk"));
        message.To.Add(new MailboxAddress("Jörg", "jörg@example.com"));
        message.Subject = "Hej";
        message.Body = new TextPart("plain") { Text = "Hej!\r\n" };

        await client.SendAsync(message);

        StoredItem item = Assert.Single((await server.InboxAsync(user.Id)));
        Assert.StartsWith("Return-Path: <søren@eksempel.dk>\r\n", Text((await server.ContentAsync(item))), StringComparison.Ordinal);
    }

    /// <summary>A client that notes refused recipients and goes on with the rest, as an MTA does.</summary>
    private sealed class RecordingSmtpClient : SmtpClient
    {
        public List<(string Address, SmtpResponse Reply)> Rejected { get; } = [];

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
            Rejected.Add((mailbox.Address, response));
    }
}
