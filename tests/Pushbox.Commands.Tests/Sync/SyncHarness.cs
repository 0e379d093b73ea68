using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Commands.Tests.Email;
using Pushbox.Commands.Sync;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.ItemData;
using Pushbox.Protocol.Commands.Sync;
using Pushbox.Protocol.Query;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests.Sync;

/// <summary>
/// The email sync engine over a real SQLite store with a clock the test moves: mail is stored the way
/// delivery stores it (MIME in the blob store, summary read from it), and one device syncs the Inbox
/// through <see cref="CollectionSync"/> directly or through the dispatcher's Sync handler.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly XNamespace AirSync = "AirSync:";
    public static readonly XNamespace Email = "Email:";

    private static readonly CancellationToken None = CancellationToken.None;
    private ServiceProvider _services = null!;
    private int _delivered;

    private SyncHarness(SqliteMailbox mailbox) => Mailbox = mailbox;

    public SqliteMailbox Mailbox { get; }

    public ManualClock Clock { get; } = new(Start);

    public Folder Inbox { get; private set; } = null!;

    public Folder DeletedItems { get; private set; } = null!;

    public User User => Mailbox.User;

    public Device Device => Mailbox.Device;

    public CollectionSync Sync => _services.GetRequiredService<CollectionSync>();

    public EasDispatcher Dispatcher => _services.GetRequiredService<EasDispatcher>();

    public static async Task<SyncHarness> CreateAsync()
    {
        var harness = new SyncHarness(await SqliteMailbox.CreateAsync());
        harness._services = harness.BuildServices();
        harness.Inbox = await harness.Mailbox.Store.GetStandardFolderAsync(harness.User.Id, FolderType.Inbox, None);
        harness.DeletedItems = await harness.Mailbox.Store.GetStandardFolderAsync(harness.User.Id, FolderType.DeletedItems, None);
        return harness;
    }

    /// <summary>A new service container (a new <see cref="CollectionSync"/>) over the same database: a server restart.</summary>
    public async Task RestartAsync()
    {
        ServiceProvider old = _services;
        _services = BuildServices();
        await old.DisposeAsync();
    }

    /// <summary>Stores a message received at <paramref name="received"/> (default: now) in <paramref name="folder"/> (default: Inbox).</summary>
    public async Task<StoredItem> DeliverAsync(DateTimeOffset? received = null, Folder? folder = null, long? userId = null)
    {
        NewEmail email = await NewEmailAsync(received ?? Clock.Now);
        return await Mailbox.Store.AddEmailAsync(userId ?? User.Id, (folder ?? Inbox).Id, email, None);
    }

    /// <summary>Stores <paramref name="count"/> messages in one transaction, received now.</summary>
    public async Task<IReadOnlyList<StoredItem>> DeliverManyAsync(int count, Folder? folder = null)
    {
        var emails = new List<NewEmail>(count);
        for (int i = 0; i < count; i++)
        {
            emails.Add(await NewEmailAsync(Clock.Now));
        }

        return await Mailbox.Store.AddEmailsAsync(User.Id, (folder ?? Inbox).Id, emails, None);
    }

    public Task<StoredItem> MarkReadAsync(StoredItem item, bool read = true) =>
        Mailbox.Store.UpdateEmailStateAsync(User.Id, item.Id, new EmailStateChange(Read: read), None);

    public Task<StoredItem?> GetAsync(StoredItem item) => Mailbox.Store.GetItemAsync(User.Id, item.Id, None);

    public EasRequestContext Context(EasVersion? version = null, Device? device = null, EasCommand command = EasCommand.Sync)
    {
        Device who = device ?? Device;
        var query = new EasQuery { Command = command, DeviceId = who.DeviceId, DeviceType = who.DeviceType };
        return new EasRequestContext(User.Id, User.Address, who, version ?? EasVersion.V161, query);
    }

    /// <summary>One collection of a Sync request, answered the way the handler asks (the collection's WindowSize, default 100).</summary>
    public Task<SyncCollectionResponse> SyncAsync(
        string? key,
        int? windowSize = null,
        SyncOptions? options = null,
        IReadOnlyList<SyncClientCommand>? commands = null,
        bool? deletesAsMoves = null,
        bool? getChanges = null,
        Folder? folder = null,
        CollectionSync? sync = null)
    {
        var request = new SyncCollectionRequest(
            key,
            (folder ?? Inbox).ServerId,
            GetChanges: getChanges,
            DeletesAsMoves: deletesAsMoves,
            WindowSize: windowSize,
            Options: options is null ? null : [options],
            Commands: commands);
        return (sync ?? Sync).SyncAsync(Context(), request, windowSize ?? CollectionSync.DefaultWindowSize, None);
    }

    /// <summary>Primes the collection ("0") and follows every answer until nothing more is available.</summary>
    public async Task<DeviceFolder> SyncToEndAsync(int? windowSize = null, SyncOptions? options = null, Folder? folder = null)
    {
        var device = new DeviceFolder();
        device.Apply(await SyncAsync("0", windowSize, options, folder: folder));
        await device.FollowAsync(k => SyncAsync(k, windowSize, options, folder: folder));
        return device;
    }

    public static SyncOptions Options(int? filterType = null, int? conflict = null) => new(null, filterType, conflict, null, ItemBodyOptions.None);

    public static SyncClientCommand ChangeRead(string serverId, bool read) =>
        new(SyncCommandKind.Change, serverId, null, null, [new ItemDataElement(EasCodePages.EmailTags.Read, read ? "1" : "0", null, [])]);

    public static SyncClientCommand Delete(string serverId) => new(SyncCommandKind.Delete, serverId, null, null, []);

    public static SyncClientCommand Fetch(string serverId) => new(SyncCommandKind.Fetch, serverId, null, null, []);

    /// <summary>The response written by the real writer, checked against the schema and read back as XML (namespaces as libwbxml names them, "AirSync:").</summary>
    public static async Task<XElement> WireAsync(SyncResponse response, EasVersion? version = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await SyncResponseWriter.WriteAsync(response, new WbxmlResponseOutput(new WbxmlWriter(buffer)), version ?? EasVersion.V161, None);
        return Decode(buffer);
    }

    /// <summary>One collection's answer on the wire: its Collection element.</summary>
    public static async Task<XElement> WireAsync(SyncCollectionResponse collection, EasVersion? version = null) =>
        (await WireAsync(new SyncResponse(null, [collection]), version)).Descendants(AirSync + "Collection").Single();

    /// <summary>A Sync request through the dispatcher: XML in, the response document as XML out.</summary>
    public Task<XElement> PostAsync(string xml, EasVersion? version = null) =>
        PostAsync(WbxmlXml.FromXml(xml), version);

    /// <summary>A Sync request through the dispatcher with the body as given (empty: the 12.1+ empty request).</summary>
    public async Task<XElement> PostAsync(byte[] body, EasVersion? version = null)
    {
        EasVersion v = version ?? EasVersion.V161;
        EasCommandResult result = await Dispatcher.DispatchAsync(Context(v), body, None);
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

        return Decode(buffer);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Mailbox.DisposeAsync();
    }

    /// <summary>The document as XML, after checking it against SyncResponse.xsd (MS-ASCMD's schema).</summary>
    private static XElement Decode(ArrayBufferWriter<byte> buffer)
    {
        byte[] wbxml = buffer.WrittenSpan.ToArray();
        Assert.Empty(EmailSchemas.Validate(RenderedItem.Decode(wbxml)));
        return XDocument.Parse(WbxmlXml.ToXml(wbxml)).Root!;
    }

    private ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        Mailbox.AddTo(services);
        services.AddSingleton<TimeProvider>(Clock);
        services.AddPushboxCommands();
        return services.BuildServiceProvider();
    }

    private async Task<NewEmail> NewEmailAsync(DateTimeOffset received)
    {
        int n = Interlocked.Increment(ref _delivered);
        string subject = string.Create(CultureInfo.InvariantCulture, $"Message {n:D4}");
        byte[] mime = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"From: sender@example.com\r\nTo: user@example.com\r\nSubject: {subject}\r\nMessage-ID: <m{n}@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nBody of {subject}.\r\n"));
        BlobRef blob = await Mailbox.Blobs.PutAsync(new MemoryStream(mime), long.MaxValue, None);
        return new NewEmail(blob, EmailSummaryReader.Read(new MemoryStream(mime), received));
    }
}
