using Pushbox.Commands.Email;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests.Email;

[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsRunAlone;

/// <summary>
/// A large message is streamed, not held: rendering it whole as MIME and copying out its attachment
/// allocate a small fraction of its size (measured process-wide, so these tests run alone).
/// </summary>
[Collection(nameof(MemoryTests))]
public sealed class MemoryTests : IAsyncLifetime
{
    private const int AttachmentSize = 24 * 1024 * 1024;
    private const long Budget = 8 * 1024 * 1024;

    private EmailTestStore _store = null!;
    private StoredItem _item = null!;
    private long _mimeLength;

    public async Task InitializeAsync()
    {
        _store = await EmailTestStore.CreateAsync();
        byte[] mime = HugeMessage.Build(AttachmentSize);
        _mimeLength = mime.Length;
        _item = await _store.AddAsync(mime);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task Render_WholeMessageAsMime_AllocatesLittle()
    {
        var sink = new DiscardingBufferWriter();
        var output = new WbxmlResponseOutput(new WbxmlWriter(sink), _ =>
        {
            sink.Discard();
            return ValueTask.CompletedTask;
        });
        output.Writer.WriteStartElement(EasCodePages.AirSyncTags.ApplicationData);
        ItemBodyOptions options = new([new BodyPreference(BodyType.Mime)], [], MimeSupport: 2);
        await _store.Renderer.Render(_item, options, EasVersion.V161)(output, CancellationToken.None);
        sink.Reset();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await _store.Renderer.Render(_item, options, EasVersion.V161)(output, CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(sink.Total >= _mimeLength, $"wrote {sink.Total} of {_mimeLength}");
        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes to render {_mimeLength:N0}");
    }

    [Fact]
    public async Task Render_PlainTextBody_AllocatesLittle()
    {
        var sink = new DiscardingBufferWriter();
        var output = new WbxmlResponseOutput(new WbxmlWriter(sink), _ =>
        {
            sink.Discard();
            return ValueTask.CompletedTask;
        });
        output.Writer.WriteStartElement(EasCodePages.AirSyncTags.ApplicationData);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        await _store.Renderer.Render(_item, ItemBodyOptions.None, EasVersion.V161)(output, CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes for a {_mimeLength:N0}-byte message");
    }

    [Fact]
    public async Task Attachment_CopiedOut_AllocatesLittle()
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        await using (EmailAttachment? attachment = await _store.Renderer.OpenAttachmentAsync(_item, 1, CancellationToken.None))
        {
            long copied = await attachment!.CopyToAsync(Stream.Null, CancellationToken.None);
            Assert.Equal(AttachmentSize, copied);
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes to copy {AttachmentSize:N0}");
    }

}
