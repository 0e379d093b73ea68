using System.Buffers;
using System.Text;
using System.Xml.Linq;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Tests;

public class WbxmlWriterInlineStringTests
{
    [Fact]
    public void InlineString_WrittenInChunks_IsTheSameBytesAsWrittenWhole()
    {
        byte[] text = Encoding.UTF8.GetBytes("Grüße aus Köln — 東京 🎉");

        byte[] whole = Write(w => w.WriteUtf8String(text));
        byte[] chunked = Write(w =>
        {
            w.WriteInlineStringStart();
            w.WriteInlineStringChunk(text.AsSpan(0, 3));

            // Splits the two-byte "ü" and later the four-byte emoji across chunks.
            w.WriteInlineStringChunk(text.AsSpan(3, 1));
            w.WriteInlineStringChunk(text.AsSpan(4, text.Length - 6));
            w.WriteInlineStringChunk(ReadOnlySpan<byte>.Empty);
            w.WriteInlineStringChunk(text.AsSpan(text.Length - 2));
            w.WriteInlineStringEnd();
        });

        Assert.Equal(Hex.Format(whole), Hex.Format(chunked));
        Assert.Equal("Grüße aus Köln — 東京 🎉", DataText(chunked));
    }

    [Fact]
    public void InlineString_WithoutBytes_LeavesAnEmptyElement()
    {
        byte[] bytes = Write(w =>
        {
            w.WriteInlineStringStart();
            w.WriteInlineStringChunk([]);
            w.WriteInlineStringEnd();
        });

        // Header, Sync, SWITCH_PAGE 17, Data without the content flag, END of Sync.
        Assert.Equal("03016A00" + "45" + "0011" + "0B" + "01", Hex.Format(bytes));
    }

    [Fact]
    public void InlineString_ChunkWithZeroByte_IsRefusedAndWritesNothing()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        writer.WriteStartElement(AirSyncTags.Sync);
        writer.WriteStartElement(AirSyncBaseTags.Data);
        writer.WriteInlineStringStart();
        writer.WriteInlineStringChunk("ab"u8);
        int before = output.WrittenCount;

        Assert.Throws<ArgumentException>(() => writer.WriteInlineStringChunk("c\0d"u8));

        Assert.Equal(before, output.WrittenCount);
        writer.WriteInlineStringChunk("cd"u8);
        writer.WriteInlineStringEnd();
        writer.WriteEndElement();
        writer.WriteEndElement();
        Assert.Equal("abcd", DataText(output.WrittenSpan.ToArray()));
    }

    [Fact]
    public void InlineString_Open_RefusesEveryOtherWrite()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());
        writer.WriteStartElement(AirSyncTags.Sync);
        writer.WriteInlineStringStart();

        Assert.Throws<InvalidOperationException>(() => writer.WriteStartElement(AirSyncTags.Status));
        Assert.Throws<InvalidOperationException>(writer.WriteEndElement);
        Assert.Throws<InvalidOperationException>(() => writer.WriteString("x"));
        Assert.Throws<InvalidOperationException>(() => writer.WriteUtf8String("x"u8));
        Assert.Throws<InvalidOperationException>(() => writer.WriteOpaque([1]));
        Assert.Throws<InvalidOperationException>(writer.WriteInlineStringStart);
    }

    [Fact]
    public void InlineString_ChunkOrEndWithoutStart_Throws()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());
        writer.WriteStartElement(AirSyncTags.Sync);

        Assert.Throws<InvalidOperationException>(() => writer.WriteInlineStringChunk("x"u8));
        Assert.Throws<InvalidOperationException>(writer.WriteInlineStringEnd);
    }

    [Fact]
    public void InlineString_OutsideAnElement_Throws()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());

        Assert.Throws<InvalidOperationException>(writer.WriteInlineStringStart);
    }

    [Fact]
    public void InlineString_LargerThanTheBufferSegments_IsWrittenWhole()
    {
        byte[] text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0123456789abcdef", 64 * 1024)));

        byte[] bytes = Write(w =>
        {
            w.WriteInlineStringStart();
            for (int i = 0; i < text.Length; i += 4000)
            {
                w.WriteInlineStringChunk(text.AsSpan(i, Math.Min(4000, text.Length - i)));
            }

            w.WriteInlineStringEnd();
        });

        Assert.Equal(Encoding.UTF8.GetString(text), DataText(bytes));
    }

    private static string DataText(byte[] document) =>
        XDocument.Parse(WbxmlXml.ToXml(document)).Descendants().Last().Value;

    /// <summary>Writes Sync › airsyncbase:Data with the content <paramref name="content"/> writes.</summary>
    private static byte[] Write(Action<WbxmlWriter> content)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        writer.WriteStartElement(AirSyncTags.Sync);
        writer.WriteStartElement(AirSyncBaseTags.Data);
        content(writer);
        writer.WriteEndElement();
        writer.WriteEndElement();
        return output.WrittenSpan.ToArray();
    }
}
