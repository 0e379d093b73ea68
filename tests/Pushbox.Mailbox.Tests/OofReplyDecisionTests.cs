using System.Text;
using MimeKit;
using Pushbox.Mailbox.OutOfOffice;

namespace Pushbox.Mailbox.Tests;

/// <summary>
/// The Out of Office reply decision (RFC 3834 section 2, MS-ASCMD 2.2.3.123): who gets which reply, and which mail never
/// gets one. Messages are real header blocks parsed by MimeKit, as the responder reads them.
/// </summary>
public sealed class OofReplyDecisionTests
{
    private const string User = "away@example.com";
    private static readonly DateTimeOffset Now = new(2030, 7, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] UserAddresses = [User, "ann@example.com"];

    private static readonly OofSettings On = OofSettings.Off with
    {
        Mode = OofMode.On,
        Internal = new OofReply(true, "Back Monday (colleagues).", false),
        ExternalKnown = new OofReply(true, "Back Monday (contacts).", false),
        ExternalUnknown = new OofReply(true, "<p>Back Monday.</p>", true),
    };

    [Fact]
    public void Decide_ExternalSender_GetsTheUnknownExternalReply_AtTheEnvelopeSender()
    {
        OofDecision decision = Decide(On, "To: away@example.com\r\n", "Bob.Smith@Remote.TEST");

        Assert.True(decision.ShouldReply);
        Assert.Equal(OofAudienceKind.ExternalUnknown, decision.Audience);
        Assert.Equal("<p>Back Monday.</p>", decision.Reply!.Message);
        Assert.Equal("Bob.Smith@remote.test", decision.Recipient);
    }

    [Theory]
    [InlineData("colleague@example.com", false)] // the user's own domain
    [InlineData("someone@other-local.test", true)] // a local user of another served domain
    public void Decide_InternalSender_GetsTheInternalReply(string sender, bool senderIsLocalUser)
    {
        OofDecision decision = Decide(On, "To: away@example.com\r\n", sender, senderIsLocalUser);

        Assert.Equal((true, OofAudienceKind.Internal, "Back Monday (colleagues)."), (decision.ShouldReply, decision.Audience, decision.Reply?.Message));
    }

    [Fact]
    public void Decide_MessageToAnAliasInCc_IsAnswered()
    {
        Assert.True(Decide(On, "To: team@remote.test\r\nCc: \"Ann\" <ANN@example.com>\r\n", "bob@remote.test").ShouldReply);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied\r\n", OofSkipReason.AutoSubmitted)]
    [InlineData("Auto-Submitted: auto-generated\r\n", OofSkipReason.AutoSubmitted)]
    [InlineData("Precedence: bulk\r\n", OofSkipReason.BulkPrecedence)]
    [InlineData("Precedence: List\r\n", OofSkipReason.BulkPrecedence)]
    [InlineData("Precedence: junk\r\n", OofSkipReason.BulkPrecedence)]
    [InlineData("List-Id: <dev.lists.remote.test>\r\n", OofSkipReason.MailingList)]
    [InlineData("List-Unsubscribe: <mailto:leave@remote.test>\r\n", OofSkipReason.MailingList)]
    [InlineData("X-Auto-Response-Suppress: DR, OOF, AutoReply\r\n", OofSkipReason.Suppressed)]
    [InlineData("X-Auto-Response-Suppress: All\r\n", OofSkipReason.Suppressed)]
    [InlineData("X-Autoreply: yes\r\n", OofSkipReason.OtherAutomatic)]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n", OofSkipReason.OtherAutomatic)]
    public void Decide_AutomaticOrListMail_GetsNoReply(string header, OofSkipReason reason)
    {
        Assert.Equal(reason, Decide(On, "To: away@example.com\r\n" + header, "bob@remote.test").Skip);
    }

    [Theory]
    [InlineData("Auto-Submitted: no\r\n")]
    [InlineData("Auto-Submitted: No; comment\r\n")]
    [InlineData("Precedence: first-class\r\n")]
    [InlineData("X-Auto-Response-Suppress: DR, RN\r\n")]
    public void Decide_HeadersThatDoNotMarkAutomaticMail_StillGetAReply(string header)
    {
        Assert.True(Decide(On, "To: away@example.com\r\n" + header, "bob@remote.test").ShouldReply);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<>")]
    public void Decide_NullReversePath_GetsNoReply(string reversePath)
    {
        Assert.Equal(OofSkipReason.NullReversePath, Decide(On, "To: away@example.com\r\n", reversePath).Skip);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@remote.test")]
    [InlineData("postmaster@remote.test")]
    [InlineData("noreply@remote.test")]
    [InlineData("no-reply+tracking@remote.test")]
    [InlineData("donotreply@remote.test")]
    [InlineData("owner-dev@lists.remote.test")]
    [InlineData("dev-request@lists.remote.test")]
    [InlineData("dev-bounces@lists.remote.test")]
    [InlineData("LISTSERV@remote.test")]
    public void Decide_SystemOrNoReplySender_GetsNoReply(string sender)
    {
        Assert.Equal(OofSkipReason.AutomatedSender, Decide(On, "To: away@example.com\r\n", sender).Skip);
    }

    [Fact]
    public void Decide_MailTheUserIsNotAddressedIn_GetsNoReply()
    {
        Assert.Equal(OofSkipReason.NotAddressedToUser, Decide(On, "To: everyone@remote.test\r\n", "bob@remote.test").Skip);
    }

    [Fact]
    public void Decide_TheUsersOwnMessage_GetsNoReply()
    {
        Assert.Equal(OofSkipReason.OwnMessage, Decide(On, "To: away@example.com\r\n", "ann@example.com", senderIsLocalUser: true).Skip);
    }

    [Fact]
    public void Decide_Off_GetsNoReply()
    {
        Assert.Equal(OofSkipReason.NotActive, Decide(OofSettings.Off, "To: away@example.com\r\n", "bob@remote.test").Skip);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(47, true)]
    [InlineData(48, false)] // the end is exclusive
    public void Decide_Scheduled_RepliesOnlyWithinThePeriod(int hoursAfterStart, bool replies)
    {
        DateTimeOffset start = Now.AddHours(-hoursAfterStart);
        OofSettings scheduled = On with { Mode = OofMode.Scheduled, Start = start, End = start.AddHours(48) };

        Assert.Equal(replies, Decide(scheduled, "To: away@example.com\r\n", "bob@remote.test").ShouldReply);
    }

    [Theory]
    [InlineData(false, "Away")]
    [InlineData(true, "   ")]
    public void Decide_AudienceDisabledOrWithoutText_GetsNoReply(bool enabled, string message)
    {
        OofSettings settings = On with { ExternalUnknown = new OofReply(enabled, message, false) };

        OofDecision decision = Decide(settings, "To: away@example.com\r\n", "bob@remote.test");

        Assert.Equal((OofSkipReason.AudienceDisabled, OofAudienceKind.ExternalUnknown), (decision.Skip, decision.Audience));
    }

    [Fact]
    public void Build_ReplyCarriesTheAutomaticMarksAndThreadsOnTheOriginal()
    {
        OofMessageFacts facts = Facts("To: away@example.com\r\nSubject: Lunch?\r\nMessage-ID: <m2@remote.test>\r\nReferences: <m1@remote.test>\r\n", "bob@remote.test");

        MimeMessage reply = OofReplyBuilder.Build(User, "Ann Away", "bob@remote.test", On.ExternalUnknown, facts, Now);

        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
        Assert.Equal("Automatic reply: Lunch?", reply.Subject);
        Assert.Equal("m2@remote.test", reply.InReplyTo);
        Assert.Equal(["m1@remote.test", "m2@remote.test"], reply.References);
        Assert.Equal("bob@remote.test", Assert.Single(reply.To.Mailboxes).Address);
        Assert.Equal(User, Assert.Single(reply.From.Mailboxes).Address);
        var body = Assert.IsType<TextPart>(reply.Body);
        Assert.True(body.IsHtml);
        Assert.Equal("<p>Back Monday.</p>", body.Text);

        // The reply itself is automatic mail: another responder's decision leaves it alone.
        using var stream = new MemoryStream();
        reply.WriteTo(stream);
        stream.Position = 0;
        OofMessageFacts replyFacts = OofMessageFacts.Read(HeaderList.Load(stream), "away@example.com");
        Assert.Equal(OofSkipReason.AutoSubmitted, OofReplyDecision.Decide(On, Now, replyFacts, ["bob@remote.test"], senderIsLocalUser: true).Skip);
    }

    private static OofDecision Decide(OofSettings settings, string headers, string reversePath, bool senderIsLocalUser = false) =>
        OofReplyDecision.Decide(settings, Now, Facts(headers, reversePath), UserAddresses, senderIsLocalUser);

    private static OofMessageFacts Facts(string headers, string reversePath)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("From: Bob <bob@remote.test>\r\n" + headers + "\r\nBody\r\n"));
        return OofMessageFacts.Read(HeaderList.Load(stream), reversePath);
    }
}
