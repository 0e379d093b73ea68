using MimeKit;
using MimeKit.Utils;

namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>
/// Builds the automatic reply (RFC 3834 section 3): From the user, To the envelope sender, "Automatic reply: " and the
/// original subject, In-Reply-To and References tying it to the original, <c>Auto-Submitted: auto-replied</c> and
/// <c>X-Auto-Response-Suppress: All</c> so that other responders leave it alone, and the user's text (plain or HTML) as
/// the body in UTF-8. The caller sends it from the null reverse-path.
/// </summary>
public static class OofReplyBuilder
{
    /// <summary>The reply's subject prefix.</summary>
    public const string SubjectPrefix = "Automatic reply: ";

    /// <summary>The reply to <paramref name="facts"/> from <paramref name="userAddress"/>.</summary>
    public static MimeMessage Build(string userAddress, string userDisplayName, string recipient, OofReply reply, OofMessageFacts facts, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(userAddress);
        ArgumentException.ThrowIfNullOrEmpty(recipient);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(facts);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(userDisplayName ?? string.Empty, userAddress));
        message.To.Add(MailboxAddress.Parse(recipient));
        string subject = facts.Subject.Trim();
        message.Subject = subject.Length == 0 ? SubjectPrefix.TrimEnd(' ', ':') : SubjectPrefix + subject;
        message.Date = now;
        int at = userAddress.LastIndexOf('@');
        message.MessageId = MimeUtils.GenerateMessageId(at >= 0 ? userAddress[(at + 1)..] : "localhost");
        if (facts.MessageId is { } original)
        {
            message.InReplyTo = original;
            foreach (string reference in facts.References)
            {
                message.References.Add(reference);
            }

            message.References.Add(original);
        }

        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        var body = new TextPart(reply.IsHtml ? "html" : "plain") { Text = reply.Message };
        body.ContentType.Charset = "utf-8";
        body.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        message.Body = body;
        return message;
    }
}
