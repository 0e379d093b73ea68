using System.Security.Cryptography;
using System.Text;
using MimeKit;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Benchmarks;

/// <summary>
/// Emails to seed a folder with, as delivery would have summarised them (address lists in the form
/// MimeKit writes them, subjects with reply prefixes, conversation ids shared by a thread, a spread of
/// sizes), plus the state a user leaves behind: most read, a few flagged or categorised. The content
/// reference is a made-up SHA-256: the change query never opens a blob, so none is written.
/// </summary>
internal sealed class SummaryFactory(string recipient, int seed)
{
    private static readonly string[] Names =
    [
        "Jürgen Weiß", "Chloé Dubois", "Ana Martínez", "Liam O'Brien", "Priya Natarajan", "Kenji Watanabe", "Emma Johansson",
        "Oluwaseun Adeyemi", "Marta Kowalczyk", "Tomás Ó Briain", "Sofia Rossi", "David Cohen", "IT Service Desk", "Payroll",
    ];

    private static readonly string[] Topics =
    [
        "Q3 budget review", "Site visit on Thursday", "Contract renewal – Nordwind GmbH", "Minutes of the steering committee",
        "Invoice 2026-0417", "Travel plans for the Lisbon workshop", "Updated onboarding checklist", "Server maintenance window",
        "Draft press release", "Customer feedback summary", "Hiring plan for the support team", "Quarterly sales figures",
        "Your password expires in 7 days", "Payslip for October", "Team lunch next Friday", "Ticket #48213 has been resolved",
    ];

    private readonly Random random = new(seed);
    private readonly string to = new MailboxAddress("Alice Smith", recipient).ToString();
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow.AddYears(-2);
    private long counter;

    public IReadOnlyList<NewEmail> Next(int count)
    {
        var emails = new NewEmail[count];
        for (int i = 0; i < count; i++)
        {
            emails[i] = Next();
        }

        return emails;
    }

    private NewEmail Next()
    {
        long index = counter++;
        string name = Names[random.Next(Names.Length)];
        string from = new MailboxAddress(name, Local(name) + "@partners.example.net").ToString();
        int thread = random.Next(4_000);
        string topic = Topics[thread % Topics.Length];
        string subject = random.Next(3) == 0 ? "Re: " + topic : topic;
        DateTimeOffset received = start.AddMinutes((index * 10) + random.Next(10));

        // Sizes from 3 KB to about 1 MB, most of them small, as in a real Inbox.
        long size = (long)Math.Exp(8 + (random.NextDouble() * random.NextDouble() * 5.8));
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{index}")));
        EmailFlag? flag = random.Next(25) == 0 ? new EmailFlag(2, "Follow up", received, received.AddDays(3), ReminderSet: false) : null;
        IReadOnlyList<string> categories = random.Next(30) == 0 ? ["Blue category"] : [];
        var summary = new EmailSummary(
            From: from,
            To: to,
            Cc: random.Next(4) == 0 ? new MailboxAddress("Bob Jones", "bob.jones@example.com").ToString() : string.Empty,
            ReplyTo: string.Empty,
            Subject: subject,
            DateReceived: received,
            Importance: random.Next(20) == 0 ? Importance.High : Importance.Normal,
            MessageClass: "IPM.Note",
            Read: random.Next(10) != 0,
            Flag: flag,
            Categories: categories,
            HasAttachments: random.Next(6) == 0,
            ConversationId: SHA256.HashData(Encoding.UTF8.GetBytes($"thread-{thread}"))[..16],
            MessageId: $"{Guid.NewGuid():N}@partners.example.net",
            ThreadTopic: topic);
        return new NewEmail(new BlobRef(hash, size), summary);
    }

    private static string Local(string name) => name.ToLowerInvariant().Replace(' ', '.').Replace("'", string.Empty, StringComparison.Ordinal);
}
