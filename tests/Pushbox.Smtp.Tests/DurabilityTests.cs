using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>The reply to DATA means the message is durable: it is sent only after delivery returned, and never after a failure.</summary>
public sealed class DurabilityTests
{
    private static MimeMessage Message(string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@remote.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "durable";
        message.Body = new TextPart("plain") { Text = "keep me" };
        return message;
    }

    private static async Task<SmtpClient> ConnectAsync(SmtpTestServer server)
    {
        var client = new SmtpClient { Timeout = 20_000 };
        await client.ConnectAsync("127.0.0.1", server.SmtpEndPoint.Port, SecureSocketOptions.None);
        return client;
    }

    [Fact]
    public async Task Data_250IsSentOnlyAfterTheStoreReturned()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Store.BeforeAddEmail = async (_, cancellationToken) =>
        {
            entered.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        };
        using SmtpClient client = await ConnectAsync(server);

        Task<string> send = client.SendAsync(Message("alice@example.com"));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300);

        Assert.False(send.IsCompleted, "the client got its reply while the item row was not yet written");
        Assert.Empty((await server.InboxAsync(alice.Id)));
        release.SetResult();
        string reply = await send.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("2.0.0 ", reply, StringComparison.Ordinal);
        Assert.Single((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Data_BlobStoreUnavailable_Gets451_AndNothingIsDelivered()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        server.Blobs.FailWith = new IOException("disk gone");
        using SmtpClient client = await ConnectAsync(server);

        SmtpCommandException refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("alice@example.com")));

        Assert.Equal(451, (int)refused.StatusCode);
        Assert.StartsWith("4.3.0 ", refused.Message, StringComparison.Ordinal);
        Assert.Empty((await server.InboxAsync(alice.Id)));
        Assert.Empty(server.BlobFiles());

        // Once the store is back, the retry on the same connection goes through.
        server.Blobs.FailWith = null;
        await client.SendAsync(Message("alice@example.com"));
        Assert.Single((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Data_MailboxStoreUnavailable_Gets451()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        server.Store.BeforeAddEmail = (_, _) => throw new InvalidOperationException("database is locked");
        using SmtpClient client = await ConnectAsync(server);

        SmtpCommandException refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("alice@example.com")));

        Assert.Equal(451, (int)refused.StatusCode);
        Assert.Empty((await server.InboxAsync(alice.Id)));
    }

    [Fact]
    public async Task Data_RecipientDeletedBeforeDelivery_IsNotAcknowledgedAs250()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await server.Directory.DeleteUserAsync(alice.Id, CancellationToken.None);

        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: x\r\n\r\n.\r\n");

        await client.ExpectAsync("550 5.1.1");
    }

    [Fact]
    public async Task Data_ClientVanishingMidMessage_DeliversNothing()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync("MAIL FROM:<s@remote.test>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync("Subject: cut\r\n\r\nhalf a mess");

        await client.DisposeAsync();
        await WaitUntilAsync(() => server.Service.ActiveSessions == 0);

        Assert.Empty((await server.InboxAsync(alice.Id)));
        Assert.Empty(server.BlobFiles());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
