using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Search;
using Pushbox.Mailbox.Users;

namespace Pushbox.Storage.Tests;

/// <summary>
/// Search conditions (what a Find's KQL becomes, <see cref="KqlParser"/>) answered by the index on both
/// databases: fields kept apart, phrases, dates, the attachment flag, and/or/not.
/// </summary>
public abstract partial class StoreContractTests
{
    private static readonly DateOnly FindToday = new(2025, 3, 12);

    [Fact]
    public async Task Find_PropertyRestrictions_LookOnlyInTheirField()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem fromAnne = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Budget", "numbers", Day, from: "Anne Dupont <anne@example.org>", to: "Bob <bob@example.org>"), None);
        StoredItem toAnne = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Holiday", "budget talk", Day.AddHours(1), from: "Bob <bob@example.org>", to: "Anne Dupont <anne@example.org>"), None);
        StoredItem ccAnne = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Minutes", "see notes", Day.AddHours(2), from: "Carl <carl@example.org>", to: "Bob <bob@example.org>", cc: "Anne <anne@example.org>"), None);

        Assert.Equal([fromAnne.Id], await KqlAsync(user.Id, "from:anne"));
        Assert.Equal([toAnne.Id], await KqlAsync(user.Id, "to:anne"));
        Assert.Equal([ccAnne.Id], await KqlAsync(user.Id, "cc:anne"));
        Assert.Equal([ccAnne.Id, toAnne.Id, fromAnne.Id], await KqlAsync(user.Id, "participants:anne"));
        Assert.Equal([fromAnne.Id], await KqlAsync(user.Id, "subject:budg"));
        Assert.Equal([toAnne.Id], await KqlAsync(user.Id, "body:budget"));
        Assert.Equal([toAnne.Id, fromAnne.Id], await KqlAsync(user.Id, "budget"));
        Assert.Equal([toAnne.Id], await KqlAsync(user.Id, "from:(bob OR carl) to:anne"));
        Assert.Empty(await KqlAsync(user.Id, "subject:numbers"));
    }

    [Fact]
    public async Task Find_PhrasesMatchWholeWordsInOrder()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem ordered = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Project kickoff meeting", "x", Day), None);
        await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Meeting about the kickoff", "x", Day.AddHours(1)), None);

        Assert.Equal([ordered.Id], await KqlAsync(user.Id, "\"kickoff meeting\""));
        Assert.Equal([ordered.Id], await KqlAsync(user.Id, "subject:\"project kickoff\""));
        Assert.Empty(await KqlAsync(user.Id, "\"kick meeting\""));
        Assert.Empty(await KqlAsync(user.Id, "body:\"kickoff meeting\""));
    }

    [Fact]
    public async Task Find_BooleanOperatorsDatesAndAttachments()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem march1 = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("alpha report", "x", Day, attachments: true), None);
        StoredItem march5 = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("beta report", "x", Day.AddDays(4)), None);
        StoredItem march12 = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("gamma report", "x", new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), attachments: true), None);

        Assert.Equal([march5.Id, march1.Id], await KqlAsync(user.Id, "alpha OR beta"));
        Assert.Equal([march12.Id, march5.Id], await KqlAsync(user.Id, "report NOT alpha"));
        Assert.Equal([march12.Id, march5.Id], await KqlAsync(user.Id, "report -alpha"));
        Assert.Equal([march12.Id, march1.Id], await KqlAsync(user.Id, "report hasattachments:true"));
        Assert.Equal([march5.Id], await KqlAsync(user.Id, "hasattachment:no"));
        Assert.Equal([march5.Id], await KqlAsync(user.Id, "received:2025-03-05"));
        Assert.Equal([march12.Id, march5.Id], await KqlAsync(user.Id, "received>=2025-03-05"));
        Assert.Equal([march12.Id], await KqlAsync(user.Id, "received>2025-03-05"));
        Assert.Equal([march5.Id, march1.Id], await KqlAsync(user.Id, "received<=2025-03-05"));
        Assert.Equal([march1.Id], await KqlAsync(user.Id, "received<2025-03-05"));
        Assert.Equal([march5.Id, march1.Id], await KqlAsync(user.Id, "received:2025-03-01..2025-03-05"));
        Assert.Equal([march12.Id], await KqlAsync(user.Id, "received:today"));
        Assert.Equal([march12.Id, march1.Id], await KqlAsync(user.Id, "received<>2025-03-05"));
        Assert.Equal([march12.Id, march5.Id], await KqlAsync(user.Id, "(beta OR gamma) AND report"));
    }

    [Fact]
    public async Task Find_ConditionPagesWithTheTotalAndFolderScope()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        Folder archive = await Store.CreateFolderAsync(user.Id, null, "Archive", FolderType.UserMail, None);
        var ids = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add((await Store.AddEmailAsync(user.Id, i % 2 == 0 ? inbox.Id : archive.Id, Mail($"weekly {i}", "x", Day.AddHours(i)), None)).Id);
        }

        KqlParser.TryParse("from:sender weekly", FindToday, out SearchCondition? condition, out _);
        MailboxSearchResult page = await SearchIndex.SearchAsync(user.Id, new MailboxQuery([], Condition: condition), 1, 2, None);
        Assert.Equal(5, page.Total);
        Assert.Equal([ids[3], ids[2]], page.Items.Select(i => i.Id));

        MailboxSearchResult scoped = await SearchIndex.SearchAsync(user.Id, new MailboxQuery([], FolderIds: [archive.Id], Condition: condition), 0, 10, None);
        Assert.Equal([ids[3], ids[1]], scoped.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Find_ReindexedEmail_KeepsItsFieldsApart()
    {
        User user = await NewUserAsync();
        Folder inbox = await InboxAsync(user.Id);
        StoredItem pending = await Store.AddEmailAsync(user.Id, inbox.Id, Mail("Renée's notes", null, Day, from: "Zoë <zoe@example.org>", cc: "Éric <eric@example.org>"), None);

        Assert.True(await SearchIndex.IndexAsync(pending, "the quarterly figures", None));

        Assert.Equal([pending.Id], await KqlAsync(user.Id, "body:quarterly from:zoe cc:eric subject:renee"));
        Assert.Empty(await KqlAsync(user.Id, "to:eric"));
    }

    private async Task<IReadOnlyList<long>> KqlAsync(long userId, string kql)
    {
        Assert.True(KqlParser.TryParse(kql, FindToday, out SearchCondition? condition, out string? error), error);
        return await FindAsync(userId, new MailboxQuery([], Condition: condition));
    }

    private static NewEmail Mail(string subject, string? body, DateTimeOffset received, string from = "sender@example.com", string to = "rcpt@example.com", string cc = "", bool attachments = false) =>
        new(
            new BlobRef(NewHash(), 100),
            new EmailSummary(from, to, cc, "", subject, received, Importance.Normal, "IPM.Note", false, null, [], attachments, new byte[16], $"<{Guid.NewGuid():N}@example.com>", subject),
            body);
}
