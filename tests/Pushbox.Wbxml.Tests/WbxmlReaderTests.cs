using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Tests;

public class WbxmlReaderTests
{
    [Fact]
    public void Reader_SpecContactExample_ReadsEveryNode()
    {
        var reader = new WbxmlReader(Hex.Parse(WbxmlWriterTests.SpecContactExample));
        var seen = new List<string>();
        while (reader.Read())
        {
            seen.Add(reader.NodeType switch
            {
                WbxmlNodeType.StartElement => $"<{Describe(reader.Tag)}",
                WbxmlNodeType.EndElement => $">{Describe(reader.Tag)}",
                _ => $"'{reader.GetString()}'",
            });
        }

        Assert.Equal(
            [
                "<AirSync:Sync", "<AirSync:Collections", "<AirSync:Collection",
                "<AirSync:Class", "'Contacts'", ">AirSync:Class",
                "<AirSync:SyncKey", "'2'", ">AirSync:SyncKey",
                "<AirSync:CollectionId", "'2'", ">AirSync:CollectionId",
                "<AirSync:Status", "'1'", ">AirSync:Status",
                "<AirSync:Commands", "<AirSync:Add",
                "<AirSync:ServerId", "'2:1'", ">AirSync:ServerId",
                "<AirSync:ApplicationData", "<AirSyncBase:Body",
                "<AirSyncBase:Type", "'1'", ">AirSyncBase:Type",
                "<AirSyncBase:EstimatedDataSize", "'0'", ">AirSyncBase:EstimatedDataSize",
                "<AirSyncBase:Truncated", "'1'", ">AirSyncBase:Truncated",
                ">AirSyncBase:Body",
                "<Contacts:FileAs", "'Funk, Don'", ">Contacts:FileAs",
                "<Contacts:FirstName", "'Don'", ">Contacts:FirstName",
                "<Contacts:LastName", "'Funk'", ">Contacts:LastName",
                "<AirSyncBase:NativeBodyType", "'1'", ">AirSyncBase:NativeBodyType",
                ">AirSync:ApplicationData", ">AirSync:Add", ">AirSync:Commands",
                ">AirSync:Collection", ">AirSync:Collections", ">AirSync:Sync",
            ],
            seen);
        Assert.Equal(WbxmlNodeType.None, reader.NodeType);
    }

    [Fact]
    public void Reader_EmptyElement_ReportsStartThenEnd()
    {
        var reader = new WbxmlReader(Hex.Parse("03 01 6A 00 45 13 01"));

        Assert.True(reader.Read());
        Assert.Equal((WbxmlNodeType.StartElement, AirSyncTags.Sync, false, 1), (reader.NodeType, reader.Tag, reader.IsEmptyElement, reader.Depth));
        Assert.True(reader.Read());
        Assert.Equal((WbxmlNodeType.StartElement, AirSyncTags.GetChanges, true, 2), (reader.NodeType, reader.Tag, reader.IsEmptyElement, reader.Depth));
        Assert.True(reader.Read());
        Assert.Equal((WbxmlNodeType.EndElement, AirSyncTags.GetChanges), (reader.NodeType, reader.Tag));
        Assert.True(reader.Read());
        Assert.Equal((WbxmlNodeType.EndElement, AirSyncTags.Sync, 1), (reader.NodeType, reader.Tag, reader.Depth));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Reader_StringTableReference_ResolvesToTheTableString()
    {
        // String table "abc\0Inbox\0"; FolderSync > SyncKey STR_T 4.
        var reader = new WbxmlReader(Hex.Parse("03 01 6A 0A 61 62 63 00 49 6E 62 6F 78 00 00 07 56 52 83 04 01 01"));

        reader.Read();
        reader.Read();
        Assert.Equal("Inbox", reader.ReadElementText());
    }

    [Fact]
    public void Reader_PublicIdZero_SkipsTheStringTableIndex()
    {
        var reader = new WbxmlReader(Hex.Parse("03 00 00 6A 00 4D 03 31 00 01"));

        reader.Read();
        Assert.Equal(AirSyncTags.ServerId, reader.Tag);
        Assert.Equal("1", reader.ReadElementText());
    }

    [Fact]
    public void Reader_ElementHelpers_ReadTextNumbersAndBytes()
    {
        byte[] document = WbxmlWriterTests.Write(w =>
        {
            w.WriteStartElement(SettingsTags.Settings);
            w.WriteElementInt(SettingsTags.Status, 142);
            w.WriteElementString(SettingsTags.Model, "Pixel");
            w.WriteElementOpaque(Email2Tags.ConversationId, [1, 2, 3]);
            w.WriteStartElement(SettingsTags.Oof);
            w.WriteElementString(SettingsTags.OofState, "1");
            w.WriteEndElement();
            w.WriteEmptyElement(SettingsTags.Get);
            w.WriteEndElement();
        });

        var reader = new WbxmlReader(document);
        reader.Read();
        reader.Read();
        reader.Read();
        Assert.True(reader.TryGetInt32(out int status));
        Assert.Equal(142, status);
        reader.Read();
        reader.Read();
        Assert.Equal("Pixel", reader.ReadElementText());
        reader.Read();
        Assert.Equal([1, 2, 3], reader.ReadElementBytes());
        reader.Read();
        reader.Skip();
        Assert.Equal((WbxmlNodeType.EndElement, SettingsTags.Oof), (reader.NodeType, reader.Tag));
        reader.Read();
        Assert.Equal(string.Empty, reader.ReadElementText());
        Assert.Equal(SettingsTags.Get, reader.Tag);
        reader.Read();
        Assert.Equal((WbxmlNodeType.EndElement, SettingsTags.Settings), (reader.NodeType, reader.Tag));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Reader_TextOfChildElements_IsRefusedByReadElementText()
    {
        var reader = new WbxmlReader(Hex.Parse(WbxmlWriterTests.SpecContactExample));
        reader.Read();

        var e = Assert.Throws<WbxmlException>(() => reader.ReadElementText());
        Assert.Equal(WbxmlErrorReason.UnexpectedToken, e.Reason);
        Assert.Equal(5, e.Offset);
    }

    [Fact]
    public async Task Buffer_StreamLargerThanTheLimit_IsRefusedWithoutReadingItAll()
    {
        var limits = new WbxmlLimits { MaxDocumentSize = 64 * 1024 };
        using var endless = new EndlessStream();

        var e = await Assert.ThrowsAsync<WbxmlException>(async () => await WbxmlBuffer.ReadFromAsync(endless, limits));

        Assert.Equal(WbxmlErrorReason.DocumentTooLarge, e.Reason);
        Assert.InRange(endless.Served, limits.MaxDocumentSize + 1, (limits.MaxDocumentSize * 2) + 16384);
    }

    [Fact]
    public async Task Buffer_DeclaredLengthOverTheLimit_IsRefusedBeforeReading()
    {
        using var endless = new EndlessStream();

        var e = await Assert.ThrowsAsync<WbxmlException>(async () => await WbxmlBuffer.ReadFromAsync(endless, sizeHint: long.MaxValue));

        Assert.Equal(WbxmlErrorReason.DocumentTooLarge, e.Reason);
        Assert.Equal(0, endless.Served);
    }

    [Fact]
    public async Task Buffer_Document_ReadsBackWhole()
    {
        byte[] document = Hex.Parse(WbxmlWriterTests.SpecContactExample);
        using var stream = new MemoryStream(document);

        using WbxmlBuffer buffer = await WbxmlBuffer.ReadFromAsync(stream);

        Assert.Equal(document, buffer.Memory.ToArray());
    }

    [Fact]
    public void Limits_NonPositiveValues_AreRefused()
    {
        var limits = new WbxmlLimits();

        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxDepth = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxDocumentSize = -1);
        Assert.Equal(WbxmlLimits.DefaultMaxDepth, limits.MaxDepth);
    }

    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, 8192);
            buffer.AsSpan(offset, n).Fill(0x45);
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
