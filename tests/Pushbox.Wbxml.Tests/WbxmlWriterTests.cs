using System.Buffers;
using static Pushbox.Wbxml.EasCodePages;

namespace Pushbox.Wbxml.Tests;

public class WbxmlWriterTests
{
    /// <summary>
    /// MS-ASWBXML section 4 ("Protocol Examples"): a Sync response adding a contact. The spec shows
    /// the encoding byte by byte; the first 78 bytes are quoted from it, the rest follow its rules.
    /// </summary>
    internal const string SpecContactExample = """
        03 01 6A 00 45 5C 4F 50 03 43 6F 6E 74 61 63 74 73 00 01 4B 03 32 00 01 52 03 32 00 01
        4E 03 31 00 01 56 47 4D 03 32 3A 31 00 01 5D 00 11 4A 46 03 31 00 01 4C 03 30 00 01 4D
        03 31 00 01 01 00 01 5E 03 46 75 6E 6B 2C 20 44 6F 6E 00 01 5F 03 44 6F 6E 00 01 69 03
        46 75 6E 6B 00 01 00 11 56 03 31 00 01 01 01 01 01 01 01
        """;

    [Fact]
    public void Writer_SpecContactExample_ProducesTheSpecBytes()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new WbxmlWriter(output);
        writer.WriteStartElement(AirSyncTags.Sync);
        writer.WriteStartElement(AirSyncTags.Collections);
        writer.WriteStartElement(AirSyncTags.Collection);
        writer.WriteElementString(AirSyncTags.Class, "Contacts");
        writer.WriteElementString(AirSyncTags.SyncKey, "2");
        writer.WriteElementString(AirSyncTags.CollectionId, "2");
        writer.WriteElementInt(AirSyncTags.Status, 1);
        writer.WriteStartElement(AirSyncTags.Commands);
        writer.WriteStartElement(AirSyncTags.Add);
        writer.WriteElementString(AirSyncTags.ServerId, "2:1");
        writer.WriteStartElement(AirSyncTags.ApplicationData);
        writer.WriteStartElement(AirSyncBaseTags.Body);
        writer.WriteElementInt(AirSyncBaseTags.Type, 1);
        writer.WriteElementInt(AirSyncBaseTags.EstimatedDataSize, 0);
        writer.WriteElementInt(AirSyncBaseTags.Truncated, 1);
        writer.WriteEndElement();
        writer.WriteElementString(ContactsTags.FileAs, "Funk, Don");
        writer.WriteElementString(ContactsTags.FirstName, "Don");
        writer.WriteElementString(ContactsTags.LastName, "Funk");
        writer.WriteElementInt(AirSyncBaseTags.NativeBodyType, 1);
        for (int i = 0; i < 6; i++)
        {
            writer.WriteEndElement();
        }

        Assert.Equal(Hex.Format(Hex.Parse(SpecContactExample)), Hex.Format(output.WrittenSpan));
        Assert.Equal(0, writer.Depth);
    }

    [Fact]
    public void Writer_ElementWithoutContent_HasNoContentFlagAndNoEnd()
    {
        byte[] bytes = Write(w =>
        {
            w.WriteStartElement(AirSyncTags.Sync);
            w.WriteEmptyElement(AirSyncTags.GetChanges);
            w.WriteStartElement(AirSyncTags.DeletesAsMoves);
            w.WriteString("");
            w.WriteEndElement();
            w.WriteEndElement();
        });

        Assert.Equal("03016A00" + "45" + "13" + "1E" + "01", Hex.Format(bytes));
    }

    [Fact]
    public void Writer_CodePage_SwitchesOnlyWhenThePageChanges()
    {
        byte[] bytes = Write(w =>
        {
            w.WriteStartElement(AirSyncTags.Options);
            w.WriteStartElement(AirSyncBaseTags.BodyPreference);
            w.WriteElementInt(AirSyncBaseTags.Type, 2);
            w.WriteElementInt(AirSyncBaseTags.TruncationSize, 5120);
            w.WriteEndElement();
            w.WriteEmptyElement(AirSyncTags.MIMESupport);
            w.WriteEmptyElement(AirSyncTags.Conflict);
            w.WriteEndElement();
        });

        Assert.Equal(
            "03016A00" + "57" + "0011" + "45" + "46033200" + "01" + "470335313230" + "0001" + "01" + "0000" + "22" + "1B" + "01",
            Hex.Format(bytes));
    }

    [Theory]
    [InlineData(0, "C300")]
    [InlineData(127, "C37F")]
    [InlineData(128, "C38100")]
    [InlineData(200, "C38148")]
    [InlineData(16384, "C3818000")]
    public void Writer_OpaqueLength_IsAMultiByteInteger(int length, string expectedPrefix)
    {
        byte[] bytes = Write(w => w.WriteElementOpaque(ComposeMailTags.Mime, new byte[length]));

        string hex = Hex.Format(bytes);
        Assert.StartsWith("03016A00" + "0015" + "50" + expectedPrefix, hex, StringComparison.Ordinal);
        Assert.Equal(4 + 3 + (expectedPrefix.Length / 2) + length + 1, bytes.Length);
    }

    [Fact]
    public void Writer_Utf8Text_IsWrittenAsInlineString()
    {
        byte[] bytes = Write(w => w.WriteElementString(EmailTags.Subject, "Grüße ☃"));

        Assert.Equal("03016A00" + "0002" + "54" + "03" + Hex.Format("Grüße ☃"u8) + "00" + "01", Hex.Format(bytes));
    }

    [Fact]
    public void Writer_TextWithNul_IsRefused()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());
        writer.WriteStartElement(EmailTags.Subject);

        Assert.Throws<ArgumentException>(() => writer.WriteString("a\0b"));
    }

    [Fact]
    public void Writer_UnknownTag_IsRefused()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteStartElement(Tag(3, 0x3F)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteStartElement(Tag(26, 0x05)));
    }

    [Fact]
    public void Writer_SecondRootOrStrayEnd_IsRefused()
    {
        var writer = new WbxmlWriter(new ArrayBufferWriter<byte>());
        writer.WriteEmptyElement(PingTags.Ping);

        Assert.Throws<InvalidOperationException>(() => writer.WriteStartElement(PingTags.Ping));
        Assert.Throws<InvalidOperationException>(writer.WriteEndElement);
        Assert.Throws<InvalidOperationException>(() => writer.WriteString("x"));
    }

    internal static byte[] Write(Action<WbxmlWriter> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(new WbxmlWriter(output));
        return output.WrittenSpan.ToArray();
    }
}
