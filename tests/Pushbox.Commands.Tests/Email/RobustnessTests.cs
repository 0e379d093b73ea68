using System.Buffers;
using Pushbox.Commands.Email;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Wbxml;
using static Pushbox.Commands.Tests.Email.RenderedItem;

namespace Pushbox.Commands.Tests.Email;

/// <summary>Bad content and failing storage never fail an item; cancellation and output failures do escape.</summary>
public sealed class RobustnessTests(EmailStoreFixture fixture) : IClassFixture<EmailStoreFixture>
{
    private readonly EmailTestStore _store = fixture.Store;

    private (EmailItemRenderer Renderer, FaultyBlobStore Blobs, RecordingLogger<EmailItemRenderer> Log) Faulty()
    {
        var blobs = new FaultyBlobStore(_store.Blobs);
        var log = new RecordingLogger<EmailItemRenderer>();
        return (new EmailItemRenderer(blobs, log), blobs, log);
    }

    [Fact]
    public async Task BlobThatCannotBeOpened_GivesTheSummary_AndWarns()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));
        (EmailItemRenderer renderer, FaultyBlobStore blobs, RecordingLogger<EmailItemRenderer> log) = Faulty();
        blobs.OpenFailure = new IOException("No such disk.");

        RenderedItem rendered = await RenderAsync(renderer, item, ItemBodyOptions.None, EasVersion.V161);

        rendered.AssertValid();
        Assert.Equal("Grüße from the plain side", rendered.Value(EmailNs, "Subject"));
        Assert.Equal(string.Empty, rendered.Data);
        Assert.Contains(log.Entries, e => e.Id.Id == 6102);
    }

    [Fact]
    public async Task UnparsableMime_GivesTheSummary_AndWarns()
    {
        StoredItem item = await _store.AddAsync(Messages.BinaryNoise());
        (EmailItemRenderer renderer, _, RecordingLogger<EmailItemRenderer> log) = Faulty();

        RenderedItem rendered = await RenderAsync(renderer, item, new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2), EasVersion.V141);

        rendered.AssertValid();
        Assert.Equal(string.Empty, rendered.Data);
        Assert.Contains(log.Entries, e => e.Id.Id == 6102 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task ReadFailingWhileTheBodyIsWritten_CutsTheBodyShort_AndWarns()
    {
        // Larger than what a measurement keeps, so the body is read a second time while it is written.
        string text = string.Concat(Enumerable.Repeat("0123456789abcdef", 40_000));
        byte[] mime = Messages.Crlf(Messages.PlainWithBody(text));
        StoredItem item = await _store.AddAsync(mime);
        (EmailItemRenderer renderer, FaultyBlobStore blobs, RecordingLogger<EmailItemRenderer> log) = Faulty();
        blobs.Wrap = stream => new WrappedStream(stream, failAfterBytes: (2 * mime.Length) + 300_000);

        RenderedItem rendered = await RenderAsync(renderer, item, ItemBodyOptions.None, EasVersion.V161);

        rendered.AssertValid();
        Assert.Equal(text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), rendered.Body!.Element(AirSyncBase + "EstimatedDataSize")!.Value);
        Assert.InRange(rendered.Data!.Length, 1, text.Length - 1);
        Assert.StartsWith(rendered.Data, text, StringComparison.Ordinal);
        Assert.Contains(log.Entries, e => e.Id.Id == 6103);
    }

    [Fact]
    public async Task BlobThatCannotSeek_IsSpooled_AndRendersTheSame()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.WithAttachments));
        (EmailItemRenderer renderer, FaultyBlobStore blobs, _) = Faulty();
        blobs.Wrap = stream => new WrappedStream(stream, canSeek: false);

        RenderedItem spooled = await RenderAsync(renderer, item, ItemBodyOptions.None, EasVersion.V161);
        RenderedItem direct = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

        Assert.Equal(direct.Wbxml, spooled.Wbxml);
        await using EmailAttachment? attachment = await renderer.OpenAttachmentAsync(item, 2, CancellationToken.None);
        Assert.Equal(8, attachment!.Length);
    }

    [Fact]
    public async Task Cancellation_Escapes()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var output = new WbxmlResponseOutput(new WbxmlWriter(new ArrayBufferWriter<byte>()));
        output.Writer.WriteStartElement(EasCodePages.AirSyncTags.ApplicationData);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await _store.Renderer.Render(item, ItemBodyOptions.None, EasVersion.V161)(output, cancelled.Token));
    }

    [Fact]
    public async Task OutputFailure_Escapes()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.PlainWithBody(new string('x', 1_000_000))));
        var output = new WbxmlResponseOutput(new WbxmlWriter(new ArrayBufferWriter<byte>()), _ => throw new IOException("The client went away."));
        output.Writer.WriteStartElement(EasCodePages.AirSyncTags.ApplicationData);

        await Assert.ThrowsAsync<IOException>(async () =>
            await _store.Renderer.Render(item, ItemBodyOptions.None, EasVersion.V161)(output, CancellationToken.None));
    }

    [Fact]
    public async Task ControlCharactersInHeaders_AreTakenOut()
    {
        StoredItem item = await _store.AddAsync(Messages.EightBitGarbage());

        RenderedItem rendered = await RenderAsync(_store.Renderer, item, ItemBodyOptions.None, EasVersion.V161);

        string subject = rendered.Value(EmailNs, "Subject")!;
        Assert.EndsWith("sub", subject, StringComparison.Ordinal);
        Assert.DoesNotContain(subject, c => c < ' ');
        rendered.AssertValid();
    }

    [Fact]
    public async Task NotAnEmail_IsRefused()
    {
        StoredItem item = await _store.AddAsync(Messages.Crlf(Messages.Plain));

        Assert.Throws<ArgumentException>(() => _store.Renderer.Render(item with { Email = null }, ItemBodyOptions.None, EasVersion.V161));
    }
}
