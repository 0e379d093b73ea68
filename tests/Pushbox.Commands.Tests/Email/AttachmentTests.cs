using System.Text;
using System.Xml.Linq;
using Pushbox.Commands.Email;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.AirSyncBase;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Attachments: how they are listed (airsyncbase and 2.5 email namespace) and opened for ItemOperations and GetAttachment.</summary>
public sealed class AttachmentTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private static readonly byte[] Pdf = Convert.FromBase64String(
        "JVBERi0xLjQKJcTl8uXrp/Og0MTGCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==");

    private readonly EmailTestStore _store = fixture.Store;

    private static string Ref(StoredItem item, int part) => $"{item.FolderId}:{item.Id}:{part}";

    [Fact]
    public async Task Attachments_AreListedInMimeOrder_WithReferencesNamesAndMethods()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

        XElement[] attachments = [.. rendered.ApplicationData.Element(AirSyncBase + "Attachments")!.Elements(AirSyncBase + "Attachment")];
        Assert.Equal(
            [
                (Ref(item, 1), "report.pdf", "1", "0"),
                (Ref(item, 2), "data.csv", "1", "0"),
                (Ref(item, 3), "The forwarded one.eml", "5", "0"),
                (Ref(item, 4), "attachment4.bin", "1", "0"),
            ],
            attachments.Select(a => (
                a.Element(AirSyncBase + "FileReference")!.Value,
                a.Element(AirSyncBase + "DisplayName")!.Value,
                a.Element(AirSyncBase + "Method")!.Value,
                a.Element(AirSyncBase + "IsInline")!.Value)));
        Assert.Equal("88", attachments[0].Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.Equal("See the files.", rendered.Data);
    }

    [Fact]
    public async Task Attachments_RenderedTwice_AreTheSameBytes()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        RenderedItem first = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V141);
        RenderedItem second = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V141);

        Assert.Equal(first.Wbxml, second.Wbxml);
    }

    [Fact]
    public async Task InlineImage_WithContentId_IsInline()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.InlineImage));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Html)], []), EasVersion.V141);

        XElement attachment = rendered.ApplicationData.Element(AirSyncBase + "Attachments")!.Element(AirSyncBase + "Attachment")!;
        Assert.Equal("logo.png", attachment.Element(AirSyncBase + "DisplayName")!.Value);
        Assert.Equal("logo@example.com", attachment.Element(AirSyncBase + "ContentId")!.Value);
        Assert.Equal("1", attachment.Element(AirSyncBase + "IsInline")!.Value);
        Assert.Contains("cid:logo@example.com", rendered.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_AttachmentsUseTheEmailNamespace()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V25);

        Assert.Null(rendered.ApplicationData.Element(AirSyncBase + "Attachments"));
        XElement first = rendered.ApplicationData.Element(EmailNs + "Attachments")!.Elements(EmailNs + "Attachment").First();
        Assert.Equal(["AttName", "AttSize", "AttMethod", "DisplayName"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(Ref(item, 1), first.Element(EmailNs + "AttName")!.Value);
        Assert.Equal("report.pdf", first.Element(EmailNs + "DisplayName")!.Value);
    }

    [Fact]
    public async Task FileReference_ParsesBackToThePart()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));
        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V141);
        string reference = rendered.ApplicationData.Descendants(AirSyncBase + "FileReference").First().Value;

        Assert.True(EmailFileReference.TryParse(reference, out EmailFileReference parsed));
        Assert.Equal(item.ServerId, parsed.ServerId);
        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, parsed.PartIndex, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Equal("report.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
    }

    [Fact]
    public async Task Open_Base64Attachment_DecodesIt_LengthOnDemand()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 1, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Null(attachment.Length);
        Assert.Equal(Pdf.Length, await attachment.GetLengthAsync(CancellationToken.None));
        Assert.Equal(Pdf, await CopyAsync(attachment, 0, null));
        Assert.Equal(Pdf[10..30], await CopyAsync(attachment, 10, 20));
        Assert.Equal(Pdf[80..], await CopyAsync(attachment, 80, 1000));
        Assert.Empty(await CopyAsync(attachment, Pdf.Length + 5, 10));
        Assert.Empty(await CopyAsync(attachment, 0, 0));
    }

    [Fact]
    public async Task Open_UnencodedAttachment_KnowsItsLength_AndSeeks()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 2, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Equal("data.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType);
        Assert.Equal(8, attachment.Length);
        Assert.Equal("a,b\r\n1,2", Encoding.ASCII.GetString(await CopyAsync(attachment, 0, null)));
        Assert.Equal("1,2", Encoding.ASCII.GetString(await CopyAsync(attachment, 5, null)));
        Assert.Equal(",b", Encoding.ASCII.GetString(await CopyAsync(attachment, 1, 2)));
    }

    [Fact]
    public async Task Open_AttachedMessage_IsItsBytesAsStored()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 3, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Equal("message/rfc822", attachment.ContentType);
        string expected = "From: carol@example.com\r\nTo: alice@example.com\r\nSubject: The forwarded one\r\nContent-Type: text/plain\r\n\r\nInner body.";
        Assert.Equal(expected, Encoding.ASCII.GetString(await CopyAsync(attachment, 0, null)));
        Assert.Equal(expected.Length, attachment.Length);
        Assert.Equal("Subject", Encoding.ASCII.GetString(await CopyAsync(attachment, 48, 7)));
    }

    [Fact]
    public async Task Open_InlineImage_IsThePng()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.InlineImage));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 1, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.True(attachment.IsInline);
        Assert.Equal("logo@example.com", attachment.ContentId);
        byte[] png = await CopyAsync(attachment, 0, null);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(99)]
    [InlineData(-1)]
    public async Task Open_PartThatIsNotAnAttachment_IsNull(int partIndex)
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));

        Assert.Null(await _store.Renderer.OpenAttachmentAsync(item, partIndex, CancellationToken.None));
    }

    [Fact]
    public async Task Open_MissingBlob_IsNull()
    {
        StoredItem item = await _store.AddWithoutBlobAsync(Mailbox.Delivery.EmailSummaryReader.Empty(EmailTestStore.Received));

        Assert.Null(await _store.Renderer.OpenAttachmentAsync(item, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Open_AttachmentCutOffByATruncatedMessage_GivesWhatThereIs()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.TruncatedMultipart));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 1, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Equal("big.zip", attachment.FileName);
        byte[] bytes = await CopyAsync(attachment, 0, null);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [Fact]
    public async Task Open_LargeAttachment_StreamsRanges()
    {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(content);
        StoredItem item = await _store.AddAsync(Messages.Crlf(LargeAttachmentMessage(content)));

        await using EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(item, 1, CancellationToken.None);

        Assert.NotNull(attachment);
        Assert.Equal(content.Length, await attachment.GetLengthAsync(CancellationToken.None));
        Assert.Equal(content, await CopyAsync(attachment, 0, null));
        Assert.Equal(content[2_000_000..2_100_000], await CopyAsync(attachment, 2_000_000, 100_000));
    }

    [Fact]
    public async Task Render_LargeMessageAsMime_StreamsAndFlushes()
    {
        byte[] content = new byte[2 * 1024 * 1024];
        new Random(8).NextBytes(content);
        byte[] mime = Messages.Crlf(LargeAttachmentMessage(content));
        StoredItem item = await _store.AddAsync(mime);

        RenderedItem whole = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2), EasVersion.V161);
        RenderedItem cut = await RenderAsync(_store.Renderer, item, new([new BodyPreference(BodyType.Mime, 1_000_000)], [], MimeSupport: 2), EasVersion.V161);

        Assert.Equal(Encoding.ASCII.GetString(mime), whole.Data);
        Assert.True(whole.Flushes >= mime.Length / EmailItemRenderer.FlushThreshold - 1, $"{whole.Flushes} flushes");
        Assert.Equal(Encoding.ASCII.GetString(mime, 0, 1_000_000), cut.Data);
        Assert.Equal("1", cut.Body!.Element(AirSyncBase + "Truncated")!.Value);
        Assert.Equal(mime.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), cut.Body.Element(AirSyncBase + "EstimatedDataSize")!.Value);
    }

    private static string LargeAttachmentMessage(byte[] content) => $"""
        From: alice@example.com
        To: bob@example.com
        Subject: Big
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="big"

        --big
        Content-Type: text/plain

        Large file attached.
        --big
        Content-Type: application/octet-stream; name="big.bin"
        Content-Disposition: attachment; filename="big.bin"
        Content-Transfer-Encoding: base64

        {Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks)}
        --big--

        """;

    private static async Task<byte[]> CopyAsync(EmailAttachment attachment, long offset, long? count)
    {
        var copy = new MemoryStream();
        long copied = await attachment.CopyToAsync(copy, offset, count, CancellationToken.None);
        Assert.Equal(copy.Length, copied);
        return copy.ToArray();
    }
}
