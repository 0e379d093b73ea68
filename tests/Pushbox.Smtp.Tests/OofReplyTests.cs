using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Delivery;
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
        await AnswerBacklogAsync(server, expected: 1); // the null reverse-path is not even queued

        Assert.Equal(2, (await server.InboxAsync(alice.Id)).Count);
        Assert.Empty(await ClaimAllAsync(server));
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
        OofReplyBacklog backlog = server.Services.GetRequiredService<OofReplyBacklog>();
        OofResponder responder = server.Services.GetRequiredService<OofResponder>();
        for (int i = 0; i < expected; i++)
        {
            Assert.True(backlog.Reader.TryRead(out DeliveredMail? mail), $"Delivery {i + 1} of {expected} was not handed to the responder.");
            await responder.ProcessAsync(mail, CancellationToken.None);
        }

        Assert.False(backlog.Reader.TryRead(out _));
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
