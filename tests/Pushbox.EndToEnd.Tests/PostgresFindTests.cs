using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;
using Pushbox.Testing.Eas;
using static Pushbox.EndToEnd.Tests.FindTests;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// Find on PostgreSQL: two <c>pushbox serve</c> nodes on one database (as behind a load balancer), mail delivered over
/// SMTP. The weighted full-text index answers free text and property restrictions, and a search paged through the
/// other node keeps its SearchId (kept in the database), while an unknown SearchId must start at 0. PostgreSQL comes
/// from <c>PUSHBOX_TEST_POSTGRES</c> (<c>.ci/run</c> starts it); never skipped.
/// </summary>
public sealed class PostgresFindTests : IAsyncLifetime
{
    private const string User = "finder@example.com";
    private static readonly XNamespace Email = EasNamespaces.Email;

    private readonly string _data = Directory.CreateTempSubdirectory("pushbox-e2e-find-").FullName;
    private readonly string _dll = Path.Combine(AppContext.BaseDirectory, "pushbox.dll");
    private readonly TestPostgresDatabase _database = new("pushbox_e2e_");
    private PushboxServerProcess? _nodeA;
    private PushboxServerProcess? _nodeB;

    public PostgresFindTests()
    {
    }

    public async Task InitializeAsync()
    {
        await _database.CreateForAsync(_data);
        await PushboxCli.AddUserAsync(_dll, _data, User, ServerFixture.Password, "Finder");
        _nodeA = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data });
        _nodeB = await PushboxServerProcess.StartAsync(new PushboxServerOptions { PushboxDll = _dll, DataDirectory = _data });
    }

    public async Task DisposeAsync()
    {
        foreach (PushboxServerProcess? node in new[] { _nodeA, _nodeB })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }

        await _database.DropAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Find_OnPostgres_FreeTextRestrictionsPagingAcrossNodesGalAndStatuses()
    {
        await SmtpDelivery.DeliverAsync(_nodeA!.SmtpPort, "sender@remote.invalid", User,
        [
            .. Enumerable.Range(1, 5).Select(i => SmtpDelivery.TextMessage(
                "Bob <bob@remote.invalid>", User, string.Create(CultureInfo.InvariantCulture, $"Report {i}"), "Quarterly numbers.", new DateTimeOffset(2026, 1, i, 9, 0, 0, TimeSpan.Zero))),
            SmtpDelivery.TextMessage("Anne Dupont <anne@remote.invalid>", User, "Quarterly plan", "The new bistro opens.", new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero)),
        ]);
        string device = ServerFixture.NewDeviceId();
        using EasClient onA = Client(_nodeA, device);
        using EasClient onB = Client(_nodeB!, device);
        string inbox = (await onA.FolderSyncAsync("0", "16.1")).Adds.Single(f => f.Type == 2).ServerId;
        string searchId = Guid.NewGuid().ToString();

        XElement first = await ResponseAsync(onA, MailboxCriterion("quarterly", collectionId: inbox, options: "<Range>0-3</Range>"), searchId);
        XElement next = await ResponseAsync(onB, MailboxCriterion("quarterly", collectionId: inbox, options: "<Range>4-7</Range>"), searchId);
        XElement unknown = await FindAsync(onB, MailboxCriterion("quarterly", options: "<Range>4-7</Range>"));
        XElement fromAnne = await ResponseAsync(onA, MailboxCriterion("from:anne"));
        XElement subject = await ResponseAsync(onB, MailboxCriterion("subject:quarterly"));
        XElement body = await ResponseAsync(onA, MailboxCriterion("body:\"new bistro\" OR subject:\"report 2\""));
        // Yesterday, not today: the test may cross midnight UTC after the mail arrived.
        string yesterday = DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        XElement dated = await ResponseAsync(onB, MailboxCriterion($"quarterly received>={yesterday} -from:anne"));
        XElement before = await ResponseAsync(onA, MailboxCriterion($"quarterly received<{yesterday}"));

        Assert.Equal(["Quarterly plan", "Report 5", "Report 4", "Report 3"], Subjects(first));
        Assert.Equal(["0-3", "6"], [first.Element(FindNs + "Range")!.Value, first.Element(FindNs + "Total")!.Value]);
        Assert.Equal(["Report 2", "Report 1"], Subjects(next));
        Assert.Equal(["4-5", "6"], [next.Element(FindNs + "Range")!.Value, next.Element(FindNs + "Total")!.Value]);
        Assert.Equal("4", unknown.Element(FindNs + "Response")!.Element(FindNs + "Status")!.Value);
        Assert.Equal(["Quarterly plan"], Subjects(fromAnne));
        Assert.Equal(["Quarterly plan"], Subjects(subject));
        Assert.Equal(["Quarterly plan", "Report 2"], Subjects(body));
        Assert.Equal(["Report 5", "Report 4", "Report 3", "Report 2", "Report 1"], Subjects(dated)); // received: the server's time of delivery
        Assert.Equal("0", before.Element(FindNs + "Total")!.Value);
        Assert.Equal("The new bistro opens.", fromAnne.Element(FindNs + "Result")!.Element(FindNs + "Properties")!.Element(FindNs + "Preview")!.Value);
        Assert.Equal(("3", null), await StatusesAsync(onA, Document(MailboxCriterion("x", collectionId: "987654321"))));
        Assert.Equal(("1", "2"), await StatusesAsync(onB, Document(MailboxCriterion("received:never"))));
        AssertHealthy(_nodeA);
        AssertHealthy(_nodeB!);
    }

    [Fact]
    public async Task Find_OnPostgres_GalWithPicture()
    {
        string tag = "pg" + Guid.NewGuid().ToString("N")[..6];
        string ada = $"ada.{tag}@example.com";
        await PushboxCli.AddUserAsync(_dll, _data, ada, ServerFixture.Password, $"Ada {tag}");
        byte[] picture = RandomNumberGenerator.GetBytes(300);
        string path = Path.Combine(Path.GetTempPath(), tag + ".jpg");
        await File.WriteAllBytesAsync(path, picture);
        Assert.Equal(0, (await PushboxCli.RunAsync(_dll, _data, null, ["user", "picture", ada, path])).ExitCode);
        using EasClient client = Client(_nodeB!, ServerFixture.NewDeviceId());

        XElement found = await ResponseAsync(client, $"<GALSearchCriterion><Query>{tag}</Query><Options><Range>0-9</Range><Picture><MaxSize>1000</MaxSize></Picture></Options></GALSearchCriterion>");

        XElement properties = Assert.Single(found.Elements(FindNs + "Result")).Element(FindNs + "Properties")!;
        Assert.Equal(ada, properties.Element(Gal + "EmailAddress")!.Value);
        Assert.Equal(picture, Convert.FromBase64String(properties.Element(Gal + "Picture")!.Element(Gal + "Data")!.Value));
        Assert.Equal("1", found.Element(FindNs + "Total")!.Value);
    }

    private static EasClient Client(PushboxServerProcess node, string deviceId)
    {
        EasClientOptions options = node.ClientOptions(User, ServerFixture.Password, deviceId, "16.1");
        options.DeviceType = ServerFixture.DeviceType;
        return new EasClient(options);
    }

    private static void AssertHealthy(PushboxServerProcess node)
    {
        Assert.False(node.HasExited, "pushbox serve has exited:\n" + string.Join('\n', node.Output));
        string[] errors = [.. node.Output.Where(l => l.Contains("fail: ", StringComparison.Ordinal) || l.Contains("crit: ", StringComparison.Ordinal))];
        Assert.True(errors.Length == 0, "A node logged an error:\n" + string.Join('\n', errors));
    }
}
