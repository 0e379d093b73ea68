using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Pushbox.Mailbox;
using Pushbox.Mailbox.OutOfOffice;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Tests.Support;

namespace Pushbox.Smtp.Tests;

/// <summary>
/// Out of Office replies to a remote sender, over a real SMTP conversation and the real store: the message is
/// delivered, the responder answers once per sender and period into the outbound queue (from the null reverse-path,
/// for the relay), and never answers list mail. The responder is driven from the backlog here, one delivery at a time.
/// </summary>
public sealed class OofReplyTests
{
    [Fact]
    public async Task RemoteSenderWritingTwice_GetsOneReplyQueuedForTheRelay_FromTheNullReversePath()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await SetOofAsync(server, alice.Id);

        await SendAsync(server, "bob@remote.test", "Subject: First\r\nMessage-ID: <one@remote.test>\r\n");
        await SendAsync(server, "bob@remote.test", "Subject: Second\r\nMessage-ID: <two@remote.test>\r\n");
        await AnswerBacklogAsync(server, expected: 2);

        Assert.Equal(2, (await server.InboxAsync(alice.Id)).Count);
        QueuedMessage queued = Assert.Single(await ClaimAllAsync(server));
        Assert.Equal(string.Empty, queued.ReversePath);
        Assert.Equal(["bob@remote.test"], queued.Recipients);
        MimeMessage reply = await LoadAsync(server, queued.BlobHash);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
        Assert.Equal("one@remote.test", reply.InReplyTo);
        Assert.Equal("Automatic reply: First", reply.Subject);
        Assert.Equal("Away until Monday.", Assert.IsType<TextPart>(reply.Body).Text.TrimEnd());
    }

    [Fact]
    public async Task ListMailAndTheNullReversePath_GetNoReply_ButAreDelivered()
    {
        await using SmtpTestServer server = await SmtpTestServer.StartAsync();
        User alice = await server.AddUserAsync("alice@example.com");
        await SetOofAsync(server, alice.Id);

        await SendAsync(server, "dev-list@lists.remote.test", "Subject: Digest\r\nList-Id: <dev.lists.remote.test>\r\n");
        await SendAsync(server, string.Empty, "Subject: Undeliverable\r\n");
        await AnswerBacklogAsync(server, expected: 1); // the null reverse-path is not even recorded

        Assert.Equal(2, (await server.InboxAsync(alice.Id)).Count);
        Assert.Empty(await ClaimAllAsync(server));
    }

    [Fact]
    public async Task ServerStoppedWithAReplyPending_SendsItOnceAfterTheRestart()
    {
        string data = SmtpTestServer.NewDataDirectory();
        await using (SmtpTestServer before = await SmtpTestServer.StartAsync(dataDirectory: data))
        {
            User alice = await before.AddUserAsync("alice@example.com");
            await SetOofAsync(before, alice.Id);
            await SendAsync(before, "bob@remote.test", "Subject: Before the restart\r\nMessage-ID: <before@remote.test>\r\n");

            // The server stops before its responder got to the delivery.
            Assert.Equal(1, await before.Services.GetRequiredService<IOofPendingStore>().CountAsync(CancellationToken.None));
            Assert.Empty(await ClaimAllAsync(before));
        }

        await using SmtpTestServer after = await SmtpTestServer.StartAsync(dataDirectory: data, startResponder: true);
        IOofPendingStore pending = after.Services.GetRequiredService<IOofPendingStore>();
        DateTime until = DateTime.UtcNow.AddSeconds(20);
        while (await pending.CountAsync(CancellationToken.None) > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The pending reply was not answered after the restart.");
            await Task.Delay(50);
        }

        // Looking again (as a second server, or the next restart, would) sends nothing more.
        Assert.Equal(0, await after.Services.GetRequiredService<OofResponder>().ProcessPendingAsync(CancellationToken.None));
        QueuedMessage queued = Assert.Single(await ClaimAllAsync(after));
        Assert.Equal(["bob@remote.test"], queued.Recipients);
        Assert.Equal("before@remote.test", (await LoadAsync(after, queued.BlobHash)).InReplyTo);
    }

    private static async Task SetOofAsync(SmtpTestServer server, long userId)
    {
        var reply = new OofReply(true, "Away until Monday.", false);
        OofSettings settings = OofSettings.Off with { Mode = OofMode.On, Internal = reply, ExternalUnknown = reply };
        await server.Services.GetRequiredService<IUserSettingsStore>().SetOofAsync(userId, settings, CancellationToken.None);
    }

    private static async Task SendAsync(SmtpTestServer server, string sender, string headers)
    {
        await using RawClient client = await RawClient.GreetedAsync(server.SmtpEndPoint);
        await client.CommandAsync("EHLO c.test", "250 ");
        await client.CommandAsync($"MAIL FROM:<{sender}>", "250 2.1.0");
        await client.CommandAsync("RCPT TO:<alice@example.com>", "250 2.1.5");
        await client.CommandAsync("DATA", "354");
        await client.SendAsync($"From: {(sender.Length == 0 ? "mailer-daemon@remote.test" : sender)}\r\nTo: alice@example.com\r\n{headers}\r\nHello.\r\n.\r\n");
        await client.ExpectAsync("250 2.0.0");
    }

    private static async Task AnswerBacklogAsync(SmtpTestServer server, int expected)
    {
        Assert.Equal(expected, await server.Services.GetRequiredService<IOofPendingStore>().CountAsync(CancellationToken.None));
        Assert.Equal(expected, await server.Services.GetRequiredService<OofResponder>().ProcessPendingAsync(CancellationToken.None));
        Assert.Equal(0, await server.Services.GetRequiredService<IOofPendingStore>().CountAsync(CancellationToken.None));
    }

    private static async Task<IReadOnlyList<QueuedMessage>> ClaimAllAsync(SmtpTestServer server) =>
        await server.Services.GetRequiredService<IOutboundQueueStore>().ClaimAsync("test", 100, DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromMinutes(1), CancellationToken.None);

    private static async Task<MimeMessage> LoadAsync(SmtpTestServer server, string hash)
    {
        Stream stream = (await server.Blobs.OpenReadAsync(hash, CancellationToken.None))!;
        await using (stream)
        {
            return await MimeMessage.LoadAsync(stream);
        }
    }
}
