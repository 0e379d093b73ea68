using System.Buffers;
using System.Text;
using Pushbox.Mailbox.Folders;
using Pushbox.Mailbox.Items;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands;
using Pushbox.Wbxml;
using static Pushbox.Commands.Tests.ItemOperations.ItemOperationsMessages;

namespace Pushbox.Commands.Tests.ItemOperations;

/// <summary>
/// A large attachment is streamed, not held: fetching it inline, as a multipart part or with GetAttachment allocates
/// a small fraction of its size (measured process-wide, so these tests run alone, with the renderer's memory tests).
/// </summary>
[Collection(nameof(Email.MemoryTests))]
public sealed class ItemOperationsMemoryTests : IAsyncLifetime
{
    private const int AttachmentSize = 24 * 1024 * 1024;
    private const long Budget = 8 * 1024 * 1024;

    private ItemOperationsHarness _harness = null!;
    private string _reference = null!;

    public async Task InitializeAsync()
    {
        _harness = await ItemOperationsHarness.CreateAsync();
        Folder inbox = await _harness.FolderAsync(FolderType.Inbox);
        StoredItem item = await _harness.AddAsync(BuildMessage(), inbox.Id);
        _reference = $"{item.ServerId}:1";
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Fetch_InlineData_AllocatesLittle()
    {
        var sink = new DiscardingBufferWriter();
        var output = new WbxmlResponseOutput(new WbxmlWriter(sink), _ =>
        {
            sink.Discard();
            return ValueTask.CompletedTask;
        });

        long before = GC.GetTotalAllocatedBytes(precise: true);
        EasCommandResult result = await _harness.RunAsync(EasCommand.ItemOperations, "16.1", Request(FetchAttachment(_reference)));
        await result.StreamedBody!(output, CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(sink.Total > AttachmentSize * 4L / 3, $"wrote {sink.Total}");
        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes to send {AttachmentSize:N0} inline");
    }

    [Fact]
    public async Task Fetch_MultipartPart_AllocatesLittle()
    {
        var sink = new CountingStream();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        EasCommandResult result = await _harness.RunAsync(EasCommand.ItemOperations, "16.1", Request(FetchAttachment(_reference)), acceptMultiPart: true);
        await result.RawBody!(sink, CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(result.RawContentLength, sink.Length);
        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes to send {AttachmentSize:N0} as a part");
    }

    [Fact]
    public async Task GetAttachment_AllocatesLittle()
    {
        var sink = new CountingStream();

        long before = GC.GetTotalAllocatedBytes(precise: true);
        EasCommandResult result = await _harness.RunAsync(EasCommand.GetAttachment, "12.1", null, attachmentName: _reference);
        await result.RawBody!(sink, CancellationToken.None);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(AttachmentSize, sink.Length);
        Assert.True(allocated < Budget, $"allocated {allocated:N0} bytes to send {AttachmentSize:N0}");
    }

    private static byte[] BuildMessage()
    {
        var mime = new MemoryStream();
        mime.Write(Encoding.ASCII.GetBytes(
            "From: alice@example.com\r\nTo: user@example.com\r\nSubject: Huge\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"huge\"\r\n\r\n--huge\r\nContent-Type: text/plain\r\n\r\nA big file.\r\n"
            + "--huge\r\nContent-Type: application/octet-stream; name=\"huge.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        var random = new Random(5);
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

        private void Ensure(int sizeHint)
        {
            if (_buffer.Length - _written < Math.Max(sizeHint, 1))
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _written + sizeHint));
            }
        }
    }

    /// <summary>A write-only stream that counts and forgets.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
