using System.Buffers;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using MimeKit;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;
using Tags = Pushbox.Wbxml.EasCodePages.ComposeMailTags;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Mailbox quotas against a real server, on SQLite and on PostgreSQL: limits set with <c>pushbox user set</c>, a full
/// mailbox refused at RCPT over real SMTP (452 4.2.2, RFC 3463 X.2.2 "persistent transient") while the other recipients
/// get the message, a sender past ProhibitSend answered 113 over EAS (MS-ASCMD 2.2.2), a full local recipient of a send
/// bounced into the sender's Inbox (RFC 3464), the warning message once per crossing, and the refusal counter.
/// </summary>
public abstract class QuotaTests(QuotaServerFixture fixture) : IAsyncLifetime
{
    private const int Inbox = 2;
    private const int SentItems = 5;
    private const string WarningSubject = "Your mailbox is almost full";
    private static readonly XNamespace ComposeMail = "ComposeMail:";

    private static readonly string[] ComposeSchemas =
    [
        "ComposeMail.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "DocumentLibrary.xsd",
        "Email.xsd", "Email2.xsd", "Notes.xsd", "RightsManagement.xsd", "Tasks.xsd", "ItemOperations.xsd", "MeetingResponseResponse.xsd",
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SmtpRcpt_ToAMailboxPastProhibitSendReceive_Is452_422_AndTheOtherRecipientStillGetsTheMessage()
    {
        string full = await fixture.NewUserAsync();
        string fine = await fixture.NewUserAsync();
        await fixture.CliAsync("user", "set", full, "--issue-warning-quota", "unlimited", "--prohibit-send-quota", "unlimited", "--prohibit-send-receive-quota", "4KB");
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", full, [TextMessage("sender@remote.invalid", full, "Fills it", 6000)]);

        string[] replies = await SmtpTransactionAsync("sender@remote.invalid", [full, fine], TextMessage("sender@remote.invalid", fine, "After full", 100));

        Assert.StartsWith("452 4.2.2 ", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("250 ", replies[1], StringComparison.Ordinal);
        Assert.StartsWith("354", replies[2], StringComparison.Ordinal);
        Assert.StartsWith("250 ", replies[3], StringComparison.Ordinal);
        Assert.Equal(["After full"], (await fixture.ReadFolderAsync(fine, Inbox)).Select(i => i.Email("Subject")));
        Assert.Equal(["Fills it"], (await fixture.ReadFolderAsync(full, Inbox)).Select(i => i.Email("Subject")));
        Assert.True(await RefusalsAsync("smtp_recipient") >= 1);

        // Room made (the administrator raised the limit): the same mailbox receives again.
        await fixture.CliAsync("user", "set", full, "--prohibit-send-receive-quota", "default");
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", full, [TextMessage("sender@remote.invalid", full, "Room again", 100)]);
        Assert.Contains("Room again", (await fixture.ReadFolderAsync(full, Inbox)).Select(i => i.Email("Subject")));
    }

    [Theory]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task SendMail_BySenderPastProhibitSend_Is113_AndNothingIsSent(string version)
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        await fixture.CliAsync("user", "set", alice, "--prohibit-send-quota", "2KB");
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", alice, [TextMessage("sender@remote.invalid", alice, "Big", 5000)]);
        using EasClient client = fixture.Client(alice, version);

        EasResponse response = await client.SendAsync("SendMail", ComposeBody(Message(alice, bob, "Blocked", "Not sent.")), version);

        Assert.Equal(200, response.StatusCode);
        XElement root = response.Xml!.Root!;
        Assert.Equal(ComposeMail + "SendMail", root.Name);
        Assert.Equal("113", root.Element(ComposeMail + "Status")!.Value);
        XsdValidator.AssertValidWbxml(response.Body, [.. ComposeSchemas, "SendMailResponse.xsd"]);
        Assert.Empty(await fixture.ReadFolderAsync(bob, Inbox));
        Assert.Empty(await fixture.ReadFolderAsync(alice, SentItems));
        Assert.True(await RefusalsAsync("send") >= 1);

        // Still receiving: only sending is prohibited.
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", alice, [TextMessage("sender@remote.invalid", alice, "Still in", 100)]);
        Assert.Contains("Still in", (await fixture.ReadFolderAsync(alice, Inbox)).Select(i => i.Email("Subject")));
    }

    [Fact]
    public async Task SendMail_ToAFullLocalRecipient_ReachesTheOthers_AndBouncesIntoTheSendersInbox()
    {
        string alice = await fixture.NewUserAsync();
        string bob = await fixture.NewUserAsync();
        string carol = await fixture.NewUserAsync();
        await fixture.CliAsync("user", "set", bob, "--prohibit-send-receive-quota", "1KB");
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", bob, [TextMessage("sender@remote.invalid", bob, "Fills bob", 3000)]);
        using EasClient client = fixture.Client(alice, "16.1");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(alice));
        message.To.Add(MailboxAddress.Parse(bob));
        message.To.Add(MailboxAddress.Parse(carol));
        message.Subject = "Team lunch";
        message.Body = new TextPart("plain") { Text = "Friday?" };

        EasResponse response = await client.SendAsync("SendMail", ComposeBody(Bytes(message)), "16.1");

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Body);
        Assert.Equal(["Team lunch"], (await fixture.ReadFolderAsync(carol, Inbox)).Select(i => i.Email("Subject")));
        Assert.Equal(["Fills bob"], (await fixture.ReadFolderAsync(bob, Inbox)).Select(i => i.Email("Subject")));
        SyncItem bounce = Assert.Single(await fixture.ReadFolderAsync(alice, Inbox));
        Assert.Equal("Undeliverable: Team lunch", bounce.Email("Subject"));
        MimeMessage report = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(Mime(bounce))));
        MultipartReport multipart = Assert.IsType<MultipartReport>(report.Body);
        Assert.Equal("delivery-status", multipart.ReportType);
        MessageDeliveryStatus status = Assert.Single(multipart.OfType<MessageDeliveryStatus>());
        HeaderList recipient = Assert.Single(status.StatusGroups.Skip(1));
        Assert.Equal("rfc822; " + bob, recipient["Final-Recipient"]);
        Assert.Equal("failed", recipient["Action"]);
        Assert.Equal("5.2.2", recipient["Status"]);
        Assert.True(await RefusalsAsync("local_recipient") >= 1);
    }

    [Fact]
    public async Task WarningSize_Crossed_PutsOneWarningInTheInbox_NotOnePerMessage()
    {
        string user = await fixture.NewUserAsync();
        await fixture.CliAsync("user", "set", user, "--issue-warning-quota", "3KB");
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", user, [TextMessage("sender@remote.invalid", user, "Small", 500)]);
        Assert.DoesNotContain(WarningSubject, (await fixture.ReadFolderAsync(user, Inbox)).Select(i => i.Email("Subject")));

        await SmtpDelivery.DeliverAsync(
            fixture.Server.SmtpPort,
            "sender@remote.invalid",
            user,
            Enumerable.Range(1, 3).Select(i => TextMessage("sender@remote.invalid", user, string.Create(CultureInfo.InvariantCulture, $"Big {i}"), 2000)));

        List<SyncItem> inbox = await fixture.ReadFolderAsync(user, Inbox);
        SyncItem warning = Assert.Single(inbox, i => i.Email("Subject") == WarningSubject);
        Assert.Equal(5, inbox.Count);
        Assert.Contains("3KB", Mime(warning), StringComparison.Ordinal);
        string show = await fixture.CliAsync("user", "show", user);
        Assert.Contains("over warning, warned", show, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserSetAndShow_LimitsSizesAndDefaults_AndBadSizesAreRefused()
    {
        string user = await fixture.NewUserAsync();
        await SmtpDelivery.DeliverAsync(fixture.Server.SmtpPort, "sender@remote.invalid", user, [TextMessage("sender@remote.invalid", user, "Some mail", 1500)]);

        await fixture.CliAsync("user", "set", user, "--issue-warning-quota", "1.5GB", "--prohibit-send-quota", "2GB");
        string show = await fixture.CliAsync("user", "show", user);

        Assert.Matches(@"issue warning quota\s+1\.5GB\r?\n", show);
        Assert.Matches(@"prohibit send quota\s+2GB\r?\n", show);
        Assert.Matches(@"prohibit send receive quota\s+unlimited \(default\)", show);
        Assert.Matches(@"quota state\s+normal", show);
        Assert.Matches(@"mailbox size\s+\d(\.\d+)?KB \(\d+ bytes\)", show);

        CliResult bad = await fixture.RunCliAsync("user", "set", user, "--prohibit-send-quota", "lots");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("--prohibit-send-quota", bad.Stderr, StringComparison.Ordinal);
        CliResult upsideDown = await fixture.RunCliAsync("user", "set", user, "--prohibit-send-receive-quota", "1GB");
        Assert.NotEqual(0, upsideDown.ExitCode);
        Assert.Matches(@"prohibit send receive quota\s+unlimited \(default\)", await fixture.CliAsync("user", "show", user));

        await fixture.CliAsync("user", "set", user, "--issue-warning-quota", "default", "--prohibit-send-quota", "unlimited");
        show = await fixture.CliAsync("user", "show", user);
        Assert.Matches(@"issue warning quota\s+unlimited \(default\)", show);
        Assert.Matches(@"prohibit send quota\s+unlimited\r?\n", show);

        string list = await fixture.CliAsync("user", "list");
        Assert.Contains("SIZE", list, StringComparison.Ordinal);
        Assert.Matches(user.Replace(".", @"\.", StringComparison.Ordinal) + @".*\d(\.\d+)?KB\s+normal", list);
        string recount = await fixture.CliAsync("mailbox", "recount", user);
        Assert.Matches(@": \d+ bytes\r?\n$", recount);
    }

    private async Task<double> RefusalsAsync(string kind)
    {
        using var http = new HttpClient();
        string text = await http.GetStringAsync(new Uri(fixture.Server.ManagementAddress, "metrics"));
        string sample = $"pushbox_quota_refusals_total{{kind=\"{kind}\"}} ";
        string? line = text.Split('\n').FirstOrDefault(l => l.StartsWith(sample, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[sample.Length..], CultureInfo.InvariantCulture);
    }

    /// <summary>One SMTP transaction with several RCPTs over a plain socket; the replies to each RCPT, to DATA and to the end of data.</summary>
    private async Task<string[]> SmtpTransactionAsync(string from, string[] recipients, byte[] message)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, fixture.Server.SmtpPort);
        using NetworkStream stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 1024, leaveOpen: true);
        async Task<string> CommandAsync(string? line)
        {
            if (line is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            }

            string reply;
            do
            {
                reply = await reader.ReadLineAsync() ?? throw new IOException("The server closed the connection.");
            }
            while (reply.Length > 3 && reply[3] == '-');
            return reply;
        }

        await CommandAsync(null);
        await CommandAsync("EHLO test.invalid");
        await CommandAsync($"MAIL FROM:<{from}>");
        var replies = new List<string>();
        foreach (string recipient in recipients)
        {
            replies.Add(await CommandAsync($"RCPT TO:<{recipient}>"));
        }

        replies.Add(await CommandAsync("DATA"));
        await stream.WriteAsync(message);
        if (message[^1] != (byte)'\n')
        {
            await stream.WriteAsync("\r\n"u8.ToArray());
        }

        replies.Add(await CommandAsync("."));
        await CommandAsync("QUIT");
        return [.. replies];
    }

    /// <summary>A text message of about <paramref name="size"/> bytes (no line starts with a dot).</summary>
    private static byte[] TextMessage(string from, string to, string subject, int size)
    {
        var text = new StringBuilder();
        while (text.Length < size)
        {
            text.Append("The quick brown fox jumps over the lazy dog.\r\n");
        }

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = text.ToString() };
        return Bytes(message);
    }

    private static byte[] Message(string from, string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return Bytes(message);
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream);
        return stream.ToArray();
    }

    private static string Mime(SyncItem item) => item.Body?.Element(EasNamespaces.AirSyncBase + "Data")?.Value ?? string.Empty;

    private static byte[] ComposeBody(byte[] mime)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        writer.WriteStartElement(Tags.SendMail);
        writer.WriteElementString(Tags.ClientId, Guid.NewGuid().ToString("N"));
        writer.WriteEmptyElement(Tags.SaveInSentItems);
        writer.WriteElementOpaque(Tags.Mime, mime);
        writer.WriteEndElement();
        return output.WrittenSpan.ToArray();
    }
}

/// <summary>The quota tests on SQLite.</summary>
public sealed class SqliteQuotaTests(SqliteQuotaServerFixture fixture) : QuotaTests(fixture), IClassFixture<SqliteQuotaServerFixture>;

/// <summary>The quota tests on PostgreSQL.</summary>
public sealed class PostgresQuotaTests(PostgresQuotaServerFixture fixture) : QuotaTests(fixture), IClassFixture<PostgresQuotaServerFixture>;
