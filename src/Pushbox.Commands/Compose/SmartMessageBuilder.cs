using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;
using Pushbox.Commands.Email;

namespace Pushbox.Commands.Compose;

/// <summary>
/// Builds what SmartReply and SmartForward send (MS-ASCMD 2.2.1.19, 2.2.1.20): the device sends only its new
/// text; the server appends the original below it — a header block (From, Sent, To, Cc, Subject) and the
/// original body, quoted with "&gt; " in plain text and in a blockquote in HTML for a reply, as it is for a
/// forward — and, for a forward, the original's attachments. Every text part of the device's message gets the
/// original in its own format (plain or HTML), so a multipart/alternative stays consistent.
/// </summary>
internal static class SmartMessageBuilder
{
    /// <summary>Appends <paramref name="original"/> to <paramref name="outgoing"/> in place.</summary>
    public static void Append(MimeMessage outgoing, MimeMessage original, bool forward)
    {
        string originalText = original.TextBody ?? (original.HtmlBody is { } h ? HtmlToText(h) : string.Empty);
        string originalHtml = original.HtmlBody is { } html ? BodyContent(html) : TextToHtml(originalText);

        var textParts = outgoing.BodyParts.OfType<TextPart>().Where(p => !p.IsAttachment && (p.IsPlain || p.IsHtml)).ToList();
        if (textParts.Count == 0)
        {
            var empty = new TextPart(TextFormat.Plain);
            empty.SetText(Encoding.UTF8, string.Empty);
            outgoing.Body = outgoing.Body is null ? empty : new Multipart("mixed") { empty, outgoing.Body };
            textParts.Add(empty);
        }

        foreach (TextPart part in textParts)
        {
            string text = part.Text ?? string.Empty;
            part.SetText(Encoding.UTF8, part.IsHtml
                ? InsertBeforeBodyEnd(text, HtmlQuote(original, originalHtml, forward))
                : text + "\r\n\r\n" + PlainHeader(original) + "\r\n" + (forward ? originalText : Quote(originalText)));
        }

        if (forward)
        {
            List<MimeEntity> attachments = [.. AttachmentsOf(original)];
            if (attachments.Count > 0)
            {
                if (outgoing.Body is Multipart { ContentType.MediaSubtype: var subtype } mixed && subtype.Equals("mixed", StringComparison.OrdinalIgnoreCase))
                {
                    attachments.ForEach(mixed.Add);
                }
                else
                {
                    var wrapper = new Multipart("mixed") { outgoing.Body! };
                    attachments.ForEach(wrapper.Add);
                    outgoing.Body = wrapper;
                }
            }
        }
    }

    /// <summary>The original's parts that are not its main text: attachments, attached messages and inline images (HTML bodies refer to them by Content-ID).</summary>
    private static IEnumerable<MimeEntity> AttachmentsOf(MimeMessage original)
    {
        MimeEntity? textBody = original.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.IsPlain);
        MimeEntity? htmlBody = original.BodyParts.OfType<TextPart>().FirstOrDefault(p => !p.IsAttachment && p.IsHtml);
        foreach (MimeEntity part in original.BodyParts)
        {
            if (ReferenceEquals(part, textBody) || ReferenceEquals(part, htmlBody))
            {
                continue;
            }

            if (part is MessagePart || (part is MimePart mime && (mime.IsAttachment || mime is not TextPart || !string.IsNullOrEmpty(mime.FileName))))
            {
                yield return part;
            }
        }
    }

    private static string PlainHeader(MimeMessage original)
    {
        var text = new StringBuilder();
        text.Append("-----Original Message-----\r\n");
        text.Append("From: ").Append(original.From.ToString()).Append("\r\n");
        text.Append("Sent: ").Append(SentDate(original)).Append("\r\n");
        text.Append("To: ").Append(original.To.ToString()).Append("\r\n");
        if (original.Cc.Count > 0)
        {
            text.Append("Cc: ").Append(original.Cc.ToString()).Append("\r\n");
        }

        text.Append("Subject: ").Append(original.Subject ?? string.Empty).Append("\r\n");
        return text.ToString();
    }

    private static string HtmlQuote(MimeMessage original, string originalHtml, bool forward)
    {
        var html = new StringBuilder();
        html.Append("<hr><div><b>From:</b> ").Append(WebUtility.HtmlEncode(original.From.ToString())).Append("<br>");
        html.Append("<b>Sent:</b> ").Append(WebUtility.HtmlEncode(SentDate(original))).Append("<br>");
        html.Append("<b>To:</b> ").Append(WebUtility.HtmlEncode(original.To.ToString())).Append("<br>");
        if (original.Cc.Count > 0)
        {
            html.Append("<b>Cc:</b> ").Append(WebUtility.HtmlEncode(original.Cc.ToString())).Append("<br>");
        }

        html.Append("<b>Subject:</b> ").Append(WebUtility.HtmlEncode(original.Subject ?? string.Empty)).Append("</div>");
        html.Append(forward ? "<div>" : "<blockquote style=\"margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex\">");
        html.Append(originalHtml);
        html.Append(forward ? "</div>" : "</blockquote>");
        return html.ToString();
    }

    private static string SentDate(MimeMessage original) =>
        original.Date == DateTimeOffset.MinValue ? string.Empty : original.Date.ToString("ddd, d MMM yyyy HH:mm zzz", CultureInfo.InvariantCulture);

    private static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 64);
        foreach (string line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            quoted.Append(line.StartsWith('>') ? ">" : "> ").Append(line).Append("\r\n");
        }

        return quoted.ToString();
    }

    private static string HtmlToText(string html)
    {
        using var reader = new HtmlToTextReader(new StringReader(html));
        return reader.ReadToEnd();
    }

    private static string TextToHtml(string text) =>
        "<div>" + WebUtility.HtmlEncode(text).ReplaceLineEndings("\n").Replace("\n", "<br>\n", StringComparison.Ordinal) + "</div>";

    /// <summary>The content of an HTML document's body element (the whole text when it has none).</summary>
    private static string BodyContent(string html)
    {
        int open = html.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        int start = open < 0 ? -1 : html.IndexOf('>', open);
        int end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return start >= 0 && end > start ? html[(start + 1)..end] : html;
    }

    private static string InsertBeforeBodyEnd(string html, string insert)
    {
        int end = html.LastIndexOf("</body", StringComparison.OrdinalIgnoreCase);
        return end < 0 ? html + insert : html[..end] + insert + html[end..];
    }
}
