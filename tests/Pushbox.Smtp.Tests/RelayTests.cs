using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Outbound;
using Pushbox.Mailbox.Users;
using Pushbox.Smtp.Relay;
using Pushbox.Storage;
using Pushbox.Testing.Eas;

namespace Pushbox.Smtp.Tests;

/// <summary>
/// The submitter and the relay sender over real SQLite and a real SMTP conversation with a sink on loopback:
/// per-recipient answers (accepted, deferred, refused), the bounce, the null reverse-path, and local recipients
/// that never touch the queue.
/// </summary>
public sealed class RelayTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-relay-").FullName;
    private SmtpSink _sink = null!;
    private ServiceProvider _services = null!;

    private IMailSubmitter Submitter => _services.GetRequiredService<IMailSubmitter>();

    private IOutboundQueueStore Queue => _services.GetRequiredService<IOutboundQueueStore>();

    public async Task InitializeAsync()
    {
        _sink = SmtpSink.Start();
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddPushboxStorage(new StorageOptions { DataDirectory = _data });
        services.AddPushboxRelay(new RelayOptions
        {
            Host = "127.0.0.1",
            Port = _sink.Port,
            Security = RelaySecurity.None,
            LocalDomain = "relay.pushbox.test",
            Timeout = TimeSpan.FromSeconds(10),
            FirstRetryDelay = TimeSpan.FromHours(1),
            MaxRetryDelay = TimeSpan.FromHours(2),
            PollInterval = TimeSpan.FromSeconds(1),
        });
        _services = services.BuildServiceProvider();
        await _services.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
        await _services.GetRequiredService<OutboundRelayService>().StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.GetRequiredService<OutboundRelayService>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
        await _sink.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Submit_LocalRecipientsGetItInTheirInbox_RemoteOnesGoThroughTheRelayOnce()
    {
        User alice = await UserAsync("alice@example.com");
        User bob = await UserAsync("bob@example.com", alias: "robert@example.com");
        BlobRef content = await PutAsync(Message("alice@example.com", "Mixed", "bob@example.com"));

        SubmissionResult result = await Submitter.SubmitAsync(
            new MailSubmission(content, "alice@example.com", ["bob@example.com", "ROBERT@example.com", "x@remote.example", "y@remote.example", "x@remote.example", "not an address"]),
            CancellationToken.None);

        Assert.Equal(
            [("bob@example.com", RecipientDisposition.Delivered), ("ROBERT@example.com", RecipientDisposition.Delivered), ("x@remote.example", RecipientDisposition.Queued), ("y@remote.example", RecipientDisposition.Queued), ("not an address", RecipientDisposition.Invalid)],
            result.Recipients.Select(r => (r.Address, r.Disposition)));
        Assert.False(result.AllAccepted);
        Assert.NotNull(result.QueueId);
        Assert.Single(await InboxAsync(bob.Id));
        SmtpSinkMessage relayed = await _sink.WaitForAsync(m => m.Recipients.Contains("x@remote.example"), Wait);
        Assert.Equal("alice@example.com", relayed.ReversePath);
        Assert.Equal(["x@remote.example", "y@remote.example"], relayed.Recipients);
        Assert.Contains("Subject: Mixed", relayed.Text, StringComparison.Ordinal);
        await WaitUntilAsync(async () => (await Queue.ListAsync(CancellationToken.None)).Count == 0);
        Assert.Single(_sink.Messages);
        Assert.Empty(await InboxAsync(alice.Id));
    }

    [Fact]
    public async Task Relay_AnswersPerRecipient_AcceptedDone_550Bounced_451KeptForLater()
    {
        User alice = await UserAsync("alice@example.com");
        _sink.RefuseRecipient("gone@remote.example", "550 5.1.1 No such mailbox");
        _sink.RefuseRecipient("busy@remote.example", "451 4.2.1 Mailbox busy, try later");
        BlobRef content = await PutAsync(Message("alice@example.com", "Three fates", "ok@remote.example"));

        await Submitter.SubmitAsync(new MailSubmission(content, "alice@example.com", ["ok@remote.example", "gone@remote.example", "busy@remote.example"]), CancellationToken.None);

        SmtpSinkMessage relayed = await _sink.WaitForAsync(m => m.Recipients.Contains("ok@remote.example"), Wait);
        Assert.Equal(["ok@remote.example"], relayed.Recipients);
        StoredItem bounce = Assert.Single(await WaitForInboxAsync(alice.Id, 1));
        Assert.StartsWith("Undeliverable: Three fates", bounce.Email!.Subject, StringComparison.Ordinal);
        Assert.Contains("MAILER-DAEMON@relay.pushbox.test", bounce.Email.From, StringComparison.Ordinal);
        MimeMessage report = await LoadAsync(bounce);
        MessageDeliveryStatus status = Assert.Single(Assert.IsType<MultipartReport>(report.Body).OfType<MessageDeliveryStatus>());
        Assert.Equal("dns; relay.pushbox.test", status.StatusGroups[0]["Reporting-MTA"]);
        HeaderList recipient = Assert.Single(status.StatusGroups.Skip(1));
        Assert.Equal(("rfc822; gone@remote.example", "failed", "5.1.1"), (recipient["Final-Recipient"], recipient["Action"], recipient["Status"]));
        await WaitUntilAsync(async () => (await Queue.ListAsync(CancellationToken.None)).SingleOrDefault()?.LeaseOwner is null);
        QueuedMessage waiting = Assert.Single(await Queue.ListAsync(CancellationToken.None));
        Assert.Equal(["busy@remote.example"], waiting.Recipients);
        Assert.StartsWith("451", waiting.LastError, StringComparison.Ordinal);
        Assert.True(waiting.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task Relay_NullReversePath_IsSentAsMailFromEmpty_AndItsFailureBouncesNothing()
    {
        User alice = await UserAsync("alice@example.com");
        _sink.RefuseRecipient("refuses@remote.example", "550 5.7.1 Not wanted");
        BlobRef reply = await PutAsync(Message("alice@example.com", "Out of office", "someone@remote.example"));
        BlobRef refused = await PutAsync(Message("alice@example.com", "Out of office again", "refuses@remote.example"));

        await Submitter.SubmitAsync(new MailSubmission(reply, MailSubmission.NullReversePath, ["someone@remote.example"]), CancellationToken.None);
        await Submitter.SubmitAsync(new MailSubmission(refused, MailSubmission.NullReversePath, ["refuses@remote.example"]), CancellationToken.None);

        SmtpSinkMessage relayed = await _sink.WaitForAsync(m => m.Recipients.Contains("someone@remote.example"), Wait);
        Assert.Equal(string.Empty, relayed.ReversePath);
        await WaitUntilAsync(async () => (await Queue.ListAsync(CancellationToken.None)).Count == 0);
        Assert.Empty(await InboxAsync(alice.Id));
    }

    [Fact]
    public async Task Submit_ABadReversePathOrNoRecipients_IsRefused()
    {
        BlobRef content = await PutAsync(Message("alice@example.com", "x", "y@remote.example"));

        await Assert.ThrowsAsync<ArgumentException>(() => Submitter.SubmitAsync(new MailSubmission(content, "not an address", ["y@remote.example"]), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Submitter.SubmitAsync(new MailSubmission(content, "alice@example.com", []), CancellationToken.None));
        Assert.Empty(await Queue.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(2, 120)]
    [InlineData(4, 480)]
    [InlineData(7, 3600)]
    [InlineData(40, 3600)]
    public void RetryDelay_DoublesFromTheFirstDelay_UpToTheMaximum(int attempts, int seconds)
    {
        var options = new RelayOptions { FirstRetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.RetryDelay(attempts));
    }

    [Fact]
    public async Task Relay_AConversationLongerThanTheLease_KeepsItsLease_AndTwoServersSendTheMessageOnce()
    {
        await using SmtpSink slow = SmtpSink.Start();
        slow.DataReplyDelay = TimeSpan.FromSeconds(4);
        string data = Directory.CreateTempSubdirectory("pushbox-relay-lease-").FullName;
        ServiceProvider first = ShortLeaseRelayServer(data, slow.Port);
        ServiceProvider second = ShortLeaseRelayServer(data, slow.Port);
        try
        {
            await first.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
            await first.GetRequiredService<OutboundRelayService>().StartAsync(CancellationToken.None);
            await second.GetRequiredService<OutboundRelayService>().StartAsync(CancellationToken.None);
            using var stream = new MemoryStream(Message("alice@example.com", "Slow", "bob@remote.example"));
            BlobRef content = await first.GetRequiredService<IBlobStore>().PutAsync(stream, stream.Length, CancellationToken.None);

            await first.GetRequiredService<IMailSubmitter>().SubmitAsync(new MailSubmission(content, "alice@example.com", ["bob@remote.example"]), CancellationToken.None);

            // The relay takes four leases' time to answer; the other server looks five times a lease meanwhile.
            await slow.WaitForAsync(_ => true, Wait);
            IOutboundQueueStore queue = first.GetRequiredService<IOutboundQueueStore>();
            await WaitUntilAsync(async () => (await queue.ListAsync(CancellationToken.None)).Count == 0);
            await Task.Delay(TimeSpan.FromSeconds(5)); // a second conversation, had one started, would end in this time
            Assert.Single(slow.Messages);
        }
        finally
        {
            await first.GetRequiredService<OutboundRelayService>().StopAsync(CancellationToken.None);
            await second.GetRequiredService<OutboundRelayService>().StopAsync(CancellationToken.None);
            await first.DisposeAsync();
            await second.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Relay_LeaseTakenOverMidConversation_IsAbandoned_AndTheMessageLeftToTheNewHolder()
    {
        await using SmtpSink slow = SmtpSink.Start();
        slow.DataReplyDelay = TimeSpan.FromSeconds(3);
        string data = Directory.CreateTempSubdirectory("pushbox-relay-lost-").FullName;
        ServiceProvider server = ShortLeaseRelayServer(data, slow.Port);
        OutboundRelayService relay = server.GetRequiredService<OutboundRelayService>();
        try
        {
            await server.GetRequiredService<PushboxDatabase>().MigrateAsync(CancellationToken.None);
            await relay.StartAsync(CancellationToken.None);
            IOutboundQueueStore queue = server.GetRequiredService<IOutboundQueueStore>();
            using var stream = new MemoryStream(Message("alice@example.com", "Taken over", "bob@remote.example"));
            BlobRef content = await server.GetRequiredService<IBlobStore>().PutAsync(stream, stream.Length, CancellationToken.None);
            await server.GetRequiredService<IMailSubmitter>().SubmitAsync(new MailSubmission(content, "alice@example.com", ["bob@remote.example"]), CancellationToken.None);
            await WaitUntilAsync(async () => (await queue.ListAsync(CancellationToken.None)).SingleOrDefault()?.LeaseOwner == relay.Owner);
            await Task.Delay(300);

            // Another server takes the message while this one waits for the relay's answer (as after a long outage of the store).
            QueuedMessage taken = Assert.Single(await queue.ClaimAsync("other-server", 1, DateTimeOffset.UtcNow.AddDays(1), TimeSpan.FromDays(1), CancellationToken.None));
            await Task.Delay(TimeSpan.FromSeconds(4));

            // This server neither removed nor rescheduled it: the message is the other server's to send.
            QueuedMessage left = Assert.Single(await queue.ListAsync(CancellationToken.None));
            Assert.Equal((taken.Id, "other-server", 2), (left.Id, left.LeaseOwner, left.Attempts));
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public void RelayOptions_Validate_NamesEveryProblem()
    {
        var options = new RelayOptions { Port = 0, UserName = "u", MaxConcurrency = 0, Lease = TimeSpan.FromMilliseconds(500) };

        ArgumentException e = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("Relay:Port", e.Message, StringComparison.Ordinal);
        Assert.Contains("Relay:UserName and Relay:Password", e.Message, StringComparison.Ordinal);
        Assert.Contains("Relay:MaxConcurrency", e.Message, StringComparison.Ordinal);
        Assert.Contains("Relay:Lease", e.Message, StringComparison.Ordinal);
    }

    private async Task<User> UserAsync(string address, string? alias = null)
    {
        IDirectory directory = _services.GetRequiredService<IDirectory>();
        User user = await directory.CreateUserAsync(new NewUser(address, string.Empty, "$hash"), CancellationToken.None);
        if (alias is not null)
        {
            await directory.AddAliasAsync(user.Id, alias, CancellationToken.None);
        }

        return user;
    }

    private async Task<BlobRef> PutAsync(byte[] message)
    {
        using var stream = new MemoryStream(message);
        return await _services.GetRequiredService<IBlobStore>().PutAsync(stream, stream.Length, CancellationToken.None);
    }

    private async Task<IReadOnlyList<StoredItem>> InboxAsync(long userId)
    {
        IMailboxStore store = _services.GetRequiredService<IMailboxStore>();
        Folder inbox = await store.GetStandardFolderAsync(userId, FolderType.Inbox, CancellationToken.None);
        return (await store.GetChangesAsync(userId, inbox.Id, 0, 100, CancellationToken.None)).Changed;
    }

    private async Task<IReadOnlyList<StoredItem>> WaitForInboxAsync(long userId, int count)
    {
        IReadOnlyList<StoredItem> items = [];
        await WaitUntilAsync(async () => (items = await InboxAsync(userId)).Count >= count);
        return items;
    }

    private async Task<MimeMessage> LoadAsync(StoredItem item)
    {
        Stream stream = (await _services.GetRequiredService<IBlobStore>().OpenReadAsync(item.BlobHash!, CancellationToken.None))!;
        await using (stream)
        {
            return await MimeMessage.LoadAsync(stream);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        DateTime until = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    private static byte[] Message(string from, string subject, string to) =>
        Encoding.ASCII.GetBytes($"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.com>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0000\r\n\r\nHello.\r\n");

    /// <summary>A relay server of its own on the data folder, with a 1-second lease (renewed every third of it) and a quick poll.</summary>
    private static ServiceProvider ShortLeaseRelayServer(string data, int port) => new ServiceCollection()
        .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
        .AddPushboxStorage(new StorageOptions { DataDirectory = data })
        .AddPushboxRelay(new RelayOptions
        {
            Host = "127.0.0.1",
            Port = port,
            Security = RelaySecurity.None,
            LocalDomain = "relay.pushbox.test",
            Timeout = TimeSpan.FromSeconds(10),
            Lease = TimeSpan.FromSeconds(1),
            PollInterval = TimeSpan.FromMilliseconds(200),
        })
        .BuildServiceProvider();
}
