using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Find (MS-ASCMD 2.2.1.2, protocol 16.1) over HTTPS against a real server fed over SMTP: KQL free text and property
/// restrictions, folder scope with and without DeepTraversal, Range and Total with the StartWithRangeZero rule, the
/// GAL with pictures, the statuses of bad requests, and the refusal of Find below 16.1. Every response is validated
/// against FindResponse.xsd.
/// </summary>
[Collection(MailServer.Name)]
public sealed class FindTests(MailServerFixture fixture) : IAsyncLifetime
{
    internal static readonly XNamespace FindNs = "Find:";
    internal static readonly XNamespace Gal = "Gal:";
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace Email = EasNamespaces.Email;
    private static readonly XNamespace Email2 = "Email2:";

    private static readonly string[] Schemas =
    [
        "FindResponse.xsd", "Find.xsd", "ItemOperations.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Email.xsd", "Email2.xsd", "GAL.xsd", "Search.xsd",
        "DocumentLibrary.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "RightsManagement.xsd", "ComposeMail.xsd",
        "MeetingResponseResponse.xsd",
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Find_Mailbox_FreeTextAndPropertyRestrictions()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user,
        [
            SmtpDelivery.TextMessage("Anne Dupont <anne@remote.invalid>", user, "Budget review", "The zeppelin arrives on Tuesday.", new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero)),
            SmtpDelivery.TextMessage("bob@remote.invalid", user, "Lunch plans", "Shall we try the new bistro?", new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero)),
            SmtpDelivery.TextMessage("bob@remote.invalid", user, "Zeppelin tickets", "Seats in row 12.", new DateTimeOffset(2026, 1, 3, 9, 0, 0, TimeSpan.Zero)),
        ]);
        using EasClient client = fixture.Client(user, "16.1");
        string inbox = await InboxAsync(client);

        XElement words = await ResponseAsync(client, MailboxCriterion("zepp"));
        XElement fromAnne = await ResponseAsync(client, MailboxCriterion("from:anne zeppelin"));
        XElement subject = await ResponseAsync(client, MailboxCriterion("subject:zeppelin"));
        XElement phrase = await ResponseAsync(client, MailboxCriterion("\"new bistro\" OR \"row 12\""));
        XElement none = await ResponseAsync(client, MailboxCriterion("submarine"));

        Assert.Equal("Mailbox", words.Element(EasNamespaces.ItemOperations + "Store")!.Value);
        Assert.Equal(["Zeppelin tickets", "Budget review"], Subjects(words));
        Assert.Equal(["0-1", "2"], [words.Element(FindNs + "Range")!.Value, words.Element(FindNs + "Total")!.Value]);
        XElement budget = words.Elements(FindNs + "Result").Last();
        Assert.Equal("Email", budget.Element(AirSync + "Class")!.Value);
        Assert.Equal(inbox, budget.Element(AirSync + "CollectionId")!.Value);
        Assert.StartsWith($"{inbox}:", budget.Element(AirSync + "ServerId")!.Value, StringComparison.Ordinal);
        XElement properties = budget.Element(FindNs + "Properties")!;
        Assert.Equal("The zeppelin arrives on Tuesday.", properties.Element(FindNs + "Preview")!.Value);
        Assert.Contains("anne@remote.invalid", properties.Element(Email + "From")!.Value, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParseExact(properties.Element(Email + "DateReceived")!.Value, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset received));
        Assert.InRange(received, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1)); // the server's time of delivery
        Assert.Equal(["0", "0", "0"], [properties.Element(Email + "Read")!.Value, properties.Element(Email2 + "IsDraft")!.Value, properties.Element(FindNs + "HasAttachments")!.Value]);

        Assert.Equal(["Budget review"], Subjects(fromAnne));
        Assert.Equal(["Zeppelin tickets"], Subjects(subject));
        Assert.Equal(["Zeppelin tickets", "Lunch plans"], Subjects(phrase));
        Assert.Empty(none.Elements(FindNs + "Result")); // R38391805
        Assert.Equal("0", none.Element(FindNs + "Total")!.Value);
        Assert.Null(none.Element(FindNs + "Range"));
    }

    [Fact]
    public async Task Find_Mailbox_FolderScopeWithAndWithoutDeepTraversal()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user,
        [
            SmtpDelivery.TextMessage("sender@remote.invalid", user, "Harbour walk", "Meet at the lighthouse."),
            SmtpDelivery.TextMessage("sender@remote.invalid", user, "Harbour lunch", "Lighthouse café at noon."),
        ]);
        using EasClient client = fixture.Client(user, "16.1");
        FolderSyncResult folders = await client.FolderSyncAsync("0");
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        string sent = folders.Adds.Single(f => f.Type == 5).ServerId;
        EasResponse created = await client.SendAsync(
            "FolderCreate",
            $"<FolderCreate xmlns=\"FolderHierarchy:\"><SyncKey>{folders.SyncKey}</SyncKey><ParentId>{inbox}</ParentId><DisplayName>Walks</DisplayName><Type>12</Type></FolderCreate>",
            "16.1");
        string walks = created.Xml!.Root!.Element((XNamespace)"FolderHierarchy:" + "ServerId")!.Value;
        XElement all = await ResponseAsync(client, MailboxCriterion("lighthouse"));
        string walk = all.Elements(FindNs + "Result").Single(r => r.Element(FindNs + "Properties")!.Element(Email + "Subject")!.Value == "Harbour walk").Element(AirSync + "ServerId")!.Value;
        EasResponse moved = await client.SendAsync("MoveItems", $"<MoveItems xmlns=\"Move:\"><Move><SrcMsgId>{walk}</SrcMsgId><SrcFldId>{inbox}</SrcFldId><DstFldId>{walks}</DstFldId></Move></MoveItems>", "16.1");
        Assert.Equal(200, moved.StatusCode);

        XElement inboxOnly = await ResponseAsync(client, MailboxCriterion("lighthouse", collectionId: inbox));
        XElement deep = await ResponseAsync(client, MailboxCriterion("lighthouse", collectionId: inbox, options: "<Range>0-9</Range><DeepTraversal/>"));
        XElement inWalks = await ResponseAsync(client, MailboxCriterion("lighthouse", collectionId: walks));
        XElement inSent = await ResponseAsync(client, MailboxCriterion("lighthouse", collectionId: sent));

        Assert.Equal(["Harbour lunch"], Subjects(inboxOnly));
        Assert.Equal(["Harbour lunch", "Harbour walk"], Subjects(deep).Order(StringComparer.Ordinal));
        XElement walkResult = Assert.Single(inWalks.Elements(FindNs + "Result"));
        Assert.Equal(walks, walkResult.Element(AirSync + "CollectionId")!.Value);
        Assert.Equal("0", inSent.Element(FindNs + "Total")!.Value);
    }

    [Fact]
    public async Task Find_Mailbox_PagesWithRangeAndTotal_ASearchStartsAtZero()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user, Enumerable.Range(1, 7).Select(i => SmtpDelivery.TextMessage(
            "sender@remote.invalid", user, string.Create(CultureInfo.InvariantCulture, $"Report {i}"), "Quarterly numbers.", new DateTimeOffset(2026, 1, i, 9, 0, 0, TimeSpan.Zero))));
        using EasClient client = fixture.Client(user, "16.1");
        string searchId = Guid.NewGuid().ToString();

        XElement first = await ResponseAsync(client, MailboxCriterion("quarterly", options: "<Range>0-2</Range>"), searchId);
        XElement next = await ResponseAsync(client, MailboxCriterion("quarterly", options: "<Range>3-5</Range>"), searchId);
        XElement last = await ResponseAsync(client, MailboxCriterion("quarterly", options: "<Range>6-999</Range>"), searchId);
        XElement unknown = await FindAsync(client, MailboxCriterion("quarterly", options: "<Range>3-5</Range>"));

        Assert.Equal(["Report 7", "Report 6", "Report 5"], Subjects(first));
        Assert.Equal(["0-2", "7"], [first.Element(FindNs + "Range")!.Value, first.Element(FindNs + "Total")!.Value]);
        Assert.Equal(["Report 4", "Report 3", "Report 2"], Subjects(next));
        Assert.Equal(["Report 1"], Subjects(last));
        Assert.Equal(["6-6", "7"], [last.Element(FindNs + "Range")!.Value, last.Element(FindNs + "Total")!.Value]);
        Assert.Equal("1", unknown.Element(FindNs + "Status")!.Value);
        Assert.Equal("4", unknown.Element(FindNs + "Response")!.Element(FindNs + "Status")!.Value); // R72172517: StartWithRangeZero
    }

    [Fact]
    public async Task Find_Gal_ProfilesAndPictures()
    {
        string tag = "fnd" + Guid.NewGuid().ToString("N")[..6];
        string ada = await fixture.NewNamedUserAsync($"ada.{tag}", $"Ada Lovelace {tag}");
        string bea = await fixture.NewNamedUserAsync($"bea.{tag}", $"Bea Arthur {tag}");
        Assert.Equal(0, (await fixture.CliAsync("user", "set", ada, "--title", "Analyst", "--company", "Engines Ltd", "--first-name", "Ada", "--last-name", "Lovelace")).ExitCode);
        byte[] picture = RandomNumberGenerator.GetBytes(400);
        string path = Path.Combine(Path.GetTempPath(), tag + ".jpg");
        await File.WriteAllBytesAsync(path, picture);
        Assert.Equal(0, (await fixture.CliAsync("user", "picture", ada, path)).ExitCode);
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "16.1");

        XElement found = await ResponseAsync(client, $"<GALSearchCriterion><Query>{tag}</Query><Options><Range>0-9</Range><Picture><MaxSize>1000</MaxSize><MaxPictures>5</MaxPictures></Picture></Options></GALSearchCriterion>");

        Assert.Equal("GAL", found.Element(EasNamespaces.ItemOperations + "Store")!.Value);
        XElement[] results = [.. found.Elements(FindNs + "Result").Select(r => r.Element(FindNs + "Properties")!)];
        Assert.Equal([ada, bea], results.Select(p => p.Element(Gal + "EmailAddress")!.Value));
        Assert.Equal(["Analyst", "Engines Ltd", "Lovelace"], [results[0].Element(Gal + "Title")!.Value, results[0].Element(Gal + "Company")!.Value, results[0].Element(Gal + "LastName")!.Value]);
        Assert.Equal(picture, Convert.FromBase64String(results[0].Element(Gal + "Picture")!.Element(Gal + "Data")!.Value));
        Assert.Equal("173", results[1].Element(Gal + "Picture")!.Element(Gal + "Status")!.Value);
        Assert.Equal(["0-1", "2"], [found.Element(FindNs + "Range")!.Value, found.Element(FindNs + "Total")!.Value]);
    }

    [Fact]
    public async Task Find_BadRequests_GetTheSpecsStatuses()
    {
        string user = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(user, "16.1");
        string inbox = await InboxAsync(client);

        Assert.Equal(("2", null), await StatusesAsync(client, "<Find xmlns=\"Find:\"><ExecuteSearch><MailBoxSearchCriterion><Query/></MailBoxSearchCriterion></ExecuteSearch></Find>"));
        Assert.Equal(("2", null), await StatusesAsync(client, Document(MailboxCriterion("x", options: "<Range>0-1000</Range>"))));
        Assert.Equal(("2", null), await StatusesAsync(client, Document("<MailBoxSearchCriterion><Query>text</Query></MailBoxSearchCriterion>")));
        Assert.Equal(("3", null), await StatusesAsync(client, Document(MailboxCriterion("x", collectionId: "987654321"))));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document(MailboxCriterion("x", collectionId: inbox, @class: "Calendar"))));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document(MailboxCriterion("received:soon"))));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document(MailboxCriterion("hasattachments:maybe"))));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document(MailboxCriterion(string.Join(' ', Enumerable.Range(0, 17).Select(i => $"w{i}"))))));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document("<GALSearchCriterion><Query>anne</Query><Options><DeepTraversal/></Options></GALSearchCriterion>")));
        Assert.Equal(("1", "2"), await StatusesAsync(client, Document("<GALSearchCriterion><Query>&amp;</Query></GALSearchCriterion>")));
    }

    [Theory]
    [InlineData("14.1")]
    [InlineData("16.0")]
    public async Task Find_BeforeProtocol161_IsRefusedAsTheDispatcherRefusesCommandsOutsideTheirVersions(string version)
    {
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), version);

        EasResponse response = await client.SendAsync("Find", Document(MailboxCriterion("x")), version);

        Assert.Equal(400, response.StatusCode); // MS-ASCMD_R10032017, R10032018: Find is 16.1 only
    }

    internal static string MailboxCriterion(string freeText, string? collectionId = null, string? options = null, string @class = "Email") =>
        "<MailBoxSearchCriterion><Query>" +
        $"<FreeText>{System.Security.SecurityElement.Escape(freeText)}</FreeText><airsync:Class>{@class}</airsync:Class>" +
        (collectionId is null ? string.Empty : $"<airsync:CollectionId>{collectionId}</airsync:CollectionId>") +
        "</Query>" + (options is null ? string.Empty : $"<Options>{options}</Options>") + "</MailBoxSearchCriterion>";

    internal static string Document(string criterion, string? searchId = null) =>
        $"<Find xmlns=\"Find:\" xmlns:airsync=\"AirSync:\"><SearchId>{searchId ?? Guid.NewGuid().ToString()}</SearchId><ExecuteSearch>{criterion}</ExecuteSearch></Find>";

    internal static IReadOnlyList<string> Subjects(XElement response) =>
        [.. response.Elements(FindNs + "Result").Select(r => r.Element(FindNs + "Properties")!.Element(Email + "Subject")!.Value)];

    /// <summary>Sends a Find with <paramref name="criterion"/>; returns its Response, which must have succeeded.</summary>
    internal static async Task<XElement> ResponseAsync(EasClient client, string criterion, string? searchId = null)
    {
        XElement root = await FindAsync(client, criterion, searchId);
        XElement response = root.Element(FindNs + "Response")!;
        Assert.Equal("1", response.Element(FindNs + "Status")!.Value);
        return response;
    }

    internal static async Task<XElement> FindAsync(EasClient client, string criterion, string? searchId = null)
    {
        XElement root = await SendAsync(client, Document(criterion, searchId));
        Assert.Equal("1", root.Element(FindNs + "Status")!.Value);
        return root;
    }

    internal static async Task<(string Find, string? Response)> StatusesAsync(EasClient client, string xml)
    {
        XElement root = await SendAsync(client, xml);
        return (root.Element(FindNs + "Status")!.Value, root.Element(FindNs + "Response")?.Element(FindNs + "Status")!.Value);
    }

    private static async Task<XElement> SendAsync(EasClient client, string xml)
    {
        EasResponse response = await client.SendAsync("Find", xml, "16.1");
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, Schemas);
        return response.Xml!.Root!;
    }

    private static async Task<string> InboxAsync(EasClient client) =>
        (await client.FolderSyncAsync("0")).Adds.Single(f => f.Type == 2).ServerId;
}
