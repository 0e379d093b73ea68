using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox.Blobs;
using Pushbox.Mailbox.Delivery;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Users;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Query;
using Pushbox.Testing.Eas;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>
/// ItemOperations and GetAttachment through the dispatcher on a real SQLite mailbox: messages stored as delivery
/// stores them (MIME in the blob store, summary read from it), requests as libwbxml XML, answers decoded (WBXML,
/// multipart or raw) and checked against the schemas.
/// </summary>
public sealed class ItemOperationsHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Received = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] SchemaFiles =
    [
        "ItemOperationsResponse.xsd", "ItemOperations.xsd", "AirSync.xsd", "AirSyncBase.xsd", "Search.xsd", "DocumentLibrary.xsd",
        "Email.xsd", "Email2.xsd", "Calendar.xsd", "Contacts.xsd", "Contacts2.xsd", "Tasks.xsd", "Notes.xsd", "RightsManagement.xsd",
        "ComposeMail.xsd", "MeetingResponseResponse.xsd", "GAL.xsd",
    ];

    private static readonly Lazy<XmlSchemaSet> Schemas = new(CompileSchemas);

    private readonly SqliteMailbox _mailbox;
    private readonly ServiceProvider _services;

    private ItemOperationsHarness(SqliteMailbox mailbox)
    {
        _mailbox = mailbox;
        var services = new ServiceCollection();
        mailbox.AddTo(services);
        services.AddPushboxCommands();
        _services = services.BuildServiceProvider();
        Dispatcher = _services.GetRequiredService<EasDispatcher>();
    }

    public SqliteMailbox Mailbox => _mailbox;

    public EasDispatcher Dispatcher { get; }

    public long UserId => _mailbox.User.Id;

    /// <summary>The registered handler of <paramref name="command"/>.</summary>
    public IEasCommandHandler Handler(EasCommand command) => _services.GetServices<IEasCommandHandler>().Single(h => h.Command == command);

    /// <summary>A request context of the harness's user and device.</summary>
    public EasRequestContext Context(EasCommand command, string version, bool acceptMultiPart = false, string? attachmentName = null)
    {
        Assert.True(EasVersion.TryParse(version, out EasVersion easVersion));
        var query = new EasQuery { Command = command, DeviceId = _mailbox.Device.DeviceId, DeviceType = _mailbox.Device.DeviceType, AttachmentName = attachmentName };
        return new EasRequestContext(UserId, _mailbox.User.Address, _mailbox.Device, easVersion, query) { AcceptMultiPart = acceptMultiPart };
    }

    public static async Task<ItemOperationsHarness> CreateAsync() => new(await SqliteMailbox.CreateAsync());

    public Task<Folder> FolderAsync(FolderType type) => _mailbox.Store.GetStandardFolderAsync(UserId, type, CancellationToken.None);

    /// <summary>Stores <paramref name="mime"/> (LF line ends become CRLF) in the user's folder of <paramref name="type"/>.</summary>
    public async Task<StoredItem> AddAsync(string mime, FolderType type = FolderType.Inbox) =>
        await AddAsync(Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n")), (await FolderAsync(type)).Id);

    /// <summary>Stores <paramref name="mime"/> as it is in a folder of the harness's user or of <paramref name="userId"/>.</summary>
    public async Task<StoredItem> AddAsync(byte[] mime, long folderId, long? userId = null)
    {
        BlobRef blob = await _mailbox.Blobs.PutAsync(new MemoryStream(mime), long.MaxValue, CancellationToken.None);
        EmailSummary summary = EmailSummaryReader.Read(new MemoryStream(mime), Received);
        return await _mailbox.Store.AddEmailAsync(userId ?? UserId, folderId, new NewEmail(blob, summary), CancellationToken.None);
    }

    /// <summary>An item of another user of the same store.</summary>
    public async Task<StoredItem> AddForAnotherUserAsync(string mime)
    {
        User other = await _mailbox.Directory.FindUserAsync("other@example.com", CancellationToken.None)
            ?? await _mailbox.Directory.CreateUserAsync(new NewUser("other@example.com", "Other", "$none"), CancellationToken.None);
        Folder inbox = await _mailbox.Store.GetStandardFolderAsync(other.Id, FolderType.Inbox, CancellationToken.None);
        return await AddAsync(Encoding.UTF8.GetBytes(mime.ReplaceLineEndings("\r\n")), inbox.Id, other.Id);
    }

    /// <summary>Runs a command for the harness's user and device, with the query's AttachmentName when given.</summary>
    public async Task<EasCommandResult> RunAsync(EasCommand command, string version, string? xml, bool acceptMultiPart = false, string? attachmentName = null)
    {
        EasRequestContext context = Context(command, version, acceptMultiPart, attachmentName);
        byte[] body = xml is null ? [] : WbxmlXml.FromXml(xml);
        return await Dispatcher.DispatchAsync(context, body, CancellationToken.None);
    }

    /// <summary>An inline ItemOperations answer: the WBXML document, schema-checked unless told not to.</summary>
    public async Task<XElement> ItemOperationsAsync(string version, string xml, bool validate = true)
    {
        return await DecodeAsync(await RunAsync(EasCommand.ItemOperations, version, xml), validate);
    }

    /// <summary>Writes a streamed WBXML answer into memory and decodes it, schema-checked unless told not to.</summary>
    public static async Task<XElement> DecodeAsync(EasCommandResult result, bool validate = true)
    {
        Assert.Equal(200, result.HttpStatus);
        Assert.NotNull(result.StreamedBody);
        var output = new ArrayBufferWriter<byte>();
        await result.StreamedBody(new WbxmlResponseOutput(new WbxmlWriter(output)), CancellationToken.None);
        return Decode(output.WrittenMemory, validate);
    }

    /// <summary>A multipart ItemOperations answer: its raw body, split into parts (part 0 decoded and schema-checked).</summary>
    public async Task<(XElement Document, IReadOnlyList<byte[]> Parts, byte[] Body)> MultipartAsync(string version, string xml)
    {
        EasCommandResult result = await RunAsync(EasCommand.ItemOperations, version, xml, acceptMultiPart: true);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("application/vnd.ms-sync.multipart", result.RawContentType);
        byte[] body = await RawAsync(result);
        Assert.Equal(result.RawContentLength, body.Length);
        IReadOnlyList<byte[]> parts = SplitParts(body);
        return (Decode(parts[0], validate: true), parts, body);
    }

    /// <summary>Writes a raw answer into memory.</summary>
    public static async Task<byte[]> RawAsync(EasCommandResult result)
    {
        Assert.NotNull(result.RawBody);
        using var stream = new MemoryStream();
        await result.RawBody(stream, CancellationToken.None);
        return stream.ToArray();
    }

    /// <summary>MS-ASCMD 2.2.1.10.1.1: PartsCount, (Offset, Length) pairs, 4-byte little-endian integers, then the parts.</summary>
    public static IReadOnlyList<byte[]> SplitParts(byte[] body)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(body);
        var parts = new List<byte[]>(count);
        int expectedOffset = 4 + (8 * count);
        for (int i = 0; i < count; i++)
        {
            int offset = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4 + (8 * i)));
            int length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(8 + (8 * i)));
            Assert.Equal(expectedOffset, offset);
            parts.Add(body[offset..(offset + length)]);
            expectedOffset = offset + length;
        }

        Assert.Equal(body.Length, expectedOffset);
        return parts;
    }

    /// <summary>Decodes a WBXML document and, unless told not to, fails on any schema error.</summary>
    public static XElement Decode(ReadOnlyMemory<byte> wbxml, bool validate)
    {
        string xml = WbxmlXml.ToXml(wbxml);
        XDocument document = XDocument.Parse(xml);
        if (validate)
        {
            var stripped = new XDocument(document);
            foreach (XElement element in stripped.Descendants())
            {
                string ns = element.Name.NamespaceName;
                element.Name = XName.Get(element.Name.LocalName, ns.EndsWith(':') ? ns[..^1] : ns);
            }

            var errors = new List<string>();
            stripped.Validate(Schemas.Value, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
            Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n" + xml);
        }

        return document.Root!;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _mailbox.DisposeAsync();
    }

    private static XmlSchemaSet CompileSchemas() => XsdValidator.ForFiles(SchemaFiles);
}
