using System.Globalization;
using System.Text;
using MimeKit;

namespace Pushbox.Smtp.Relay;

/// <summary>
/// Builds the bounce a sender gets when mail could not be delivered: a <c>multipart/report</c> of type
/// <c>delivery-status</c> (RFC 6522, RFC 3464) with a readable explanation, the machine-readable
/// <c>message/delivery-status</c> part (one block per failed recipient), and the original's header as
/// <c>text/rfc822-headers</c> (the body is not returned: it may be large, and the sender has it in Sent Items).
/// </summary>
internal static class DeliveryStatusNotification
{
    /// <summary>The notification for <paramref name="failures"/> of the message whose header is <paramref name="originalHeaders"/>.</summary>
    public static MimeMessage Build(string reportingMta, string sender, HeaderList originalHeaders, IReadOnlyList<RelayOutcome> failures, DateTimeOffset arrival, DateTimeOffset now, bool expired)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@" + reportingMta));
        message.To.Add(MailboxAddress.Parse(sender));
        string? originalSubject = originalHeaders[HeaderId.Subject];
        message.Subject = "Undeliverable: " + (originalSubject ?? "(no subject)");
        message.Date = now;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(reportingMta);
        message.Headers.Add("Auto-Submitted", "auto-replied");
        if (originalHeaders[HeaderId.MessageId] is { } originalId)
        {
            message.Headers.Add(HeaderId.InReplyTo, originalId);
            message.Headers.Add(HeaderId.References, originalId);
        }

        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = Explanation(reportingMta, failures, expired) });
        report.Add(new MessageDeliveryStatus { Content = new MimeContent(new MemoryStream(DeliveryStatus(reportingMta, failures, arrival, now, expired))) });
        var headers = new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream(HeaderBytes(originalHeaders))) };
        report.Add(headers);
        message.Body = report;
        return message;
    }

    private static string Explanation(string reportingMta, IReadOnlyList<RelayOutcome> failures, bool expired)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"This is the mail system at {reportingMta}.\n\n");
        text.Append(expired
            ? "Your message could not be delivered to the following recipients in the time allowed; the mail system stopped trying:\n\n"
            : "Your message could not be delivered to the following recipients:\n\n");
        foreach (RelayOutcome failure in failures)
        {
            text.Append(CultureInfo.InvariantCulture, $"  <{failure.Recipient}>: {failure.Reply}\n");
        }

        return text.ToString();
    }

    private static byte[] DeliveryStatus(string reportingMta, IReadOnlyList<RelayOutcome> failures, DateTimeOffset arrival, DateTimeOffset now, bool expired)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Reporting-MTA: dns; {reportingMta}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Arrival-Date: {MimeKit.Utils.DateUtils.FormatDate(arrival)}\r\n");
        foreach (RelayOutcome failure in failures)
        {
            text.Append("\r\n");
            text.Append(CultureInfo.InvariantCulture, $"Final-Recipient: rfc822; {failure.Recipient}\r\n");
            text.Append("Action: failed\r\n");
            text.Append(CultureInfo.InvariantCulture, $"Status: {failure.StatusCode}\r\n");
            if (!expired && failure.Reply.Length > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Diagnostic-Code: smtp; {OneLine(failure.Reply)}\r\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"Last-Attempt-Date: {MimeKit.Utils.DateUtils.FormatDate(now)}\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] HeaderBytes(HeaderList headers)
    {
        using var stream = new MemoryStream();
        headers.WriteTo(stream);
        return stream.ToArray();
    }

    private static string OneLine(string text) =>
        new(text.Select(c => char.IsControl(c) ? ' ' : c).Take(900).ToArray());
}
