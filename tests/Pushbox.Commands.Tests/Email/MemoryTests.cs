using System.Buffers;
using System.Text;
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
        byte[] mime = BuildMessage();
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

    private static byte[] BuildMessage()
    {
        var mime = new MemoryStream();
        mime.Write(Encoding.ASCII.GetBytes(
            "From: alice@example.com\r\nTo: bob@example.com\r\nSubject: Huge\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"huge\"\r\n\r\n--huge\r\nContent-Type: text/plain\r\n\r\nA big file.\r\n"
            + "--huge\r\nContent-Type: application/octet-stream; name=\"huge.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        var random = new Random(3);
        byte[] line = new byte[57];
        for (int written = 0; written < AttachmentSize; written += line.Length)
        {
            int take = Math.Min(line.Length, AttachmentSize - written);
            random.NextBytes(line);
            mime.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(line, 0, take) + "\r\n"));
        }

        mime.Write("--huge--\r\n"u8);
        return mime.ToArray();
    }

    /// <summary>An output buffer that forgets what was written when the response is flushed.</summary>
    private sealed class DiscardingBufferWriter : IBufferWriter<byte>
    {
        private byte[] _buffer = new byte[256 * 1024];
        private int _written;

        public long Total { get; private set; }

        public void Advance(int count)
        {
            _written += count;
            Total += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer.AsSpan(_written);
        }

        public void Discard() => _written = 0;

        public void Reset()
        {
            _written = 0;
            Total = 0;
        }

        private void Ensure(int sizeHint)
        {
            if (_buffer.Length - _written < Math.Max(sizeHint, 1))
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + sizeHint));
            }
        }
    }
}
