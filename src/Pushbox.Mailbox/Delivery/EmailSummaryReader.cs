using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Reads the <see cref="EmailSummary"/> of a MIME message. Lenient by design: a message with broken
/// headers, unknown charsets or a truncated structure still gets a summary (empty fields where
/// nothing could be read), so that one bad message never keeps a folder from synchronising.
/// </summary>
public static class EmailSummaryReader
{
    private const int MaxSubjectLength = 4096;
    private const int MaxAddressListLength = 32 * 1024;

    /// <summary>Parses the message in <paramref name="mime"/> (read to its end; bodies stay on the stream when it is seekable).</summary>
    public static EmailSummary Read(Stream mime, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(mime);
        MimeMessage message;
        try
        {
            var parser = new MimeParser(mime, MimeFormat.Entity, persistent: mime.CanSeek);
            message = parser.ParseMessage();
        }
        catch (FormatException)
        {
            return Empty(receivedAt);
        }

        return Read(message, receivedAt);
    }

    /// <summary>
    /// Parses the message in <paramref name="mime"/> once for its summary and its body text for the search
    /// index (<see cref="EmailBodyText"/>); a message that cannot be parsed gets <see cref="Empty"/> and no text.
    /// </summary>
    public static (EmailSummary Summary, string BodyText) ReadWithBodyText(Stream mime, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(mime);
        MimeMessage message;
        try
        {
            var parser = new MimeParser(mime, MimeFormat.Entity, persistent: mime.CanSeek);
            message = parser.ParseMessage();
        }
        catch (FormatException)
        {
            return (Empty(receivedAt), string.Empty);
        }

        return (Read(message, receivedAt), EmailBodyText.Read(message));
    }

    private static EmailSummary Read(MimeMessage message, DateTimeOffset receivedAt)
    {
        string subject = Limit(message.Subject ?? string.Empty, MaxSubjectLength);
        string messageId = message.MessageId ?? string.Empty;
        return new EmailSummary(
            From: Limit(message.From.ToString(), MaxAddressListLength),
            To: Limit(message.To.ToString(), MaxAddressListLength),
            Cc: Limit(message.Cc.ToString(), MaxAddressListLength),
            ReplyTo: Limit(message.ReplyTo.ToString(), MaxAddressListLength),
            Subject: subject,
            DateReceived: receivedAt,
            Importance: ImportanceOf(message),
            MessageClass: MessageClassOf(message),
            Read: false,
            Flag: null,
            Categories: [],
            HasAttachments: message.BodyParts.Any(IsAttachment),
            ConversationId: ConversationIdOf(message),
            MessageId: Limit(messageId, 998),
            ThreadTopic: Limit(message.Headers["Thread-Topic"] ?? StripPrefixes(subject), MaxSubjectLength));
    }

    /// <summary>The summary of a message that could not be parsed at all.</summary>
    public static EmailSummary Empty(DateTimeOffset receivedAt) =>
        new(string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, receivedAt, Importance.Normal, "IPM.Note", false, null, [], false, new byte[16], string.Empty, string.Empty);

    private static bool IsAttachment(MimeEntity entity) =>
        entity is MimePart part && (part.IsAttachment || (part is not TextPart && !string.IsNullOrEmpty(part.FileName)));

    private static Importance ImportanceOf(MimeMessage message) => message.Importance switch
    {
        MessageImportance.High => Importance.High,
        MessageImportance.Low => Importance.Low,
        _ => message.XPriority switch
        {
            XMessagePriority.Highest or XMessagePriority.High => Importance.High,
            XMessagePriority.Low or XMessagePriority.Lowest => Importance.Low,
            _ => message.Priority switch
            {
                MessagePriority.Urgent => Importance.High,
                MessagePriority.NonUrgent => Importance.Low,
                _ => Importance.Normal,
            },
        },
    };

    /// <summary>The Exchange message class from the structure: S/MIME and meeting messages are distinguished, everything else is IPM.Note.</summary>
    private static string MessageClassOf(MimeMessage message)
    {
        ContentType type = message.Body?.ContentType ?? new ContentType("text", "plain");
        if (type.IsMimeType("multipart", "signed"))
        {
            return "IPM.Note.SMIME.MultipartSigned";
        }

        if (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"))
        {
            return "IPM.Note.SMIME";
        }

        MimeEntity? calendar = message.BodyParts.FirstOrDefault(p => p.ContentType.IsMimeType("text", "calendar"));
        string? method = calendar?.ContentType.Parameters["method"];
        return method?.ToUpperInvariant() switch
        {
            "REQUEST" => "IPM.Schedule.Meeting.Request",
            "CANCEL" => "IPM.Schedule.Meeting.Canceled",
            "REPLY" => "IPM.Schedule.Meeting.Resp.Pos",
            _ => "IPM.Note",
        };
    }

    /// <summary>
    /// 16 bytes naming the conversation: the GUID inside Outlook's Thread-Index when present, otherwise
    /// the first 16 bytes of a SHA-256 of the thread's root Message-ID (first of References, else In-Reply-To, else its own), so
    /// replies from any client land in the same conversation as their original.
    /// </summary>
    private static byte[] ConversationIdOf(MimeMessage message)
    {
        if (message.Headers["Thread-Index"] is { } threadIndex)
        {
            try
            {
                byte[] bytes = Convert.FromBase64String(threadIndex.Trim());
                if (bytes.Length >= 22)
                {
                    return bytes[6..22];
                }
            }
            catch (FormatException)
            {
                // fall through to the Message-ID chain
            }
        }

        string root = message.References.FirstOrDefault() ?? message.InReplyTo ?? message.MessageId ?? StripPrefixes(message.Subject ?? string.Empty);
        return SHA256.HashData(Encoding.UTF8.GetBytes(root))[..16];
    }

    private static string StripPrefixes(string subject)
    {
        string s = subject.Trim();
        while (true)
        {
            int colon = s.IndexOf(':', StringComparison.Ordinal);
            if (colon is <= 0 or > 4)
            {
                return s;
            }

            string prefix = s[..colon].Trim();
            if (!prefix.Equals("re", StringComparison.OrdinalIgnoreCase)
                && !prefix.Equals("fw", StringComparison.OrdinalIgnoreCase)
                && !prefix.Equals("fwd", StringComparison.OrdinalIgnoreCase)
                && !prefix.Equals("aw", StringComparison.OrdinalIgnoreCase)
                && !prefix.Equals("wg", StringComparison.OrdinalIgnoreCase)
                && !prefix.Equals("sv", StringComparison.OrdinalIgnoreCase))
            {
                return s;
            }

            s = s[(colon + 1)..].TrimStart();
        }
    }

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];
}
