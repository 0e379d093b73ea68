using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Search (MS-ASCMD 2.2.1.16) over HTTPS against a real server fed over SMTP: the mailbox by words of the body and
/// subject, by folder and date, paged with Range and Total; the GAL by name prefix with profile fields and pictures;
/// the statuses of queries the spec calls too complex or invalid. Every response is validated against the schemas.
/// </summary>
[Collection(MailServer.Name)]
public sealed class SearchTests(MailServerFixture fixture) : IAsyncLifetime
{
    private static readonly XNamespace SearchNs = "Search:";
    private static readonly XNamespace Gal = "Gal:";
    private static readonly XNamespace AirSync = EasNamespaces.AirSync;
    private static readonly XNamespace AirSyncBase = EasNamespaces.AirSyncBase;
    private static readonly XNamespace Email = EasNamespaces.Email;

    private static readonly string[] Schemas =
    [
        "SearchResponse.xsd", "Search.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Email.xsd", "Email2.xsd", "Calendar.xsd", "Contacts.xsd",
        "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "GAL.xsd", "DocumentLibrary.xsd", "RightsManagement.xsd", "ComposeMail.xsd",
        "MeetingResponseResponse.xsd", "ItemOperations.xsd", "ItemOperationsResponse.xsd",
    ];

    public static TheoryData<string> Versions { get; } = new() { "12.1", "14.1", "16.1" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Search_Mailbox_FindsMailByWordsOfBodyAndSubject(string version)
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user,
        [
            SmtpDelivery.TextMessage("sender@remote.invalid", user, "Budget review", "The zeppelin arrives on Tuesday."),
            SmtpDelivery.TextMessage("sender@remote.invalid", user, "Lunch plans", "Shall we try the new bistro?"),
            SmtpDelivery.TextMessage("sender@remote.invalid", user, "Zeppelin tickets", "Seats in row 12."),
        ]);
        using EasClient client = fixture.Client(user, version);
        string inbox = await InboxAsync(client);

        XElement byBody = await StoreAsync(client, MailboxQuery("<FreeText>bistro</FreeText>"));
        XElement both = await StoreAsync(client, MailboxQuery("<FreeText>zepp</FreeText>", "<airsyncbase:BodyPreference><airsyncbase:Type>1</airsyncbase:Type></airsyncbase:BodyPreference>"));
        XElement none = await StoreAsync(client, MailboxQuery("<FreeText>submarine</FreeText>"));

        XElement lunch = Assert.Single(byBody.Elements(SearchNs + "Result"));
        Assert.Equal("Email", lunch.Element(AirSync + "Class")!.Value);
        Assert.Equal(inbox, lunch.Element(AirSync + "CollectionId")!.Value);
        Assert.Equal("Lunch plans", lunch.Element(SearchNs + "Properties")!.Element(Email + "Subject")!.Value);
        Assert.Equal(version == "12.1" ? null : $"{inbox}:", lunch.Element(SearchNs + "LongId")?.Value[..(inbox.Length + 1)]);
        Assert.Equal(["0-0", "1"], [byBody.Element(SearchNs + "Range")!.Value, byBody.Element(SearchNs + "Total")!.Value]);

        XElement[] zeppelins = [.. both.Elements(SearchNs + "Result")];
        Assert.Equal(["Zeppelin tickets", "Budget review"], zeppelins.Select(r => r.Element(SearchNs + "Properties")!.Element(Email + "Subject")!.Value));
        Assert.Contains("zeppelin arrives", zeppelins[1].Element(SearchNs + "Properties")!.Element(AirSyncBase + "Body")!.Element(AirSyncBase + "Data")!.Value, StringComparison.Ordinal);
        Assert.Equal("2", both.Element(SearchNs + "Total")!.Value);

        XElement empty = Assert.Single(none.Elements(SearchNs + "Result")); // MS-ASCMD_R3850: an empty Result when nothing matches
        Assert.False(empty.HasElements);
        Assert.Equal("0", none.Element(SearchNs + "Total")!.Value);
    }

    [Fact]
    public async Task Search_Mailbox_PagesWithRangeAndTotal()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user, Enumerable.Range(1, 7).Select(i => SmtpDelivery.TextMessage(
            "sender@remote.invalid", user, string.Create(CultureInfo.InvariantCulture, $"Report {i}"), "Quarterly numbers.", new DateTimeOffset(2026, 1, i, 9, 0, 0, TimeSpan.Zero))));
        using EasClient client = fixture.Client(user, "14.1");

        XElement first = await StoreAsync(client, MailboxQuery("<FreeText>quarterly</FreeText>", "<Range>0-2</Range>"));
        XElement last = await StoreAsync(client, MailboxQuery("<FreeText>quarterly</FreeText>", "<Range>6-9</Range>"));

        Assert.Equal(3, first.Elements(SearchNs + "Result").Count());
        Assert.Equal(["0-2", "7"], [first.Element(SearchNs + "Range")!.Value, first.Element(SearchNs + "Total")!.Value]);
        Assert.Single(last.Elements(SearchNs + "Result"));
        Assert.Equal(["6-6", "7"], [last.Element(SearchNs + "Range")!.Value, last.Element(SearchNs + "Total")!.Value]);
        string[] subjects = [.. first.Elements(SearchNs + "Result").Select(r => r.Element(SearchNs + "Properties")!.Element(Email + "Subject")!.Value)];
        Assert.Equal(3, subjects.Distinct().Count());
    }

    [Fact]
    public async Task Search_Mailbox_FolderScopeAndDateRangeNarrow()
    {
        string user = await fixture.NewUserAsync();
        await fixture.DeliverAsync(user, [SmtpDelivery.TextMessage("sender@remote.invalid", user, "Harbour walk", "Meet at the lighthouse.")]);
        using EasClient client = fixture.Client(user, "16.1");
        FolderSyncResult folders = await client.FolderSyncAsync("0");
        string inbox = folders.Adds.Single(f => f.Type == 2).ServerId;
        string sent = folders.Adds.Single(f => f.Type == 5).ServerId;
        string today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        string yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        XElement inInbox = await StoreAsync(client, MailboxQuery($"<airsync:Class>Email</airsync:Class><airsync:CollectionId>{inbox}</airsync:CollectionId><FreeText>lighthouse</FreeText>", "<DeepTraversal/>"));
        XElement inSent = await StoreAsync(client, MailboxQuery($"<airsync:CollectionId>{sent}</airsync:CollectionId><FreeText>lighthouse</FreeText>"));
        XElement recent = await StoreAsync(client, MailboxQuery($"<FreeText>lighthouse</FreeText><GreaterThan><email:DateReceived/><Value>{yesterday}</Value></GreaterThan>"));
        XElement old = await StoreAsync(client, MailboxQuery($"<FreeText>lighthouse</FreeText><LessThan><email:DateReceived/><Value>{yesterday}</Value></LessThan>"));
        XElement future = await StoreAsync(client, MailboxQuery($"<FreeText>lighthouse</FreeText><GreaterThan><email:DateReceived/><Value>{today}</Value></GreaterThan><LessThan><email:DateReceived/><Value>2099-01-01T00:00:00.000Z</Value></LessThan>"));

        Assert.Equal("1", inInbox.Element(SearchNs + "Total")!.Value);
        Assert.Equal("0", inSent.Element(SearchNs + "Total")!.Value);
        Assert.Equal("1", recent.Element(SearchNs + "Total")!.Value);
        Assert.Equal("0", old.Element(SearchNs + "Total")!.Value);
        Assert.Equal("0", future.Element(SearchNs + "Total")!.Value);
    }

    [Fact]
    public async Task Search_RefusedQueries_GetTheSpecsStoreStatuses()
    {
        string user = await fixture.NewUserAsync();
        using EasClient client = fixture.Client(user, "14.1");

        Assert.Equal("8", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><FreeText>x</FreeText></Query>")); // MS-ASCMD_R3105
        Assert.Equal("8", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><And><FreeText>x</FreeText></And><And><FreeText>y</FreeText></And></Query>")); // R772
        Assert.Equal("8", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><And><Or><FreeText>x</FreeText></Or></And></Query>"));
        Assert.Equal("2", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><And><FreeText>x</FreeText><GreaterThan><email:DateReceived/><Value>yesterday</Value></GreaterThan></And></Query>"));
        Assert.Equal("11", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><And><airsync:CollectionId>987654321</airsync:CollectionId><FreeText>x</FreeText></And></Query>"));
        Assert.Equal("12", await StoreStatusAsync(client, "<Name>Mailbox</Name><Query><And><FreeText>x</FreeText></And></Query><Options><Range>0-150</Range></Options>")); // R3736
        Assert.Equal("12", await StoreStatusAsync(client, "<Name>GAL</Name><Query>x</Query><Options><Range>0-100</Range></Options>"));
        Assert.Equal("5", await StoreStatusAsync(client, "<Name>DocumentLibrary</Name><Query>\\\\server\\share</Query>"));
        Assert.Equal("2", await StoreStatusAsync(client, "<Name>Elsewhere</Name><Query>x</Query>"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Search_Gal_FindsColleaguesByNamePrefix(string version)
    {
        string tag = "v" + version.Replace(".", string.Empty, StringComparison.Ordinal);
        string grace = await fixture.NewNamedUserAsync($"grace.{tag}", $"Grace Hopper {tag}");
        string grant = await fixture.NewNamedUserAsync($"grant.{tag}", $"Grant Wood {tag}");
        await fixture.NewNamedUserAsync($"oscar.{tag}", $"Oscar Wilde {tag}");
        Assert.Equal(0, (await fixture.CliAsync("user", "set", grace, "--title", "Rear Admiral", "--company", "US Navy", "--phone", "+1 555 0101", "--first-name", "Grace", "--last-name", "Hopper")).ExitCode);
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), version);

        XElement found = await StoreAsync(client, $"<Name>GAL</Name><Query>gra {tag}</Query><Options><Range>0-9</Range></Options>");
        XElement page = await StoreAsync(client, $"<Name>GAL</Name><Query>gra {tag}</Query><Options><Range>1-1</Range></Options>");
        XElement nobody = await StoreAsync(client, $"<Name>GAL</Name><Query>zz{tag}</Query>");

        XElement[] results = [.. found.Elements(SearchNs + "Result")];
        Assert.Equal([grace, grant], results.Select(r => r.Element(SearchNs + "Properties")!.Element(Gal + "EmailAddress")!.Value));
        XElement hopper = results[0].Element(SearchNs + "Properties")!;
        Assert.Equal(($"Grace Hopper {tag}", "Rear Admiral", "US Navy", "+1 555 0101", "Hopper"), (
            hopper.Element(Gal + "DisplayName")!.Value, hopper.Element(Gal + "Title")!.Value, hopper.Element(Gal + "Company")!.Value,
            hopper.Element(Gal + "Phone")!.Value, hopper.Element(Gal + "LastName")!.Value));
        Assert.Equal(["0-1", "2"], [found.Element(SearchNs + "Range")!.Value, found.Element(SearchNs + "Total")!.Value]);
        Assert.Equal(grant, Assert.Single(page.Elements(SearchNs + "Result")).Element(SearchNs + "Properties")!.Element(Gal + "EmailAddress")!.Value);
        Assert.Empty(nobody.Elements(SearchNs + "Result")); // MS-ASCMD_R3847
        Assert.Equal("0", nobody.Element(SearchNs + "Total")!.Value);
    }

    [Fact]
    public async Task Search_Gal_PicturesWithinMaxSizeAndMaxPictures()
    {
        string tag = "pic" + Guid.NewGuid().ToString("N")[..6];
        string first = await fixture.NewNamedUserAsync($"a.{tag}", $"Ada {tag}");
        string second = await fixture.NewNamedUserAsync($"b.{tag}", $"Bea {tag}");
        string third = await fixture.NewNamedUserAsync($"c.{tag}", $"Cy {tag}");
        await fixture.NewNamedUserAsync($"d.{tag}", $"Di {tag}");
        byte[] small = RandomNumberGenerator.GetBytes(500);
        string path = Path.Combine(Path.GetTempPath(), tag + ".jpg");
        string large = Path.Combine(Path.GetTempPath(), tag + "-large.png");
        await File.WriteAllBytesAsync(path, small);
        await File.WriteAllBytesAsync(large, RandomNumberGenerator.GetBytes(5000));
        Assert.Equal(0, (await fixture.CliAsync("user", "picture", first, path)).ExitCode);
        Assert.Equal(0, (await fixture.CliAsync("user", "picture", second, path)).ExitCode);
        Assert.Equal(0, (await fixture.CliAsync("user", "picture", third, large)).ExitCode);
        using EasClient client = fixture.Client(await fixture.NewUserAsync(), "14.1");

        XElement found = await StoreAsync(client, $"<Name>GAL</Name><Query>{tag}</Query><Options><Picture><MaxSize>1000</MaxSize><MaxPictures>1</MaxPictures></Picture></Options>");

        XElement[] pictures = [.. found.Elements(SearchNs + "Result").Select(r => r.Element(SearchNs + "Properties")!.Element(Gal + "Picture")!)];
        Assert.Equal(["1", "175", "174", "173"], pictures.Select(p => p.Element(Gal + "Status")!.Value)); // R3295 to R3297
        Assert.Equal(small, Convert.FromBase64String(pictures[0].Element(Gal + "Data")!.Value));
        Assert.All(pictures.Skip(1), p => Assert.Null(p.Element(Gal + "Data")));
    }

    private static string MailboxQuery(string conditions, string? options = null) =>
        $"<Name>Mailbox</Name><Query><And>{conditions}</And></Query>" + (options is null ? string.Empty : $"<Options>{options}</Options>");

    /// <summary>Sends a Search with <paramref name="store"/> as the Store's content; returns the Store, which must have succeeded.</summary>
    private static async Task<XElement> StoreAsync(EasClient client, string store)
    {
        XElement root = await SearchAsync(client, store);
        XElement result = root.Element(SearchNs + "Response")!.Element(SearchNs + "Store")!;
        Assert.Equal("1", result.Element(SearchNs + "Status")!.Value);
        return result;
    }

    private static async Task<string> StoreStatusAsync(EasClient client, string store) =>
        (await SearchAsync(client, store)).Element(SearchNs + "Response")!.Element(SearchNs + "Store")!.Element(SearchNs + "Status")!.Value;

    private static async Task<XElement> SearchAsync(EasClient client, string store)
    {
        string xml = "<Search xmlns=\"Search:\" xmlns:airsync=\"AirSync:\" xmlns:airsyncbase=\"AirSyncBase:\" xmlns:email=\"Email:\">" +
            $"<Store>{store}</Store></Search>";
        EasResponse response = await client.SendAsync("Search", xml, client.Options.ProtocolVersion);
        Assert.Equal(200, response.StatusCode);
        XsdValidator.AssertValidWbxml(response.Body, Schemas);
        XElement root = response.Xml!.Root!;
        Assert.Equal("1", root.Element(SearchNs + "Status")!.Value);
        return root;
    }

    private static async Task<string> InboxAsync(EasClient client) =>
        (await client.FolderSyncAsync("0")).Adds.Single(f => f.Type == 2).ServerId;
}
