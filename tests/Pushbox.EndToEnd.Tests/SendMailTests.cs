using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using MimeKit;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ComposeMailTags;

namespace Pushbox.EndToEnd.Tests;

/// <summary>The collection of tests sharing <see cref="SendMailServerFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SendMailServer : ICollectionFixture<SendMailServerFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Send mail server";
}

/// <summary>
/// SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.19, 2.2.1.20) over HTTPS against a real server
/// whose relay is an SMTP sink on loopback: local delivery, Sent Items, Bcc, replies and forwards built by the
/// server, remote mail through the relay, bounces, a relay that is down for a while, duplicates, spoofing and the
/// statuses of bad requests.
/// </summary>
[Collection(SendMailServer.Name)]
public sealed class SendMailTests(SendMailServerFixture fixture) : IAsyncLifetime
{
    private const int Inbox = 2;
    private const int SentItems = 5;
    private static readonly TimeSpan RelayWait = TimeSpan.FromSeconds(30);
    private static readonly XNamespace ComposeMail = "ComposeMail:";
    private static readonly XNamespace Email2 = EasNamespaces.Email2;

    // ComposeMail.xsd refers to AirSyncBase, which refers to every content class: the set is closed under those references.
    private static readonly string[] ComposeSchemas =
    [
        "ComposeMail.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "DocumentLibrary.xsd",
        "Email.xsd", "Email2.xsd", "Notes.xsd", "RightsManagement.xsd", "Tasks.xsd", "ItemOperations.xsd", "MeetingResponseResponse.xsd",
    ];

    public static TheoryData<string> ComposeVersions { get; } = new() { "14.1", "16.1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SendMail_121RawMime_ArrivesInTheRecipientsInbox_AndTheSendersSentItems()
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, "12.1");
        byte[] mime = Message(alice, bob, "Raw 12.1 hello", "Sent as message/rfc822.");

        EasResponse response = await client.SendAsync(new EasRequest("SendMail")
        {
            Wbxml = mime,
            ContentType = "message/rfc822",
            Parameters = [new("SaveInSent", "T")],
        });

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Body);
        SyncItem received = Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Equal("Raw 12.1 hello", received.Email("Subject"));
        Assert.Contains("Sent as message/rfc822.", SendMailServerFixture.Mime(received), StringComparison.Ordinal);
        SyncItem sent = Assert.Single(await fixture.ReadFolderAsync(alice, SentItems));
        Assert.Equal("Raw 12.1 hello", sent.Email("Subject"));
        Assert.Equal("1", sent.Email("Read"));
        Assert.Empty(await fixture.ReadFolderAsync(alice, Inbox));
    }

    [Fact]
    public async Task SendMail_121WithoutSaveInSent_KeepsNoCopy_AndABase64QueryWorksAlike()
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, "12.1");

        EasResponse response = await client.SendAsync(new EasRequest("SendMail")
        {
            Wbxml = Message(alice, bob, "No copy", "Base64 query."),
            ContentType = "message/rfc822",
            UseBase64Query = true,
        });

        Assert.Equal(200, response.StatusCode);
        Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Empty(await fixture.ReadFolderAsync(alice, SentItems));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SendMail_ComposeMail_DeliversToToCcAndBcc_AndNobodySeesTheBcc(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        string carol = await fixture.NewUserAsync();
        string dave = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, version);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(alice));
        message.To.Add(MailboxAddress.Parse(bob));
        message.Cc.Add(MailboxAddress.Parse(carol));
        message.Bcc.Add(MailboxAddress.Parse(dave));
        message.Subject = "Team news " + version;
        message.Body = new TextPart("plain") { Text = "Everyone gets this." };

        EasResponse response = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), saveInSent: true, Bytes(message)), version);

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Body);
        foreach (string recipient in new[] { bob, carol, dave })
        {
            SyncItem item = Assert.Single(await fixture.ReadFolderAsync(recipient, Inbox));
            Assert.Equal("Team news " + version, item.Email("Subject"));
            Assert.DoesNotContain(dave, SendMailServerFixture.Mime(item), StringComparison.OrdinalIgnoreCase);
        }

        SyncItem sent = Assert.Single(await fixture.ReadFolderAsync(alice, SentItems));
        Assert.DoesNotContain("Bcc:", SendMailServerFixture.Mime(sent), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(bob, sent.Email("To"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SendMail_SameClientIdTwice_SendsOnce_AndTheSecondIsStatus118(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, version);
        string clientId = NewClientId();
        byte[] body = ComposeBody("SendMail", clientId, saveInSent: true, Message(alice, bob, "Only once", "A phone on a bad link retries."));

        EasResponse first = await client.SendAsync("SendMail", body, version);
        EasResponse second = await client.SendAsync("SendMail", body, version);

        Assert.Equal(200, first.StatusCode);
        Assert.Empty(first.Body);
        Assert.Equal(118, Status(second, "SendMail"));
        XsdValidator.AssertValidWbxml(second.Body, [.. ComposeSchemas, "SendMailResponse.xsd"]);
        Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Single(await fixture.ReadFolderAsync(alice, SentItems));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SendMail_FromSomeoneElse_IsRefusedWith120_AndNothingIsDelivered(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        string ceo = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, version);

        EasResponse response = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), saveInSent: true, Message(ceo, bob, "Wire the money", "Urgent.")), version);

        Assert.Equal(120, Status(response, "SendMail"));
        Assert.Empty(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Empty(await fixture.ReadFolderAsync(alice, SentItems));
    }

    [Fact]
    public async Task SendMail_FromAnAlias_IsAccepted_AndFromSomeoneElseAt121_IsHttp500()
    {
        string alias = string.Create(CultureInfo.InvariantCulture, $"sales{Guid.NewGuid():N}@example.com");
        string alice = await fixture.NewUserAsync(alias);
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, "12.1");

        EasResponse fromAlias = await client.SendAsync(new EasRequest("SendMail") { Wbxml = Message(alias, bob, "From the alias", "ok"), ContentType = "message/rfc822" });
        EasResponse spoofed = await client.SendAsync(new EasRequest("SendMail") { Wbxml = Message("boss@example.org", bob, "Spoofed", "no"), ContentType = "message/rfc822" });

        Assert.Equal(200, fromAlias.StatusCode);
        Assert.Equal(500, spoofed.StatusCode);
        SyncItem item = Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Equal("From the alias", item.Email("Subject"));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SmartReply_BuildsTheReplyWithTheQuotedOriginal_AndMarksTheOriginalAnswered(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        await fixture.DeliverAsync(bob, alice, Message(bob, alice, "Lunch?", "Shall we meet at noon by the fountain?"));
        SyncItem original = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        string folder = original.ServerId!.Split(':')[0];
        using EasClient client = fixture.Client(alice, version);
        var reply = new MimeMessage();
        reply.From.Add(MailboxAddress.Parse(alice));
        reply.To.Add(MailboxAddress.Parse(bob));
        reply.Subject = "RE: Lunch?";
        reply.Body = new TextPart("plain") { Text = "Yes, see you there." };

        EasResponse response = await client.SendAsync("SmartReply", ComposeBody("SmartReply", NewClientId(), saveInSent: true, Bytes(reply), source: (folder, original.ServerId!)), version);

        Assert.Equal(200, response.StatusCode);
        SyncItem received = Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        string mime = Decoded(SendMailServerFixture.Mime(received));
        Assert.Contains("Yes, see you there.", mime, StringComparison.Ordinal);
        Assert.Contains("> Shall we meet at noon by the fountain?", mime, StringComparison.Ordinal);
        Assert.Contains("In-Reply-To: <", mime, StringComparison.OrdinalIgnoreCase);
        SyncItem answered = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        Assert.Equal("1", answered.ApplicationData!.Element(Email2 + "LastVerbExecuted")?.Value);
        Assert.NotNull(answered.ApplicationData!.Element(Email2 + "LastVerbExecutionTime"));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SmartForward_CarriesTheOriginalAndItsAttachments(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        string carol = await fixture.NewUserAsync();
        var original = new MimeMessage();
        original.From.Add(MailboxAddress.Parse(bob));
        original.To.Add(MailboxAddress.Parse(alice));
        original.Subject = "The report";
        var builder = new BodyBuilder { TextBody = "Attached is the quarterly report." };
        builder.Attachments.Add("report.pdf", Encoding.ASCII.GetBytes("%PDF-1.4 pretend report"), new ContentType("application", "pdf"));
        original.Body = builder.ToMessageBody();
        await fixture.DeliverAsync(bob, alice, Bytes(original));
        SyncItem stored = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        using EasClient client = fixture.Client(alice, version);
        var forward = new MimeMessage();
        forward.From.Add(MailboxAddress.Parse(alice));
        forward.To.Add(MailboxAddress.Parse(carol));
        forward.Subject = "FW: The report";
        forward.Body = new TextPart("plain") { Text = "Carol, see below." };

        EasResponse response = await client.SendAsync("SmartForward", ComposeBody("SmartForward", NewClientId(), saveInSent: false, Bytes(forward), source: (stored.ServerId!.Split(':')[0], stored.ServerId!)), version);

        Assert.Equal(200, response.StatusCode);
        SyncItem received = Assert.Single(await fixture.ReadFolderAsync(carol, Inbox));
        MimeMessage parsed = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(SendMailServerFixture.Mime(received))));
        Assert.Contains("Carol, see below.", parsed.TextBody, StringComparison.Ordinal);
        Assert.Contains("Attached is the quarterly report.", parsed.TextBody, StringComparison.Ordinal);
        MimePart attachment = Assert.Single(parsed.Attachments.OfType<MimePart>());
        Assert.Equal("report.pdf", attachment.FileName);
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        Assert.Equal("%PDF-1.4 pretend report", Encoding.ASCII.GetString(content.ToArray()));
        SyncItem forwarded = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        Assert.Equal("3", forwarded.ApplicationData!.Element(Email2 + "LastVerbExecuted")?.Value);
    }

    [Fact]
    public async Task SmartReply_121WithItemIdInTheQuery_QuotesTheOriginal_AndAnUnknownItemIsHttp500()
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        await fixture.DeliverAsync(bob, alice, Message(bob, alice, "Question", "What is the answer?"));
        SyncItem original = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        string folder = original.ServerId!.Split(':')[0];
        using EasClient client = fixture.Client(alice, "12.1");

        EasResponse response = await client.SendAsync(new EasRequest("SmartReply")
        {
            Wbxml = Message(alice, bob, "RE: Question", "42."),
            ContentType = "message/rfc822",
            Parameters = [new("CollectionId", folder), new("ItemId", original.ServerId!), new("SaveInSent", "T")],
        });
        EasResponse unknown = await client.SendAsync(new EasRequest("SmartReply")
        {
            Wbxml = Message(alice, bob, "RE: nothing", "?"),
            ContentType = "message/rfc822",
            Parameters = [new("CollectionId", folder), new("ItemId", folder + ":999999999")],
        });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(500, unknown.StatusCode);
        SyncItem received = Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Contains("> What is the answer?", Decoded(SendMailServerFixture.Mime(received)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SmartReply_ToAnItemThatDoesNotExist_Is150_AndABadIdIs106(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, version);
        byte[] mime = Message(alice, bob, "RE: ?", "?");

        EasResponse missing = await client.SendAsync("SmartReply", ComposeBody("SmartReply", NewClientId(), saveInSent: false, mime, source: ("1", "1:999999999")), version);
        EasResponse malformed = await client.SendAsync("SmartReply", ComposeBody("SmartReply", NewClientId(), saveInSent: false, mime, source: ("1", "not-an-id")), version);

        Assert.Equal(150, Status(missing, "SmartReply"));
        Assert.Equal(106, Status(malformed, "SmartReply"));
        XsdValidator.AssertValidWbxml(missing.Body, [.. ComposeSchemas, "SmartReplyResponse.xsd"]);
        Assert.Empty(await fixture.ReadFolderAsync(bob, Inbox));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SendMail_BadRequests_GetTheirStatus(string version)
    {
        string alice = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, version);

        EasResponse invalidMime = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, Encoding.ASCII.GetBytes("this is not a message\r\n")), version);
        EasResponse noRecipient = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, Encoding.ASCII.GetBytes($"From: {alice}\r\nSubject: nobody\r\n\r\nbody\r\n")), version);
        EasResponse badRecipient = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, Encoding.ASCII.GetBytes($"From: {alice}\r\nTo: not-an-address\r\nSubject: x\r\n\r\nbody\r\n")), version);
        EasResponse rawBody = await client.SendAsync(new EasRequest("SendMail") { Wbxml = Message(alice, alice, "raw", "raw"), ContentType = "message/rfc822", ProtocolVersion = version });

        Assert.Equal(107, Status(invalidMime, "SendMail"));
        Assert.Equal(119, Status(noRecipient, "SendMail"));
        Assert.Equal(116, Status(badRecipient, "SendMail"));
        Assert.Equal(101, Status(rawBody, "SendMail"));
    }

    [Fact]
    public async Task SendMail_121WithAWbxmlBody_IsHttp400()
    {
        string alice = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, "12.1");

        EasResponse response = await client.SendAsync(new EasRequest("SendMail") { Wbxml = ComposeBody("SendMail", NewClientId(), false, Message(alice, alice, "x", "y")) });

        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task SendMail_141LargeOpaqueMime_IsSentUpToTheLimit_AndRefusedWith115BeyondIt()
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(alice, "14.1");
        byte[] fits = LargeMessage(alice, bob, "Big but fine", SendMailServerFixture.MaxMessageSize - (64 * 1024));
        byte[] tooBig = LargeMessage(alice, bob, "Too big", SendMailServerFixture.MaxMessageSize + (64 * 1024));

        EasResponse accepted = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, fits), "14.1");
        EasResponse refused = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, tooBig), "14.1");

        Assert.Equal(200, accepted.StatusCode);
        Assert.Empty(accepted.Body);
        Assert.Equal(115, Status(refused, "SendMail"));
        SyncItem item = Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Equal("Big but fine", item.Email("Subject"));
    }

    [Theory]
    [MemberData(nameof(ComposeVersions))]
    public async Task SendMail_ToARemoteRecipient_GoesThroughTheRelay(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        string remote = string.Create(CultureInfo.InvariantCulture, $"friend{Guid.NewGuid():N}@remote.example");
        using EasClient client = fixture.Client(alice, version);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(alice));
        message.To.Add(MailboxAddress.Parse(remote));
        message.Cc.Add(MailboxAddress.Parse(bob));
        message.Subject = "Over the relay " + version;
        message.Body = new TextPart("plain") { Text = "Hello from Pushbox." };

        EasResponse response = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), true, Bytes(message)), version);

        Assert.Equal(200, response.StatusCode);
        SmtpSinkMessage relayed = await fixture.Relay.WaitForAsync(m => m.Recipients.Contains(remote), RelayWait);
        Assert.Equal(alice, relayed.ReversePath);
        Assert.Equal([remote], relayed.Recipients);
        Assert.Contains("Over the relay " + version, relayed.Text, StringComparison.Ordinal);
        Assert.Single(await fixture.ReadFolderAsync(bob, Inbox));
    }

    [Fact]
    public async Task SendMail_ARelayThatRefuses550_ProducesABounceInTheSendersInbox()
    {
        string alice = await fixture.NewUserAsync();
        string gone = string.Create(CultureInfo.InvariantCulture, $"gone{Guid.NewGuid():N}@remote.example");
        fixture.Relay.RefuseRecipient(gone, "550 5.1.1 No such user here");
        using EasClient client = fixture.Client(alice, "16.1");

        EasResponse response = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, Message(alice, gone, "Are you there?", "Hello?")), "16.1");

        Assert.Equal(200, response.StatusCode);
        SyncItem bounce = await fixture.WaitForItemAsync(alice, Inbox, i => i.Email("Subject")?.Contains("Are you there?", StringComparison.Ordinal) == true, RelayWait);
        MimeMessage report = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(SendMailServerFixture.Mime(bounce))));
        MultipartReport multipart = Assert.IsType<MultipartReport>(report.Body);
        Assert.Equal("delivery-status", multipart.ReportType);
        MessageDeliveryStatus status = Assert.Single(multipart.OfType<MessageDeliveryStatus>());
        HeaderList recipient = status.StatusGroups[1];
        Assert.Equal("rfc822; " + gone, recipient["Final-Recipient"]);
        Assert.Equal("failed", recipient["Action"]);
        Assert.Equal("5.1.1", recipient["Status"]);
        Assert.Contains("550", recipient["Diagnostic-Code"], StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Relay.Messages, m => m.Recipients.Contains(gone));
    }

    [Fact]
    public async Task SendMail_WhileTheRelayIsDown_WaitsInTheQueue_AndIsSentWhenItComesBack()
    {
        string alice = await fixture.NewUserAsync();
        string remote = string.Create(CultureInfo.InvariantCulture, $"patient{Guid.NewGuid():N}@remote.example");
        using EasClient client = fixture.Client(alice, "14.1");
        await fixture.Relay.StopAsync();
        try
        {
            EasResponse response = await client.SendAsync("SendMail", ComposeBody("SendMail", NewClientId(), false, Message(alice, remote, "Eventually", "Delayed, never lost.")), "14.1");
            Assert.Equal(200, response.StatusCode);

            // At least two attempts fail against the closed port meanwhile (retries every 1-2 s).
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.DoesNotContain(fixture.Relay.Messages, m => m.Recipients.Contains(remote));
            CliResult queue = await PushboxCli.RunAsync(Path.Combine(AppContext.BaseDirectory, "pushbox.dll"), fixture.Server.DataDirectory, null, ["queue", "list"]);
            Assert.True(queue.ExitCode == 0, queue.ToString());
            Assert.Contains(remote, queue.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Relay.Restart();
        }

        SmtpSinkMessage relayed = await fixture.Relay.WaitForAsync(m => m.Recipients.Contains(remote), RelayWait);
        Assert.Contains("Eventually", relayed.Text, StringComparison.Ordinal);
        Assert.Single(fixture.Relay.Messages, m => m.Recipients.Contains(remote));
        Assert.DoesNotContain(await fixture.ReadFolderAsync(alice, Inbox), i => i.Email("Subject")?.Contains("Eventually", StringComparison.Ordinal) == true);
    }

    internal static string NewClientId() => Guid.NewGuid().ToString("N");

    internal static byte[] Message(string from, string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = text };
        return Bytes(message);
    }

    private static byte[] LargeMessage(string from, string to, string subject, int size)
    {
        var builder = new BodyBuilder { TextBody = "Big attachment." };
        byte[] payload = new byte[size * 3 / 4];
        new Random(7).NextBytes(payload);
        builder.Attachments.Add("big.bin", payload, new ContentType("application", "octet-stream"));
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = builder.ToMessageBody();
        return Bytes(message);
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>A ComposeMail body: the command's root with ClientId, SaveInSentItems, Source and the MIME as opaque data.</summary>
    internal static byte[] ComposeBody(string command, string clientId, bool saveInSent, byte[] mime, (string FolderId, string ItemId)? source = null)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        writer.WriteStartElement(command switch { "SendMail" => Tags.SendMail, "SmartReply" => Tags.SmartReply, _ => Tags.SmartForward });
        writer.WriteElementString(Tags.ClientId, clientId);
        if (saveInSent)
        {
            writer.WriteEmptyElement(Tags.SaveInSentItems);
        }

        if (source is { } s)
        {
            writer.WriteStartElement(Tags.Source);
            writer.WriteElementString(Tags.FolderId, s.FolderId);
            writer.WriteElementString(Tags.ItemId, s.ItemId);
            writer.WriteEndElement();
        }

        writer.WriteElementOpaque(Tags.Mime, mime);
        writer.WriteEndElement();
        return output.WrittenSpan.ToArray();
    }

    internal static int Status(EasResponse response, string command)
    {
        Assert.Equal(200, response.StatusCode);
        XElement? root = response.Xml?.Root;
        Assert.NotNull(root);
        Assert.Equal(ComposeMail + command, root.Name);
        return int.Parse(root.Element(ComposeMail + "Status")!.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The text of a MIME message with its parts decoded (quoted-printable, base64).</summary>
    private static string Decoded(string mime)
    {
        MimeMessage message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mime)));
        return string.Join("\n", message.Headers.Select(h => h.Field + ": " + h.Value)) + "\n" + message.TextBody;
    }
}
