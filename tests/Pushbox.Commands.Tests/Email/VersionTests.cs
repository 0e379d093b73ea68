using System.Xml.Linq;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Which elements each protocol version gets, in which order, and the mutable state (read, flag, categories).</summary>
public sealed class VersionTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private readonly EmailTestStore _store = fixture.Store;

    public static TheoryData<string, string[]> ElementsByVersion() => new()
    {
        {
            "2.5",
            ["To", "Cc", "From", "Subject", "ReplyTo", "DateReceived", "DisplayTo", "ThreadTopic", "Importance", "Read",
             "Attachments", "BodyTruncated", "Body", "MessageClass", "InternetCPID"]
        },
        {
            "12.0",
            ["To", "Cc", "From", "Subject", "ReplyTo", "DateReceived", "DisplayTo", "ThreadTopic", "Importance", "Read", "Flag",
             "AirSyncBase:Attachments", "AirSyncBase:Body", "MessageClass", "InternetCPID", "ContentClass", "AirSyncBase:NativeBodyType"]
        },
        {
            "12.1",
            ["To", "Cc", "From", "Subject", "ReplyTo", "DateReceived", "DisplayTo", "ThreadTopic", "Importance", "Read", "Flag",
             "AirSyncBase:Attachments", "AirSyncBase:Body", "MessageClass", "InternetCPID", "ContentClass", "AirSyncBase:NativeBodyType"]
        },
        {
            "14.0",
            ["To", "Cc", "From", "Subject", "ReplyTo", "DateReceived", "DisplayTo", "ThreadTopic", "Importance", "Read", "Flag",
             "AirSyncBase:Attachments", "AirSyncBase:Body", "MessageClass", "InternetCPID", "ContentClass", "AirSyncBase:NativeBodyType",
             "Categories", "Email2:ConversationId", "Email2:ConversationIndex", "Email2:Sender"]
        },
        {
            "16.1",
            ["To", "Cc", "From", "Subject", "ReplyTo", "DateReceived", "DisplayTo", "ThreadTopic", "Importance", "Read", "Flag",
             "AirSyncBase:Attachments", "AirSyncBase:Body", "MessageClass", "InternetCPID", "ContentClass", "AirSyncBase:NativeBodyType",
             "Categories", "Email2:ConversationId", "Email2:ConversationIndex", "Email2:Sender"]
        },
    };

    private const string Full = """
        From: Alice <alice@example.com>
        Sender: Assistant <assistant@example.com>
        To: Bob <bob@example.com>
        Cc: carol@example.com
        Reply-To: replies@example.com
        Subject: Everything
        Importance: high
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b"

        --b
        Content-Type: text/plain; charset=utf-8

        Body.
        --b
        Content-Type: application/pdf; name="a.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --b--

        """;

    [Theory]
    [MemberData(nameof(ElementsByVersion))]
    public async Task Render_WritesTheVersionsElementsInOrder(string versionText, string[] expected)
    {
        Assert.True(EasVersion.TryParse(versionText, out EasVersion version));
        StoredItem item = await _store.AddAsync(Messages.Crlf(Full));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, version);

        Assert.Equal(expected, rendered.ElementNames());
        rendered.AssertValid();
        Assert.Equal("2", rendered.Value(EmailNs, "Importance"));
        Assert.Equal("Bob", rendered.Value(EmailNs, "DisplayTo"));
    }

    [Fact]
    public async Task Sender_IsLeftOutWhenItIsTheFromAddress()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Full.Replace("Sender: Assistant <assistant@example.com>", "Sender: alice@example.com", StringComparison.Ordinal)));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V141);

        Assert.Null(rendered.Value(Email2, "Sender"));
    }

    [Fact]
    public async Task Sender_NamesTheDelegate()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Full));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V141);

        Assert.Equal("\"Assistant\" <assistant@example.com>", rendered.Value(Email2, "Sender"));
    }

    [Fact]
    public async Task State_ReadFlagAndCategories_AreTheStoresCurrentOnes()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));
        var start = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.FromHours(1));
        var flag = new EmailFlag(2, "for Follow Up", start, start.AddDays(2), null, start.AddHours(9), true, "Call back");
        item = await _store.ChangeStateAsync(item, new EmailStateChange(Read: true, Flag: flag, Categories: ["Red", "Blue"]));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

        rendered.AssertValid();
        Assert.Equal("1", rendered.Value(EmailNs, "Read"));
        Assert.Equal(["Red", "Blue"], rendered.ApplicationData.Element(EmailNs + "Categories")!.Elements(EmailNs + "Category").Select(c => c.Value));
        XElement written = rendered.ApplicationData.Element(EmailNs + "Flag")!;
        Assert.Equal("2", written.Element(EmailNs + "Status")!.Value);
        Assert.Equal("for Follow Up", written.Element(EmailNs + "FlagType")!.Value);
        Assert.Equal("Call back", written.Element(Tasks + "Subject")!.Value);
        Assert.Equal("2026-12-02T00:00:00.000Z", written.Element(Tasks + "StartDate")!.Value);
        Assert.Equal("2026-12-01T23:00:00.000Z", written.Element(Tasks + "UtcStartDate")!.Value);
        Assert.Equal("2026-12-04T00:00:00.000Z", written.Element(Tasks + "DueDate")!.Value);
        Assert.Equal("2026-12-03T23:00:00.000Z", written.Element(Tasks + "UtcDueDate")!.Value);
        Assert.Equal("1", written.Element(Tasks + "ReminderSet")!.Value);
        Assert.Equal("2026-12-02T08:00:00.000Z", written.Element(Tasks + "ReminderTime")!.Value);
    }

    [Fact]
    public async Task Flag_Complete_HasItsCompletionTimes()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));
        var done = new DateTimeOffset(2026, 12, 3, 15, 30, 0, TimeSpan.Zero);
        item = await _store.ChangeStateAsync(item, new EmailStateChange(Flag: new EmailFlag(1, CompleteTime: done)));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V121);

        XElement written = rendered.ApplicationData.Element(EmailNs + "Flag")!;
        Assert.Equal("1", written.Element(EmailNs + "Status")!.Value);
        Assert.Equal("2026-12-03T15:30:00.000Z", written.Element(EmailNs + "CompleteTime")!.Value);
        Assert.Equal("2026-12-03T15:30:00.000Z", written.Element(Tasks + "DateCompleted")!.Value);
        rendered.AssertValid();
    }

    [Fact]
    public async Task Flag_None_IsAnEmptyFlag()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V140);

        Assert.Empty(rendered.ApplicationData.Element(EmailNs + "Flag")!.Elements());
    }

    [Fact]
    public async Task Conversation_IdAndIndex_AreOpaque()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V140);

        Assert.Equal(item.Email!.ConversationId, Convert.FromBase64String(rendered.Value(Email2, "ConversationId")!));

        // 2026-12-01T10:00Z as FILETIME is 0x01DD817ABA…; the index is its top five bytes.
        Assert.Equal(Convert.ToHexString(BitConverter.GetBytes(EmailTestStore.Received.ToFileTime()).Reverse().Take(5).ToArray()),
            Convert.ToHexString(Convert.FromBase64String(rendered.Value(Email2, "ConversationIndex")!)));
    }

    [Fact]
    public async Task Dates_AreUtcWithMilliseconds()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V25);

        Assert.Equal("2026-12-01T10:00:00.000Z", rendered.Value(EmailNs, "DateReceived"));
    }

    [Fact]
    public async Task AddressLists_AreAsEasSeparatesThem()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.PlainText)], []), EasVersion.V141);

        Assert.Equal("\"Bob\" <bob@example.com>, carol@example.com", rendered.Value(EmailNs, "To"));
        Assert.Equal("Bob; carol@example.com", rendered.Value(EmailNs, "DisplayTo"));
        Assert.Equal("replies@example.com; other@example.com", rendered.Value(EmailNs, "ReplyTo"));
        Assert.Equal("\"Dave, Jr.\" <dave@example.com>", rendered.Value(EmailNs, "Cc"));
    }
}
