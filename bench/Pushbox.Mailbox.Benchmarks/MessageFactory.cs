using System.Net;
using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.Text;
using MimeKit.Utils;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// Everyday business mail built with MimeKit from a fixed seed: a sender with a display name (some
/// with accented letters), a subject (some replies, with In-Reply-To and References), a distinct
/// Message-ID, and a multipart/alternative body of UTF-8 text and the same text as light HTML, both
/// quoted-printable. Each message is grown or shrunk to within a few bytes of the target size as
/// written (headers included, CRLF line ends), so "20 KB" is what the server receives.
/// </summary>
internal sealed class MessageFactory(string recipient, int targetBytes, int seed)
{
    private const string SenderDomain = "partners.example.net";

    private static readonly (string Name, string Local)[] Senders =
    [
        ("Jürgen Weiß", "j.weiss"), ("Chloé Dubois", "chloe.dubois"), ("Ana Martínez", "ana.martinez"), ("Liam O'Brien", "liam.obrien"),
        ("Priya Natarajan", "priya.n"), ("Kenji Watanabe", "kenji.watanabe"), ("Emma Johansson", "emma.johansson"), ("Oluwaseun Adeyemi", "seun.adeyemi"),
        ("Marta Kowalczyk", "m.kowalczyk"), ("Tomás Ó Briain", "tomas.obriain"), ("Sofia Rossi", "sofia.rossi"), ("David Cohen", "david.cohen"),
    ];

    private static readonly string[] Topics =
    [
        "Q3 budget review", "Site visit on Thursday", "Contract renewal – Nordwind GmbH", "Minutes of the steering committee",
        "Invoice 2026-0417", "Travel plans for the Lisbon workshop", "Updated onboarding checklist", "Server maintenance window",
        "Draft press release", "Customer feedback summary", "Hiring plan for the support team", "Quarterly sales figures",
    ];

    private static readonly string[] Sentences =
    [
        "Thanks for sending the figures over so quickly.",
        "I have gone through the attached overview and added my comments inline.",
        "Could you confirm whether the revised numbers already include the freight costs?",
        "The supplier has agreed to keep last year's prices until the end of March.",
        "We still need a decision on the second location before Friday.",
        "As discussed in the call, the rollout will start with the Berlin and Lyon offices.",
        "Please let me know if anything in the schedule does not work for your team.",
        "The legal department asked for two small changes to clause 7.",
        "I will be out of the office on Monday but reachable by phone.",
        "Attendance was good and most questions were about the new pricing model.",
        "The backup job failed twice last week, so we moved the window to 02:00 CET.",
        "Our estimate is roughly 120 hours of work, spread over three sprints.",
        "Déjà vu: the same issue came up in the previous review, so let's settle it this time.",
        "Kenji will prepare the slides; I will send the agenda by tomorrow noon.",
        "The customer would like a short demo before they sign the renewal.",
        "Expenses above €500 still need a second approval in the portal.",
        "For the record, the meeting room on the fourth floor is booked from 10:00 to 11:30.",
        "We received three applications for the support position and will interview all of them.",
        "If the shipment is delayed again we should inform the customer proactively.",
        "I have attached nothing this time; the document is on the shared drive under Projects/2026.",
        "Overall the feedback was positive, with a few complaints about response times.",
        "Let's aim to have the final version ready for sign-off at the end of next week.",
        "The invoice was paid on the 14th, the remittance advice should reach you shortly.",
        "Straße names in the delivery addresses are still cut off in the export, see ticket 4711.",
    ];

    private static readonly FormatOptions Wire = CreateWireFormat();

    private readonly Random random = new(seed);
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow.AddHours(-1);
    private int counter;

    /// <summary>Builds <paramref name="count"/> distinct messages.</summary>
    public IReadOnlyList<OutgoingMessage> Create(int count)
    {
        var messages = new List<OutgoingMessage>(count);
        for (int i = 0; i < count; i++)
        {
            messages.Add(CreateOne());
        }

        return messages;
    }

    private OutgoingMessage CreateOne()
    {
        int index = counter++;
        (string name, string local) = Senders[random.Next(Senders.Length)];
        string topic = Topics[random.Next(Topics.Length)];
        bool reply = random.Next(3) == 0;
        string messageId = MimeUtils.GenerateMessageId(SenderDomain);
        string[] paragraphs = Paragraphs(32);
        DateTimeOffset date = start.AddSeconds(index * 3);
        string? parent = reply ? MimeUtils.GenerateMessageId("mail.example.com") : null;

        // Size is close to linear in the amount of body text (it appears twice, in text and HTML); a few
        // corrections land within a handful of bytes of the target.
        int textLength = targetBytes / 2;
        MimeMessage message = Build(name, local, topic, reply, messageId, parent, date, paragraphs, textLength);
        int size = Measure(message);
        for (int round = 0; round < 8 && Math.Abs(size - targetBytes) > 8; round++)
        {
            textLength = Math.Max(200, textLength + ((targetBytes - size) / 2));
            message = Build(name, local, topic, reply, messageId, parent, date, paragraphs, textLength);
            size = Measure(message);
        }

        return new OutgoingMessage(message, messageId, size);
    }

    private MimeMessage Build(string name, string local, string topic, bool reply, string messageId, string? parent, DateTimeOffset date, string[] paragraphs, int textLength)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(name, $"{local}@{SenderDomain}"));
        message.To.Add(new MailboxAddress("Alice Smith", recipient));
        message.Subject = reply ? "Re: " + topic : topic;
        message.Date = date;
        message.MessageId = messageId;
        if (parent is not null)
        {
            message.InReplyTo = parent;
            message.References.Add(parent);
        }

        message.Headers.Add("X-Mailer", "Pushbox.Mailbox.Benchmarks");

        List<string> body = Cut(paragraphs, textLength);
        string first = name.Split(' ')[0];
        var text = new StringBuilder("Hi Alice,\r\n\r\n");
        var html = new StringBuilder("<html><head><meta charset=\"utf-8\"></head><body style=\"font-family:Calibri,Arial,sans-serif\">\r\n<p>Hi Alice,</p>\r\n");
        foreach (string paragraph in body)
        {
            text.Append(Wrap(paragraph)).Append("\r\n\r\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\r\n");
        }

        text.Append("Best regards,\r\n").Append(first).Append("\r\n");
        html.Append("<p>Best regards,<br>\r\n<b>").Append(WebUtility.HtmlEncode(name)).Append("</b></p>\r\n</body></html>\r\n");

        var alternative = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = text.ToString(), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
            new TextPart(TextFormat.Html) { Text = html.ToString(), ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        foreach (TextPart part in alternative.OfType<TextPart>())
        {
            part.ContentType.Charset = "utf-8";
        }

        message.Body = alternative;
        return message;
    }

    private string[] Paragraphs(int count)
    {
        var paragraphs = new string[count];
        for (int p = 0; p < count; p++)
        {
            int sentences = random.Next(3, 7);
            var paragraph = new StringBuilder();
            for (int s = 0; s < sentences; s++)
            {
                paragraph.Append(s == 0 ? string.Empty : " ").Append(Sentences[random.Next(Sentences.Length)]);
            }

            paragraphs[p] = paragraph.ToString();
        }

        return paragraphs;
    }

    /// <summary>The paragraphs up to <paramref name="length"/> characters, the last one cut at a space (and repeated from the start when more is needed).</summary>
    private static List<string> Cut(string[] paragraphs, int length)
    {
        var result = new List<string>();
        int remaining = length;
        for (int i = 0; remaining > 0; i++)
        {
            string paragraph = paragraphs[i % paragraphs.Length];
            if (paragraph.Length <= remaining)
            {
                result.Add(paragraph);
                remaining -= paragraph.Length + 4;
                continue;
            }

            int space = paragraph.LastIndexOf(' ', Math.Max(0, remaining - 1));
            result.Add(space > 0 ? paragraph[..space] + "." : paragraph[..Math.Max(1, remaining)]);
            break;
        }

        return result;
    }

    /// <summary>Wraps plain text at 76 columns, as mail clients do.</summary>
    private static string Wrap(string paragraph)
    {
        var wrapped = new StringBuilder();
        int column = 0;
        foreach (string word in paragraph.Split(' '))
        {
            if (column > 0 && column + 1 + word.Length > 76)
            {
                wrapped.Append("\r\n");
                column = 0;
            }
            else if (column > 0)
            {
                wrapped.Append(' ');
                column++;
            }

            wrapped.Append(word);
            column += word.Length;
        }

        return wrapped.ToString();
    }

    private static int Measure(MimeMessage message)
    {
        using var measure = new MeasuringStream();
        message.WriteTo(Wire, measure);
        return checked((int)measure.Length);
    }

    private static FormatOptions CreateWireFormat()
    {
        FormatOptions options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
