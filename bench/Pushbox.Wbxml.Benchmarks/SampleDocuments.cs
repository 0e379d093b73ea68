using System.Globalization;
using System.Text;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Benchmarks;

/// <summary>
/// Builds the benchmark documents with realistic content, deterministically (fixed seed): what
/// Exchange sends an iPhone or Outlook mobile for the same requests. Tags whose names libwbxml
/// spells differently from the specification are avoided so that both decoders can be compared.
/// </summary>
internal static class SampleDocuments
{
    private static readonly string[] People =
    [
        "Alice Martin <alice.martin@example.com>", "Bob O'Neill <bob.oneill@example.org>",
        "José Müller <jose.mueller@beispiel.de>", "Zoë Dubois <zoe.dubois@exemple.fr>",
        "Chen Wei 陈伟 <chen.wei@example.cn>", "Priya Raman <priya.raman@example.in>",
        "Sven Åkesson <sven.akesson@exempel.se>", "Noreply Billing <billing-noreply@invoices.example.net>",
        "Marta Kowalska <m.kowalska@przyklad.pl>", "IT Service Desk <servicedesk@corp.example.com>",
    ];

    private static readonly string[] Subjects =
    [
        "Quarterly review – agenda and slides", "Re: Budget 2026 (revised € figures)", "Invoice #48213 for October",
        "Lunch on Thursday?", "Fwd: Contract draft v3 – please review by Friday", "Your password expires in 5 days",
        "Release notes 4.2.1 & known issues", "Re: Re: Offsite logistics", "週次レポート / Weekly report",
        "Action required: approve travel request",
    ];

    private static readonly string[] Words =
    [
        "the", "meeting", "proposal", "quarter", "numbers", "please", "review", "attached", "thanks", "regards",
        "schedule", "customer", "deadline", "update", "draft", "budget", "team", "project", "Müller", "café",
        "naïve", "résumé", "délai", "straße", "付録", "—", "€1,250.00", "follow-up", "Q3", "roadmap",
    ];

    private static readonly string[] Folders =
    [
        "Inbox", "Drafts", "Sent Items", "Deleted Items", "Junk Email", "Outbox", "Archive", "Calendar", "Contacts",
        "Tasks", "Notes", "Journal", "Conversation History", "RSS Feeds", "Sync Issues", "Conflicts",
        "Local Failures", "Server Failures", "Projects", "Projects/Apollo", "Projects/Borealis", "Projects/Cygnus",
        "Customers", "Customers/Acme", "Customers/Globex", "Customers/Initech", "Finance", "Finance/Invoices",
        "Finance/Receipts", "HR", "Travel", "Newsletters", "Newsletters/Tech", "Family", "Family/Photos",
        "Receipts 2024", "Receipts 2025", "Birthdays", "Team calendar", "Shared contacts",
    ];

    /// <summary>A Sync response carrying <paramref name="count"/> new emails in one Inbox collection.</summary>
    public static Element SyncResponse(int count = 100)
    {
        var random = new Random(20251130);
        var adds = new Element[count];
        var received = new DateTime(2025, 11, 3, 8, 15, 23, DateTimeKind.Utc);
        for (int i = 0; i < count; i++)
        {
            adds[i] = Email(random, i, received.AddMinutes(-37 * i));
        }

        return E(AirSyncTags.Sync,
            E(AirSyncTags.Collections,
                E(AirSyncTags.Collection,
                    T(AirSyncTags.SyncKey, "1837261494"),
                    T(AirSyncTags.CollectionId, "5"),
                    T(AirSyncTags.Status, "1"),
                    E(AirSyncTags.MoreAvailable),
                    E(AirSyncTags.Commands, adds))));
    }

    /// <summary>A FolderSync response for an initial sync (SyncKey 0) of a mailbox with <paramref name="count"/> folders.</summary>
    public static Element FolderSyncResponse(int count = 40)
    {
        var adds = new Element[count];
        for (int i = 0; i < count; i++)
        {
            string name = Folders[i % Folders.Length];
            int slash = name.LastIndexOf('/');
            string parent = slash < 0 ? "0" : (Array.IndexOf(Folders, name[..slash]) + 1).ToString(CultureInfo.InvariantCulture);
            string type = i switch
            {
                0 => "2", 1 => "3", 2 => "5", 3 => "4", 5 => "6", 7 => "8", 8 => "9", 9 => "7", 10 => "10", 11 => "11",
                _ when name.Contains("calendar", StringComparison.Ordinal) => "13",
                _ when name.Contains("contacts", StringComparison.Ordinal) => "14",
                _ => "12",
            };
            adds[i] = E(FolderHierarchyTags.Add,
                T(FolderHierarchyTags.ServerId, (i + 1).ToString(CultureInfo.InvariantCulture)),
                T(FolderHierarchyTags.ParentId, parent),
                T(FolderHierarchyTags.DisplayName, slash < 0 ? name : name[(slash + 1)..]),
                T(FolderHierarchyTags.Type, type));
        }

        return E(FolderHierarchyTags.FolderSync,
            T(FolderHierarchyTags.Status, "1"),
            T(FolderHierarchyTags.SyncKey, "{8c4f2a61-9b3e-4d7a-a0c5-3f1e6b2d9c87}1"),
            E(FolderHierarchyTags.Changes, [T(FolderHierarchyTags.Count, count.ToString(CultureInfo.InvariantCulture)), .. adds]));
    }

    /// <summary>A Ping request watching Inbox, Calendar, Contacts and Tasks for 15 minutes.</summary>
    public static Element PingRequest() =>
        E(PingTags.Ping,
            T(PingTags.HeartbeatInterval, "900"),
            E(PingTags.Folders,
                PingFolder("1", "Email"), PingFolder("8", "Calendar"), PingFolder("9", "Contacts"), PingFolder("10", "Tasks")));

    /// <summary>A Ping response: the Inbox changed.</summary>
    public static Element PingResponse() =>
        E(PingTags.Ping,
            T(PingTags.Status, "2"),
            E(PingTags.Folders, T(PingTags.Folder, "1")));

    private static Element PingFolder(string id, string @class) =>
        E(PingTags.Folder, T(PingTags.Id, id), T(PingTags.Class, @class));

    private static Element Email(Random random, int index, DateTime received)
    {
        string from = People[random.Next(People.Length)];
        string[] to = Pick(random, 1 + random.Next(3));
        string[] cc = index % 3 == 0 ? Pick(random, 1 + random.Next(2)) : [];
        string subject = Subjects[random.Next(Subjects.Length)];
        string html = Html(random, random.Next(500, 8 * 1024 + 1), from, subject);
        var data = new List<Element>
        {
            T(EmailTags.To, string.Join(", ", to)),
        };
        if (cc.Length > 0)
        {
            data.Add(T(EmailTags.Cc, string.Join(", ", cc)));
        }

        data.Add(T(EmailTags.From, from));
        data.Add(T(EmailTags.Subject, subject));
        data.Add(T(EmailTags.DateReceived, received.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        data.Add(T(EmailTags.DisplayTo, string.Join("; ", to.Select(DisplayName))));
        data.Add(T(EmailTags.ThreadTopic, subject.StartsWith("Re: ", StringComparison.Ordinal) || subject.StartsWith("Fwd: ", StringComparison.Ordinal) ? subject[(subject.IndexOf(' ', StringComparison.Ordinal) + 1)..] : subject));
        data.Add(T(EmailTags.Importance, index % 11 == 0 ? "2" : "1"));
        data.Add(T(EmailTags.Read, index < 12 ? "0" : "1"));
        if (index % 4 == 1)
        {
            data.Add(Attachments(random, index));
        }

        data.Add(E(AirSyncBaseTags.Body,
            T(AirSyncBaseTags.Type, "2"),
            T(AirSyncBaseTags.EstimatedDataSize, Encoding.UTF8.GetByteCount(html).ToString(CultureInfo.InvariantCulture)),
            T(AirSyncBaseTags.Data, html)));
        data.Add(T(EmailTags.MessageClass, "IPM.Note"));
        data.Add(T(EmailTags.InternetCPID, "65001"));
        data.Add(index % 7 == 3
            ? E(EmailTags.Flag,
                T(EmailTags.Status, "2"),
                T(EmailTags.FlagType, "Follow up"),
                T(TasksTags.StartDate, received.ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture)),
                T(TasksTags.UtcStartDate, received.ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture)),
                T(TasksTags.DueDate, received.AddDays(2).ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture)),
                T(TasksTags.UtcDueDate, received.AddDays(2).ToString("yyyy-MM-dd'T'00:00:00.000'Z'", CultureInfo.InvariantCulture)),
                T(TasksTags.ReminderSet, "0"))
            : E(EmailTags.Flag));
        data.Add(T(EmailTags.ContentClass, "urn:content-classes:message"));
        data.Add(T(AirSyncBaseTags.NativeBodyType, "2"));
        data.Add(O(Email2Tags.ConversationId, Bytes(random, 16)));
        data.Add(O(Email2Tags.ConversationIndex, Bytes(random, 22 + (5 * (index % 4)))));
        data.Add(index % 5 == 0
            ? E(EmailTags.Categories, T(EmailTags.Category, "Red category"), T(EmailTags.Category, "Projects"))
            : E(EmailTags.Categories));

        return E(AirSyncTags.Add,
            T(AirSyncTags.ServerId, "5:" + (index + 1).ToString(CultureInfo.InvariantCulture)),
            E(AirSyncTags.ApplicationData, [.. data]));
    }

    private static Element Attachments(Random random, int index)
    {
        var list = new List<Element>
        {
            E(AirSyncBaseTags.Attachment,
                T(AirSyncBaseTags.DisplayName, index % 8 == 1 ? "Quarterly report Q3 – final.pdf" : "Angebot_Übersicht.xlsx"),
                T(AirSyncBaseTags.FileReference, $"RgAAAAAZ2%2bnqq8yQwa4wLdsT8NmxBwDlUO5d0cdaS4zCKWiG6RVKAAAAAAEMAADlUO5d0cdaS4zCKWiG6RVKAAAA{index:D4}%3a0"),
                T(AirSyncBaseTags.Method, "1"),
                T(AirSyncBaseTags.EstimatedDataSize, random.Next(20_000, 2_000_000).ToString(CultureInfo.InvariantCulture))),
        };
        if (index % 8 == 5)
        {
            list.Add(E(AirSyncBaseTags.Attachment,
                T(AirSyncBaseTags.DisplayName, "image001.png"),
                T(AirSyncBaseTags.FileReference, $"RgAAAAAZ2%2bnqq8yQwa4wLdsT8NmxBwDlUO5d0cdaS4zCKWiG6RVKAAAAAAEMAADlUO5d0cdaS4zCKWiG6RVKAAAA{index:D4}%3a1"),
                T(AirSyncBaseTags.Method, "1"),
                T(AirSyncBaseTags.EstimatedDataSize, "8213"),
                T(AirSyncBaseTags.ContentId, "image001.png@01DC4C3A.5E2B1F70"),
                T(AirSyncBaseTags.IsInline, "1")));
        }

        return E(AirSyncBaseTags.Attachments, [.. list]);
    }

    /// <summary>
    /// An Outlook-style HTML body of about <paramref name="size"/> UTF-8 bytes. Line ends are LF:
    /// libwbxml's XML form writes CR raw, which XML parsers turn into LF, so with CRLF its
    /// XML → WBXML path would encode a different document from the one Pushbox encodes.
    /// </summary>
    private static string Html(Random random, int size, string from, string subject)
    {
        var html = new StringBuilder(size + 512);
        html.Append("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n")
            .Append("<style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style>\n")
            .Append("</head>\n<body dir=\"ltr\">\n<div style=\"font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt;\">\n");
        int tail = 220 + Encoding.UTF8.GetByteCount(from) + Encoding.UTF8.GetByteCount(subject);
        while (Encoding.UTF8.GetByteCount(html.ToString()) + tail < size)
        {
            html.Append("<p>");
            int words = 12 + random.Next(30);
            for (int w = 0; w < words; w++)
            {
                html.Append(w == 0 ? string.Empty : " ").Append(Words[random.Next(Words.Length)]);
            }

            html.Append(random.Next(4) == 0 ? " &amp; <b>see below</b>.</p>\n" : ".</p>\n");
        }

        html.Append("<hr style=\"display:inline-block;width:98%\">\n<div><b>From:</b> ")
            .Append(from.Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal))
            .Append("<br>\n<b>Subject:</b> ").Append(subject).Append("</div>\n</div>\n</body>\n</html>");
        return html.ToString();
    }

    private static string[] Pick(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => People[random.Next(People.Length)]).Distinct().ToArray();

    private static string DisplayName(string address) => address[..address.IndexOf(" <", StringComparison.Ordinal)];

    private static byte[] Bytes(Random random, int count)
    {
        byte[] bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static Element E(ushort tag, params Element[] children) => new(tag, children: children);

    private static Element T(ushort tag, string text) => new(tag, text: text);

    private static Element O(ushort tag, byte[] opaque) => new(tag, opaque: opaque);
}
