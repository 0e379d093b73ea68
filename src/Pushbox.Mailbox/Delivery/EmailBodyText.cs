using System.Text;
using MimeKit;
using MimeKit.Text;
using Pushbox.Mailbox.Search;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// The words of a message's body for the full-text index: its text parts (the plain alternative when
/// there is one, else the HTML one with the markup, scripts and styles left out), with the names of its
/// attachments, at most <see cref="SearchText.MaxIndexedLength"/> characters. Attachments' content is not
/// read. Lenient: what cannot be decoded is left out.
/// </summary>
public static class EmailBodyText
{
    /// <summary>Parses <paramref name="mime"/> and returns its body text (empty when it is not a message).</summary>
    public static string Read(Stream mime)
    {
        ArgumentNullException.ThrowIfNull(mime);
        try
        {
            var parser = new MimeParser(mime, MimeFormat.Entity, persistent: mime.CanSeek);
            return Read(parser.ParseMessage());
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    /// <summary>The body text of a parsed message.</summary>
    public static string Read(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        foreach (MimeEntity entity in message.BodyParts)
        {
            if (text.Length >= SearchText.MaxIndexedLength)
            {
                break;
            }

            if (entity is not MimePart part)
            {
                continue;
            }

            if (part.IsAttachment || (part is not TextPart && !string.IsNullOrEmpty(part.FileName)))
            {
                Append(text, part.FileName);
                continue;
            }

            if (part is TextPart textPart && !IsShadowedHtml(textPart, message))
            {
                Append(text, TextOf(textPart, SearchText.MaxIndexedLength - text.Length));
            }
        }

        return text.Length > SearchText.MaxIndexedLength ? text.ToString(0, SearchText.MaxIndexedLength) : text.ToString();
    }

    /// <summary>
    /// The words of a text part, decoded only as far as the index can keep (<paramref name="room"/> characters, four
    /// times that of HTML for its markup): a 30 MB body costs no more than a 256 KB one.
    /// </summary>
    private static string TextOf(TextPart part, int room)
    {
        if (part.Content is null || room <= 0)
        {
            return string.Empty;
        }

        int limit = part.IsHtml ? room * 4 : room;
        string content;
        try
        {
            Encoding encoding = part.ContentType.CharsetEncoding ?? Encoding.UTF8;
            using Stream decoded = part.Content.Open();
            using var reader = new StreamReader(decoded, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096);
            char[] buffer = new char[Math.Min(limit, 64 * 1024)];
            var read = new StringBuilder();
            int n;
            while (read.Length < limit && (n = reader.ReadBlock(buffer, 0, Math.Min(buffer.Length, limit - read.Length))) > 0)
            {
                read.Append(buffer, 0, n);
            }

            content = read.ToString();
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException or NotSupportedException or ArgumentException or IOException)
        {
            return string.Empty;
        }

        return part.IsHtml ? HtmlWords(content) : content;
    }

    /// <summary>An HTML part that has a plain-text sibling in a multipart/alternative is the same words again.</summary>
    private static bool IsShadowedHtml(TextPart part, MimeMessage message)
    {
        if (!part.IsHtml)
        {
            return false;
        }

        foreach (MultipartAlternative alternative in Alternatives(message.Body))
        {
            if (alternative.Contains(part) && alternative.OfType<TextPart>().Any(p => p.IsPlain))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<MultipartAlternative> Alternatives(MimeEntity? entity)
    {
        if (entity is not Multipart multipart)
        {
            yield break;
        }

        if (multipart is MultipartAlternative alternative)
        {
            yield return alternative;
        }

        foreach (MimeEntity child in multipart)
        {
            foreach (MultipartAlternative nested in Alternatives(child))
            {
                yield return nested;
            }
        }
    }

    private static string HtmlWords(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        bool skipping = false;
        while (tokenizer.ReadNextToken(out HtmlToken? token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style:
                    skipping = !tag.IsEndTag && !tag.IsEmptyElement;
                    break;
                case HtmlTagToken:
                    text.Append(' ');
                    break;
                case HtmlDataToken data when !skipping:
                    text.Append(data.Data);
                    break;
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(value).Append('\n');
        }
    }
}
