using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Pushbox.Commands.Policies;
using Pushbox.Commands.Sync;
using Pushbox.Commands.Tests.Sync;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests.Policies;

/// <summary>Sync under a mailbox policy: the served FilterType and bodies are capped, whatever the device asks, without Status 3 loops.</summary>
public sealed class PolicySyncTests : IAsyncLifetime
{
    private static readonly XNamespace AirSync = "AirSync:";
    private static readonly XNamespace AirSyncBase = "AirSyncBase:";
    private static readonly CancellationToken None = CancellationToken.None;
    private SyncHarness _h = null!;

    public async Task InitializeAsync() => _h = await SyncHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Sync_DeviceAsksForAllMail_GetsThePolicysWindowAndNeverStatus3()
    {
        StoredItem old = await _h.DeliverAsync(_h.Clock.Now.AddDays(-10));
        StoredItem recent = await _h.DeliverAsync(_h.Clock.Now.AddHours(-1));
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, "{\"MaxEmailAgeFilter\": 3}"); // one week

        XElement first = await PostAsync(device, Collection("0", "<Options><FilterType>0</FilterType></Options>"));
        Assert.Equal("1", first.Element(AirSync + "Status")!.Value);
        string key = first.Element(AirSync + "SyncKey")!.Value;
        var received = new List<string>();
        for (int round = 0; round < 4; round++)
        {
            if (round == 2)
            {
                await _h.DeliverAsync();
            }

            XElement answer = await PostAsync(device, Collection(key, "<Options><FilterType>0</FilterType></Options>"));

            Assert.Equal("1", answer.Element(AirSync + "Status")!.Value);
            key = answer.Element(AirSync + "SyncKey")!.Value;
            received.AddRange(answer.Descendants(AirSync + "Add").Select(a => a.Element(AirSync + "ServerId")!.Value));
        }

        Assert.Contains(recent.ServerId, received);
        Assert.DoesNotContain(old.ServerId, received);
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task Sync_ShortRequestsAndAbsentFilterType_StayCappedWithoutStatus3()
    {
        StoredItem old = await _h.DeliverAsync(_h.Clock.Now.AddDays(-10));
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailAgeFilter = 3 });

        SyncCollectionResponse primed = await SyncAsync(caps, "0", SyncHarness.Options());
        SyncCollectionResponse full = await SyncAsync(caps, primed.SyncKey, SyncHarness.Options(filterType: 5));
        SyncCollectionResponse shortForm = await SyncAsync(caps, full.SyncKey, options: null);

        Assert.All(new[] { primed, full, shortForm }, a => Assert.Equal(SyncStatus.Success, a.Status));
        Assert.DoesNotContain(full.Commands ?? [], c => c.ServerId == old.ServerId);
    }

    [Fact]
    public async Task Sync_CalendarCollection_KeepsTheFilterTypeCappedByMaxCalendarAgeFilter()
    {
        Folder calendar = await _h.Mailbox.Store.GetStandardFolderAsync(_h.User.Id, FolderType.Calendar, None);
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxCalendarAgeFilter = 5 }); // one month

        SyncCollectionResponse primed = await _h.Sync.SyncAsync(
            _h.Context() with { Caps = caps }, new SyncCollectionRequest("0", calendar.ServerId, Options: [SyncHarness.Options(filterType: 0)]), CollectionSync.DefaultWindowSize, None);
        SyncCollectionResponse next = await _h.Sync.SyncAsync(
            _h.Context() with { Caps = caps }, new SyncCollectionRequest(primed.SyncKey, calendar.ServerId, Options: [SyncHarness.Options(filterType: 7)]), CollectionSync.DefaultWindowSize, None);

        Assert.Equal((SyncStatus.Success, SyncStatus.Success), (primed.Status, next.Status));
        SyncStateRecord record = (await _h.Mailbox.Devices.GetSyncStateAsync(_h.Device.Id, calendar.ServerId, None))!;
        Assert.Equal(5, CollectionState.Deserialize(record.FormatVersion, record.Data)!.FilterType);
    }

    [Fact]
    public async Task Sync_PolicyTightened_OneStatus3ThenTheNewWindowHolds()
    {
        StoredItem old = await _h.DeliverAsync(_h.Clock.Now.AddDays(-10));
        SyncCollectionResponse primed = await SyncAsync(PolicyCaps.None, "0", SyncHarness.Options(0));
        SyncCollectionResponse all = await SyncAsync(PolicyCaps.None, primed.SyncKey, SyncHarness.Options(0));
        Assert.Contains(all.Commands ?? [], c => c.ServerId == old.ServerId);
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailAgeFilter = 3 });

        SyncCollectionResponse restart = await SyncAsync(caps, all.SyncKey, SyncHarness.Options(0));
        SyncCollectionResponse again = await SyncAsync(caps, "0", SyncHarness.Options(0));
        SyncCollectionResponse next = await SyncAsync(caps, again.SyncKey, SyncHarness.Options(0));
        SyncCollectionResponse after = await SyncAsync(caps, next.SyncKey, SyncHarness.Options(0));

        Assert.Equal(SyncStatus.InvalidSyncKey, restart.Status);
        Assert.All(new[] { again, next, after }, a => Assert.Equal(SyncStatus.Success, a.Status));
        Assert.Empty(next.Commands ?? []);
    }

    [Fact]
    public async Task Sync_PlainTextBody_TruncatedAtMaxEmailBodyTruncationSizeKilobytes()
    {
        await DeliverLongAsync(5000);
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, "{\"MaxEmailBodyTruncationSize\": 1}");

        XElement body = await FirstBodyAsync(device, "<airsyncbase:BodyPreference><airsyncbase:Type>1</airsyncbase:Type></airsyncbase:BodyPreference>");

        Assert.Equal("1", body.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(body.Element(AirSyncBase + "Data")!.Value));
    }

    [Fact]
    public async Task Sync_HtmlBody_TruncatedAtMaxEmailHTMLBodyTruncationSize()
    {
        await DeliverLongAsync(5000);
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, "{\"MaxEmailHTMLBodyTruncationSize\": 2}");

        XElement body = await FirstBodyAsync(device, "<airsyncbase:BodyPreference><airsyncbase:Type>2</airsyncbase:Type><airsyncbase:TruncationSize>100000</airsyncbase:TruncationSize></airsyncbase:BodyPreference>");

        Assert.Equal("2", body.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", body.Element(AirSyncBase + "Truncated")!.Value);
        Assert.True(Encoding.UTF8.GetByteCount(body.Element(AirSyncBase + "Data")!.Value) <= 2048);
    }

    [Fact]
    public async Task Sync_HtmlNotAllowed_HtmlAndMimeRequestsGetPlainText()
    {
        await DeliverLongAsync(100);
        Device device = await PolicyProvisioning.ProvisionAsync(_h.Mailbox, "{\"AllowHTMLEmail\": false}");

        XElement html = await FirstBodyAsync(device, "<airsyncbase:BodyPreference><airsyncbase:Type>2</airsyncbase:Type></airsyncbase:BodyPreference>");
        await _h.Mailbox.Devices.DeleteSyncStateAsync(device.Id, _h.Inbox.ServerId, None);
        XElement mime = await FirstBodyAsync(device, "<airsync:MIMESupport>2</airsync:MIMESupport><airsyncbase:BodyPreference><airsyncbase:Type>4</airsyncbase:Type></airsyncbase:BodyPreference>");

        Assert.Equal("1", html.Element(AirSyncBase + "Type")!.Value);
        Assert.Equal("1", mime.Element(AirSyncBase + "Type")!.Value);
    }

    private Task<SyncCollectionResponse> SyncAsync(PolicyCaps caps, string key, SyncOptions? options)
    {
        var request = new SyncCollectionRequest(key, _h.Inbox.ServerId, Options: options is null ? null : [options]);
        return _h.Sync.SyncAsync(_h.Context() with { Caps = caps }, request, CollectionSync.DefaultWindowSize, None);
    }

    private async Task<XElement> FirstBodyAsync(Device device, string bodyOptions)
    {
        string options = $"<Options>{bodyOptions}</Options>";
        XElement primed = await PostAsync(device, Collection("0", options));
        XElement answer = await PostAsync(device, Collection(primed.Element(AirSync + "SyncKey")!.Value, options));
        return answer.Descendants(AirSyncBase + "Body").First();
    }

    private string Collection(string key, string inner) =>
        $"<Sync xmlns=\"AirSync:\" xmlns:airsync=\"AirSync:\" xmlns:airsyncbase=\"AirSyncBase:\"><Collections><Collection><SyncKey>{key}</SyncKey><CollectionId>{_h.Inbox.ServerId}</CollectionId>{inner}</Collection></Collections></Sync>";

    /// <summary>A Sync through the dispatcher, as the provisioned device (its policy key), answered with one collection.</summary>
    private async Task<XElement> PostAsync(Device device, string xml)
    {
        EasRequestContext context = _h.Context(EasVersion.V161, device) with { PolicyKey = PolicyProvisioning.FinalKey };
        EasCommandResult result = await _h.Dispatcher.DispatchAsync(context, WbxmlXml.FromXml(xml), None);
        Assert.Equal(200, result.HttpStatus);
        var buffer = new ArrayBufferWriter<byte>();
        var output = new WbxmlResponseOutput(new WbxmlWriter(buffer));
        if (result.StreamedBody is { } streamed)
        {
            await streamed(output, None);
        }
        else
        {
            result.Body!(output.Writer);
        }

        XElement root = XDocument.Parse(WbxmlXml.ToXml(buffer.WrittenSpan.ToArray())).Root!;
        Assert.Null(root.Element(AirSync + "Status")); // no request-wide refusal (provisioning gate)
        return root.Descendants(AirSync + "Collection").Single();
    }

    private async Task DeliverLongAsync(int length)
    {
        string text = string.Concat(Enumerable.Repeat("abcdefghij", length / 10));
        byte[] mime = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"From: sender@example.com\r\nTo: user@example.com\r\nSubject: Long\r\nMessage-ID: <long@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n{text}\r\n"));
        BlobRef blob = await _h.Mailbox.Blobs.PutAsync(new MemoryStream(mime), long.MaxValue, None);
        await _h.Mailbox.Store.AddEmailAsync(_h.User.Id, _h.Inbox.Id, new NewEmail(blob, EmailSummaryReader.Read(new MemoryStream(mime), _h.Clock.Now)), None);
    }
}
