using System.Text;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Tests;

public class EmailSummaryReaderTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_PlainMessage_TakesHeadersAsTheyAre()
    {
        EmailSummary summary = Read("""
            From: "Alice Smith" <alice@example.com>
            To: bob@example.com, "Carol" <carol@example.com>
            Cc: dave@example.com
            Reply-To: lists@example.com
            Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=
            Message-ID: <m1@example.com>
            Importance: high
            Date: Mon, 30 Nov 2026 09:00:00 +0000

            Hello.
            """);

        Assert.Equal("\"Alice Smith\" <alice@example.com>", summary.From);
        Assert.Equal("bob@example.com, \"Carol\" <carol@example.com>", summary.To);
        Assert.Equal("dave@example.com", summary.Cc);
        Assert.Equal("lists@example.com", summary.ReplyTo);
        Assert.Equal("Grüße", summary.Subject);
        Assert.Equal("m1@example.com", summary.MessageId);
        Assert.Equal(Importance.High, summary.Importance);
        Assert.Equal("IPM.Note", summary.MessageClass);
        Assert.Equal(Received, summary.DateReceived);
        Assert.False(summary.HasAttachments);
        Assert.False(summary.Read);
        Assert.Equal(16, summary.ConversationId.Length);
    }

    [Fact]
    public void Read_Reply_JoinsTheConversationOfItsOriginal()
    {
        EmailSummary original = Read("Message-ID: <root@example.com>\nSubject: Plan\n\nx");
        EmailSummary reply = Read("Message-ID: <r1@example.com>\nIn-Reply-To: <root@example.com>\nReferences: <root@example.com>\nSubject: RE: Fwd: Plan\n\ny");

        Assert.Equal(original.ConversationId, reply.ConversationId);
        Assert.Equal("Plan", reply.ThreadTopic);
    }

    [Fact]
    public void Read_OutlookThreadIndex_UsesItsGuid()
    {
        byte[] index = [.. new byte[6], .. Enumerable.Range(1, 16).Select(i => (byte)i)];
        EmailSummary summary = Read($"Thread-Index: {Convert.ToBase64String(index)}\nSubject: x\n\nbody");

        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), summary.ConversationId);
    }

    [Fact]
    public void Read_Attachment_IsReported()
    {
        EmailSummary summary = Read("""
            Subject: report
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain

            see attached
            --b
            Content-Type: application/pdf; name="r.pdf"
            Content-Disposition: attachment; filename="r.pdf"
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --b--
            """);

        Assert.True(summary.HasAttachments);
    }

    [Theory]
    [InlineData("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=b\n\n--b\n\nx\n--b--\n", "IPM.Note.SMIME.MultipartSigned")]
    [InlineData("Content-Type: application/pkcs7-mime; smime-type=enveloped-data\n\nAAAA\n", "IPM.Note.SMIME")]
    [InlineData("Content-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\n", "IPM.Schedule.Meeting.Request")]
    public void Read_SpecialStructure_GetsItsMessageClass(string message, string messageClass)
    {
        Assert.Equal(messageClass, Read(message).MessageClass);
    }

    [Theory]
    [InlineData("X-Priority: 1\n\nx", Importance.High)]
    [InlineData("X-Priority: 5 (Lowest)\n\nx", Importance.Low)]
    [InlineData("Priority: non-urgent\n\nx", Importance.Low)]
    [InlineData("Subject: x\n\nx", Importance.Normal)]
    public void Read_PriorityHeaders_MapToImportance(string message, Importance importance)
    {
        Assert.Equal(importance, Read(message).Importance);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no headers at all, just text\n")]
    [InlineData("Subject: =?x-unknown-charset?B?AAEC?=\nFrom: <<<>>>\n\n\u00ff\u00fe")]
    [InlineData("Content-Type: multipart/mixed; boundary=never\n\n--never\nContent-Type: text/plain\n\ntruncated")]
    public void Read_BrokenMessage_StillGetsASummary(string message)
    {
        EmailSummary summary = Read(message);

        Assert.Equal(Received, summary.DateReceived);
        Assert.NotNull(summary.Subject);
        Assert.Equal(16, summary.ConversationId.Length);
    }

    [Fact]
    public void Read_EightBitGarbage_DoesNotThrow()
    {
        byte[] garbage = [.. Encoding.ASCII.GetBytes("Subject: "), .. Enumerable.Range(128, 128).Select(i => (byte)i), (byte)'\n', (byte)'\n', 0, 1, 2, 0xFF];

        EmailSummary summary = EmailSummaryReader.Read(new MemoryStream(garbage), Received);

        Assert.NotNull(summary.Subject);
    }

    private static EmailSummary Read(string message) =>
        EmailSummaryReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n"))), Received);
}
