using System.Globalization;
using MimeKit;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// A phone on a bad link sends SendMail again while its first attempt is still being processed: two requests with one
/// ClientId (MS-ASCMD 2.2.3.28.1) at the same moment. Exactly one sends — the recipient, the relay and Sent Items get one
/// copy — and the other is answered 118 (MessagePreviouslySent), on SQLite and on PostgreSQL.
/// </summary>
public abstract class ConcurrentSendTests(SendMailServerFixture fixture) : IAsyncLifetime
{
    private const int Inbox = 2;
    private const int SentItems = 5;
    private const string Version = "16.1";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SendMail_SameClientIdTwiceAtOnce_SendsOnce_AndTheOtherIs118()
    {
        const int Rounds = 4;
        var remotes = new List<string>();
        for (int round = 0; round < Rounds; round++)
        {
            string alice = await fixture.NewUserAsync();
            string bob = await fixture.NewUserAsync();
            string remote = string.Create(CultureInfo.InvariantCulture, $"far{Guid.NewGuid():N}@remote.example");
            remotes.Add(remote);
            string device = ServerFixture.NewDeviceId();
            using EasClient first = fixture.Client(alice, Version, device);
            using EasClient second = fixture.Client(alice, Version, device);
            await first.FolderSyncAsync("0", Version);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(alice));
            message.To.Add(MailboxAddress.Parse(bob));
            message.Cc.Add(MailboxAddress.Parse(remote));
            message.Subject = "Sent once, round " + round.ToString(CultureInfo.InvariantCulture);
            message.Body = new TextPart("plain") { Text = "The phone retried before it saw the answer." };
            using var mime = new MemoryStream();
            await message.WriteToAsync(mime);
            byte[] body = SendMailTests.ComposeBody("SendMail", SendMailTests.NewClientId(), saveInSent: true, mime.ToArray());

            EasResponse[] responses = await Task.WhenAll(first.SendAsync("SendMail", body, Version), second.SendAsync("SendMail", body, Version));

            Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
            Assert.Single(responses, r => r.Body.Length == 0);
            Assert.Equal(118, SendMailTests.Status(Assert.Single(responses, r => r.Body.Length > 0), "SendMail"));
            Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
            Assert.Single(await fixture.ReadFolderAsync(alice, SentItems));
        }

        foreach (string remote in remotes)
        {
            await fixture.Relay.WaitForAsync(m => m.Recipients.Contains(remote), TimeSpan.FromSeconds(30));
        }

        await Task.Delay(TimeSpan.FromSeconds(2)); // a second copy, had one been queued, would be relayed by now
        Assert.All(remotes, remote => Assert.Single(fixture.Relay.Messages, m => m.Recipients.Contains(remote)));
    }
}

/// <summary>The race on the SQLite server the other sending tests share.</summary>
[Collection(SendMailServer.Name)]
public sealed class SqliteConcurrentSendTests(SendMailServerFixture fixture) : ConcurrentSendTests(fixture);

/// <summary>The race on a server of its own on PostgreSQL.</summary>
public sealed class PostgresConcurrentSendTests(PostgresSendMailServerFixture fixture) : ConcurrentSendTests(fixture), IClassFixture<PostgresSendMailServerFixture>;

/// <summary>The sending server on PostgreSQL.</summary>
public sealed class PostgresSendMailServerFixture() : SendMailServerFixture(postgres: true);
