using System.Globalization;
using System.Text;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Out of Office replies really sent (MS-ASCMD 2.2.3.122, RFC 3834): a user sets Oof with the Settings command, mail
/// arrives over SMTP, and the reply lands in a local sender's Inbox once per sender per period, never for list or
/// automatic mail. The responder works through deliveries in order, so a reply to a later "marker" sender proves the
/// earlier messages were decided.
/// </summary>
public sealed class OofReplyTests(SettingsServerFixture fixture) : IClassFixture<SettingsServerFixture>, IAsyncLifetime
{
    private const string InternalText = "Out until Friday; ask the team.";
    private const string ExternalText = "I am away until Friday.";
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task OofReply_LocalSenderWritingTwice_GetsOneReplyInTheirInbox(string version)
    {
        string away = await fixture.NewUserAsync("Away User");
        string colleague = await fixture.NewUserAsync();
        string marker = await fixture.NewUserAsync();
        await SetOofAsync(away, version);

        await fixture.DeliverAsync(colleague, away, SmtpDelivery.TextMessage(colleague, away, "Question 1", "Are you in?"));
        IReadOnlyList<SyncItem> first = await WaitForRepliesAsync(colleague, 1);
        await fixture.DeliverAsync(colleague, away, SmtpDelivery.TextMessage(colleague, away, "Question 2", "Still away?"));
        await fixture.DeliverAsync(marker, away, SmtpDelivery.TextMessage(marker, away, "Marker", "After the second question."));
        await WaitForRepliesAsync(marker, 1);

        SyncItem reply = Assert.Single(await RepliesAsync(colleague));
        Assert.Equal("Automatic reply: Question 1", reply.Email("Subject"));
        Assert.Contains(away, reply.Email("From"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(InternalText, reply.Body!.Elements().Single(e => e.Name.LocalName == "Data").Value, StringComparison.Ordinal); // same domain: the internal message
        Assert.Equal(first[0].ServerId, reply.ServerId);
    }

    [Fact]
    public async Task OofReply_AfterTheSettingsChange_TheSameSenderIsAnsweredAgain()
    {
        string away = await fixture.NewUserAsync();
        string colleague = await fixture.NewUserAsync();
        await SetOofAsync(away, "16.1");
        await fixture.DeliverAsync(colleague, away, SmtpDelivery.TextMessage(colleague, away, "Before", "One."));
        await WaitForRepliesAsync(colleague, 1);

        await SetOofAsync(away, "16.1"); // a new period
        await fixture.DeliverAsync(colleague, away, SmtpDelivery.TextMessage(colleague, away, "After", "Two."));

        await WaitForRepliesAsync(colleague, 2);
    }

    [Fact]
    public async Task OofReply_ListBulkAndAutomaticMail_GetNoReply()
    {
        string away = await fixture.NewUserAsync();
        string list = await fixture.NewUserAsync();
        string bulk = await fixture.NewUserAsync();
        string automatic = await fixture.NewUserAsync();
        string suppressed = await fixture.NewUserAsync();
        string marker = await fixture.NewUserAsync();
        await SetOofAsync(away, "14.1");

        await fixture.DeliverAsync(list, away, Message(list, away, "List post", "List-Id: Team <team.lists.example.com>\r\n"));
        await fixture.DeliverAsync(bulk, away, Message(bulk, away, "Newsletter", "Precedence: bulk\r\n"));
        await fixture.DeliverAsync(automatic, away, Message(automatic, away, "Build failed", "Auto-Submitted: auto-generated\r\n"));
        await fixture.DeliverAsync(suppressed, away, Message(suppressed, away, "No replies please", "X-Auto-Response-Suppress: OOF\r\n"));
        await fixture.DeliverAsync(marker, away, SmtpDelivery.TextMessage(marker, away, "Marker", "After the automatic mail."));
        await WaitForRepliesAsync(marker, 1);

        foreach (string sender in new[] { list, bulk, automatic, suppressed })
        {
            Assert.Empty(await RepliesAsync(sender));
        }
    }

    [Fact]
    public async Task OofReply_Off_SendsNothing_AndTheDeliveryStillSucceeds()
    {
        string away = await fixture.NewUserAsync();
        string colleague = await fixture.NewUserAsync();
        string marker = await fixture.NewUserAsync();
        await SetOofAsync(away, "16.1");
        using (EasClient client = await fixture.ProvisionedClientAsync(away, "16.1"))
        {
            EasResponse off = await client.SendAsync("Settings", "<Settings xmlns=\"Settings:\"><Oof><Set><OofState>0</OofState></Set></Oof></Settings>", "16.1");
            Assert.Equal(200, off.StatusCode);
        }

        await fixture.DeliverAsync(colleague, away, SmtpDelivery.TextMessage(colleague, away, "Hello", "Anyone?"));
        await SetOofAsync(away, "16.1");
        await fixture.DeliverAsync(marker, away, SmtpDelivery.TextMessage(marker, away, "Marker", "Now on again."));
        await WaitForRepliesAsync(marker, 1);

        Assert.Empty(await RepliesAsync(colleague));
        Assert.Equal(2, (await InboxAsync(away)).Count); // both delivered, with and without a reply
    }

    private async Task SetOofAsync(string user, string version)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(user, version);
        string xml = $"""
            <Settings xmlns="Settings:"><Oof><Set>
              <OofState>1</OofState>
              <OofMessage><AppliesToInternal/><Enabled>1</Enabled><ReplyMessage>{InternalText}</ReplyMessage><BodyType>Text</BodyType></OofMessage>
              <OofMessage><AppliesToExternalKnown/><Enabled>1</Enabled><ReplyMessage>{ExternalText}</ReplyMessage><BodyType>Text</BodyType></OofMessage>
              <OofMessage><AppliesToExternalUnknown/><Enabled>1</Enabled><ReplyMessage>{ExternalText}</ReplyMessage><BodyType>Text</BodyType></OofMessage>
            </Set></Oof></Settings>
            """;
        EasResponse response = await client.SendAsync("Settings", xml, version);
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        Assert.Equal("1", response.Xml!.Root!.Elements().Single(e => e.Name.LocalName == "Oof").Elements().First().Value);
    }

    private async Task<IReadOnlyList<SyncItem>> WaitForRepliesAsync(string user, int count)
    {
        DateTime deadline = DateTime.UtcNow + ReplyTimeout;
        while (true)
        {
            IReadOnlyList<SyncItem> replies = await RepliesAsync(user);
            if (replies.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(replies.Count == count, string.Create(CultureInfo.InvariantCulture, $"{user} has {replies.Count} automatic replies, expected {count}."));
                return replies;
            }

            await Task.Delay(200);
        }
    }

    private async Task<IReadOnlyList<SyncItem>> RepliesAsync(string user) =>
        [.. (await InboxAsync(user)).Where(i => i.Email("Subject")?.StartsWith("Automatic reply: ", StringComparison.Ordinal) == true)];

    private async Task<IReadOnlyList<SyncItem>> InboxAsync(string user)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(user, "14.1");
        FolderSyncResult folders = await client.FolderSyncAsync("0", "14.1");
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        string key = (await client.SyncAsync(inbox, "0", version: "14.1")).Collection.SyncKey!;
        var items = new List<SyncItem>();
        bool more = true;
        while (more)
        {
            SyncCollectionResult result = (await client.SyncAsync(inbox, key, 100, options: EasClient.BodyOptions(1), version: "14.1")).Collection;
            items.AddRange(result.Commands.Where(c => c.Kind == "Add"));
            key = result.SyncKey!;
            more = result.MoreAvailable;
        }

        return items;
    }

    private static byte[] Message(string from, string to, string subject, string headers) =>
        Encoding.UTF8.GetBytes(
            $"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@test.invalid>\r\n{headers}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody.\r\n");
}
