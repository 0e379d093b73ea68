using System.Buffers;
using System.Xml.Linq;
using Pushbox.Protocol.Commands;
using Pushbox.Protocol.Commands.ItemOperations;
using Pushbox.Wbxml;

namespace Pushbox.Protocol.Tests.ItemOperations;

public class ItemOperationsDataTests
{
    private static byte[] RandomBytes(int length)
    {
        byte[] bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static ItemOperationsResponse Attachment(ItemOperationsDataWriter data, long total) =>
        ItemOperationsResponse.Success([new ItemOperationsFetchResult(ItemOperationsStatus.Success) { FileReference = "F", Data = ItemOperationsFetchData.Inline(total, data) }]);

    /// <summary>The text of the one Data element, decoded by our reader and, independently, by libwbxml.</summary>
    private static string DataText(byte[] wbxml)
    {
        XNamespace ns = EasCodePages.ItemOperationsTags.Namespace;
        string ours = XDocument.Parse(WbxmlXml.ToXml(wbxml)).Descendants(ns + "Data").Single().Value;
        string theirs = XDocument.Parse(Libwbxml.Decode(wbxml)).Descendants(ns + "Data").Single().Value;
        Assert.Equal(ours, theirs);
        return ours;
    }

    /// <summary>The number of strings (STR_I) inside the Data element.</summary>
    private static int StringsInData(byte[] wbxml)
    {
        var reader = new WbxmlReader(wbxml);
        bool inData = false;
        int count = 0;
        while (reader.Read())
        {
            if (reader.Tag == EasCodePages.ItemOperationsTags.Data && reader.NodeType is WbxmlNodeType.StartElement or WbxmlNodeType.EndElement)
            {
                inData = reader.NodeType == WbxmlNodeType.StartElement;
            }
            else if (inData && reader.NodeType == WbxmlNodeType.Text)
            {
                count++;
            }
        }

        return count;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ItemOperationsData.ChunkSize - 1)]
    [InlineData(ItemOperationsData.ChunkSize)]
    [InlineData(ItemOperationsData.ChunkSize + 1)]
    [InlineData(2 * ItemOperationsData.ChunkSize)]
    [InlineData(200_003)]
    public void FromStream_AnySize_IsOneBase64StringFlushedPerChunk(int length)
    {
        byte[] bytes = RandomBytes(length);
        var stream = new TrackingStream(bytes, maxRead: int.MaxValue);

        (byte[] wbxml, int flushes) = ItemOperationsResponseWriterTests.Write(Attachment(ItemOperationsData.FromStream(_ => ValueTask.FromResult<Stream>(stream)), length), EasVersion.V141);

        Assert.Equal(Convert.ToBase64String(bytes), DataText(wbxml));
        Assert.Equal(length == 0 ? 0 : 1, StringsInData(wbxml));
        Assert.Equal((length + ItemOperationsData.ChunkSize - 1) / ItemOperationsData.ChunkSize + 1, flushes);
        Assert.True(stream.Disposed);
    }

    [Fact]
    public void FromStream_ShortReads_StillFillWholeChunks()
    {
        // A stream that hands out 1,000 bytes at a time: a chunk that ended short would put padding mid-text.
        byte[] bytes = RandomBytes(3 * ItemOperationsData.ChunkSize + 17);
        var stream = new TrackingStream(bytes, maxRead: 1000);

        byte[] wbxml = ItemOperationsResponseWriterTests.Write(Attachment(ItemOperationsData.FromStream(_ => ValueTask.FromResult<Stream>(stream)), bytes.Length), EasVersion.V161).Bytes;

        Assert.Equal(Convert.ToBase64String(bytes), DataText(wbxml));
    }

    [Fact]
    public void FromStream_OpensTheStreamOnlyWhenWritten()
    {
        int opened = 0;
        ItemOperationsDataWriter data = ItemOperationsData.FromStream(_ =>
        {
            opened++;
            return ValueTask.FromResult<Stream>(new MemoryStream([1, 2, 3]));
        });
        Assert.Equal(0, opened);

        ItemOperationsResponseWriterTests.Write(Attachment(data, 3), EasVersion.V140);

        Assert.Equal(1, opened);
    }

    [Fact]
    public async Task FromStream_Cancelled_StopsAndDisposesTheStream()
    {
        const int length = 10 * ItemOperationsData.ChunkSize;
        var stream = new TrackingStream(RandomBytes(length), maxRead: int.MaxValue);
        using var cancellation = new CancellationTokenSource();
        int flushes = 0;
        var output = new WbxmlResponseOutput(new WbxmlWriter(new ArrayBufferWriter<byte>()), _ =>
        {
            if (++flushes == 2)
            {
                cancellation.Cancel();
            }

            return ValueTask.CompletedTask;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ItemOperationsResponseWriter.WriteAsync(output, Attachment(ItemOperationsData.FromStream(_ => ValueTask.FromResult<Stream>(stream)), length), EasVersion.V141, cancellation.Token));

        Assert.True(stream.Disposed);
        Assert.InRange(stream.PositionAtDispose, 1, length - 1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(ItemOperationsData.ChunkSize * 2 + 2)]
    public void FromBytes_IsTheSameTextAsFromStream(int length)
    {
        byte[] bytes = RandomBytes(length);

        byte[] fromBytes = ItemOperationsResponseWriterTests.Write(Attachment(ItemOperationsData.FromBytes(bytes), length), EasVersion.V141).Bytes;
        byte[] fromStream = ItemOperationsResponseWriterTests.Write(Attachment(ItemOperationsData.FromStream(_ => ValueTask.FromResult<Stream>(new MemoryStream(bytes))), length), EasVersion.V141).Bytes;

        Assert.Equal(fromStream, fromBytes);
        Libwbxml.AssertRoundTrip(fromBytes);
    }

    /// <summary>A read-only stream over bytes that returns at most <c>maxRead</c> bytes a call and remembers being disposed.</summary>
    private sealed class TrackingStream(byte[] bytes, int maxRead) : MemoryStream(bytes, writable: false)
    {
        public bool Disposed { get; private set; }

        public long PositionAtDispose { get; private set; }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        protected override void Dispose(bool disposing)
        {
            if (!Disposed)
            {
                PositionAtDispose = Position;
            }

            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
