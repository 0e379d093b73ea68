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
        StoredItem item = await _harness.AddAsync(HugeMessage.Build(AttachmentSize), inbox.Id);
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
