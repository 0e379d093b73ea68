namespace Pushbox.Wbxml.Tests;

/// <summary>Malformed and hostile documents: each is a clean <see cref="WbxmlException"/> with a reason and an offset.</summary>
public class HostileInputTests
{
    private const string Header = "03 01 6A 00 ";

    [Fact]
    public void Truncation_AtEveryOffsetOfARealDocument_IsAWbxmlException()
    {
        byte[] document = Hex.Parse(WbxmlWriterTests.SpecContactExample);
        for (int length = 0; length < document.Length; length++)
        {
            var e = Assert.Throws<WbxmlException>(() => ReadAll(document.AsMemory(0, length)));
            Assert.True(
                e.Reason is WbxmlErrorReason.UnexpectedEnd or WbxmlErrorReason.MissingRootElement,
                $"prefix of {length} bytes: {e.Reason}");
            Assert.InRange(e.Offset, 0, length);
        }

        ReadAll(document);
    }

    [Theory]
    [InlineData(Header + "00 1A 45 01", WbxmlErrorReason.UnknownCodePage, 4)]
    [InlineData(Header + "00 FF 45 01", WbxmlErrorReason.UnknownCodePage, 4)]
    [InlineData(Header + "45 7F 01", WbxmlErrorReason.UnknownTag, 5)]
    [InlineData(Header + "00 03 3F", WbxmlErrorReason.UnknownTag, 6)]
    [InlineData(Header + "00 19 45 5E 01 01", WbxmlErrorReason.UnknownTag, 7)]
    [InlineData(Header + "C5 01", WbxmlErrorReason.AttributesNotSupported, 4)]
    [InlineData(Header + "85 01", WbxmlErrorReason.AttributesNotSupported, 4)]
    [InlineData(Header + "45 03 61 62 63", WbxmlErrorReason.UnexpectedEnd, 5)]
    [InlineData(Header + "45 83 00 01", WbxmlErrorReason.InvalidStringTableReference, 5)]
    [InlineData("03 01 6A 02 61 62 45 83 00 01", WbxmlErrorReason.InvalidStringTableReference, 7)]
    [InlineData("03 01 6A 7F 61", WbxmlErrorReason.UnexpectedEnd, 3)]
    [InlineData(Header + "45 C3 88 80 80 80 00 01", WbxmlErrorReason.OpaqueTooLong, 5)]
    [InlineData(Header + "45 C3 8F FF FF FF 7F 01", WbxmlErrorReason.OpaqueTooLong, 5)]
    [InlineData(Header + "45 C3 05 01 02", WbxmlErrorReason.UnexpectedEnd, 5)]
    [InlineData(Header + "45 C3 81 81 81 81 81 01 01", WbxmlErrorReason.InvalidMultiByteInteger, 6)]
    [InlineData("03 81 81 81 81 81 01 6A 00 45 01", WbxmlErrorReason.InvalidMultiByteInteger, 1)]
    [InlineData(Header + "45 02 41 01", WbxmlErrorReason.UnsupportedToken, 5)]
    [InlineData(Header + "45 43 01", WbxmlErrorReason.UnsupportedToken, 5)]
    [InlineData(Header + "45 04 00 01", WbxmlErrorReason.UnsupportedToken, 5)]
    [InlineData(Header + "45 C0 01", WbxmlErrorReason.UnsupportedToken, 5)]
    [InlineData(Header + "45 80 00 01", WbxmlErrorReason.UnsupportedToken, 5)]
    [InlineData(Header + "03 61 00 45 01", WbxmlErrorReason.UnexpectedToken, 4)]
    [InlineData(Header + "01", WbxmlErrorReason.UnexpectedToken, 4)]
    [InlineData(Header + "C3 00 45 01", WbxmlErrorReason.UnexpectedToken, 4)]
    [InlineData(Header + "45 01 01", WbxmlErrorReason.TrailingData, 6)]
    [InlineData(Header + "05 05", WbxmlErrorReason.TrailingData, 5)]
    [InlineData(Header, WbxmlErrorReason.MissingRootElement, 4)]
    [InlineData(Header + "00 01", WbxmlErrorReason.MissingRootElement, 6)]
    [InlineData("04 01 6A 00 45 01", WbxmlErrorReason.UnsupportedVersion, 0)]
    [InlineData("03 01 04 00 45 01", WbxmlErrorReason.UnsupportedCharset, 2)]
    [InlineData("03 01 83 00 00 45 01", WbxmlErrorReason.UnsupportedCharset, 2)]
    [InlineData("", WbxmlErrorReason.UnexpectedEnd, 0)]
    [InlineData("03", WbxmlErrorReason.UnexpectedEnd, 1)]
    public void MalformedDocument_IsRefusedWithReasonAndOffset(string hex, WbxmlErrorReason reason, long offset)
    {
        var e = Assert.Throws<WbxmlException>(() => ReadAll(Hex.Parse(hex)));

        Assert.Equal(reason, e.Reason);
        Assert.Equal(offset, e.Offset);
        Assert.Contains($"byte offset {offset}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_100000Deep_StopsAtTheDepthLimit()
    {
        byte[] document = DeepDocument(100_000);

        var e = Assert.Throws<WbxmlException>(() => ReadAll(document));

        Assert.Equal(WbxmlErrorReason.DepthExceeded, e.Reason);
        Assert.Equal(4 + WbxmlLimits.DefaultMaxDepth, e.Offset);
    }

    [Fact]
    public void Nesting_100000Deep_WithTheLimitRaised_IsReadWithoutRecursion()
    {
        byte[] document = DeepDocument(100_000);
        var limits = new WbxmlLimits { MaxDepth = 100_000 };

        Assert.Equal(200_000, ReadAll(document, limits));
        Assert.Contains("<Collection>", WbxmlXml.ToXml(document, limits), StringComparison.Ordinal);
    }

    [Fact]
    public void String_LongerThanTheLimit_IsRefusedBeforeItsEnd()
    {
        var limits = new WbxmlLimits { MaxStringLength = 1000 };
        byte[] document = [.. Hex.Parse(Header + "45 03"), .. Enumerable.Repeat((byte)'a', 5000), 0x00, 0x01];

        var e = Assert.Throws<WbxmlException>(() => ReadAll(document, limits));

        Assert.Equal(WbxmlErrorReason.StringTooLong, e.Reason);
        Assert.Equal(5, e.Offset);
    }

    [Fact]
    public void Document_LargerThanTheLimit_IsRefusedAtOnce()
    {
        var limits = new WbxmlLimits { MaxDocumentSize = 16 };
        byte[] document = [.. Hex.Parse(Header + "45 03"), .. Enumerable.Repeat((byte)'a', 20), 0x00, 0x01];

        var e = Assert.Throws<WbxmlException>(() => new WbxmlReader(document, limits));

        Assert.Equal(WbxmlErrorReason.DocumentTooLarge, e.Reason);
    }

    [Fact]
    public void XmlBridge_HostileXml_IsAWbxmlException()
    {
        string[] documents =
        [
            "",
            "<Sync xmlns=\"AirSync:\">",
            "<Sync>no namespace</Sync>",
            "<Sync xmlns=\"AirSync:\" class=\"x\"/>",
            "<Sync xmlns=\"Nowhere:\"/>",
            "<ConversationId xmlns=\"Email2:\">not base64!</ConversationId>",
            "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><Sync xmlns=\"AirSync:\">&b;</Sync>",
        ];

        foreach (string xml in documents)
        {
            var e = Assert.Throws<WbxmlException>(() => WbxmlXml.FromXml(xml));
            Assert.True(e.Reason is WbxmlErrorReason.InvalidXml or WbxmlErrorReason.MissingRootElement, $"{xml}: {e.Reason}");
        }
    }

    private static byte[] DeepDocument(int depth)
    {
        // AirSync Collection (0x0F) with content, nested `depth` times, then closed.
        var bytes = new List<byte>(Hex.Parse(Header));
        bytes.AddRange(Enumerable.Repeat((byte)0x4F, depth));
        bytes.AddRange(Enumerable.Repeat((byte)0x01, depth));
        return [.. bytes];
    }

    /// <summary>Reads every node; returns how many there were.</summary>
    internal static int ReadAll(ReadOnlyMemory<byte> document, WbxmlLimits? limits = null)
    {
        var reader = new WbxmlReader(document, limits);
        int nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }
}
