using FsCheck;
using FsCheck.Xunit;
using Pushbox.Protocol.Commands.MoveItems;
using Pushbox.Protocol.Tests.Commands;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using Tags = Pushbox.Wbxml.EasCodePages.MoveTags;

namespace Pushbox.Protocol.Tests.MoveItems;

public class MoveItemsRequestParserTests
{
    private static MoveItemsRequest Parse(string xml) => MoveItemsRequestParser.Parse(Encode(xml), WbxmlLimits.Default);

    private static string Body(string moves) => $"""<MoveItems xmlns="Move:">{moves}</MoveItems>""";

    private const string Valid = "<SrcMsgId>5:21</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>";

    private static string Move(string children = Valid) => $"<Move>{children}</Move>";

    [Fact]
    public void Parse_ThreeMoves_EncodedByLibwbxml_AreReadInOrder()
    {
        byte[] body = Libwbxml.Encode("""
            <MoveItems xmlns="Move:">
              <Move><SrcMsgId>5:21</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId></Move>
              <Move><SrcMsgId>5:22</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId></Move>
              <Move><SrcMsgId>5:99</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>5</DstFldId></Move>
            </MoveItems>
            """);

        MoveItemsRequest request = MoveItemsRequestParser.Parse(body, WbxmlLimits.Default);

        Assert.Equal(
            [new MoveItemsMove("5:21", "5", "12"), new MoveItemsMove("5:22", "5", "12"), new MoveItemsMove("5:99", "5", "5")],
            request.Moves);
        Assert.Equal([false, false, true], request.Moves.Select(m => m.IsSameFolder));
    }

    [Fact]
    public void Parse_ChildrenInAnyOrder_AndFullLengthUnicodeIds_AreRead()
    {
        string id = string.Concat(Enumerable.Repeat("ü📁", 32));
        MoveItemsRequest request = Parse(Body($"<Move><DstFldId>{id}</DstFldId><SrcMsgId>a</SrcMsgId><SrcFldId>b</SrcFldId></Move>"));

        Assert.Equal(new MoveItemsMove("a", "b", id), Assert.Single(request.Moves));
    }

    [Fact]
    public void Parse_MaxMoves_IsAccepted() =>
        Assert.Equal(MoveItemsLimits.MaxMoves, Parse(Body(string.Concat(Enumerable.Repeat(Move(), MoveItemsLimits.MaxMoves)))).Moves.Count);

    [Fact]
    public void Parse_OneMoveOverTheLimit_IsMalformed()
    {
        EasProtocolException e = AssertRejected(() => Parse(Body(string.Concat(Enumerable.Repeat(Move(), MoveItemsLimits.MaxMoves + 1)))));
        Assert.Contains("more than 1000", e.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MalformedXml() => new()
    {
        { "wrong root", """<GetItemEstimate xmlns="GetItemEstimate:"><Collections/></GetItemEstimate>""" },
        { "no Move", """<MoveItems xmlns="Move:"/>""" },
        { "unknown element in MoveItems", Body("<Response><SrcMsgId>1</SrcMsgId><Status>3</Status></Response>" + Move()) },
        { "unknown element in Move", Body(Move(Valid + "<DstMsgId>1</DstMsgId>")) },
        { "element of another page in Move", Body(Move(Valid + """<ServerId xmlns="AirSync:">1</ServerId>""")) },
        { "empty Move", Body("<Move/>") },
        { "missing SrcMsgId", Body(Move("<SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>")) },
        { "missing SrcFldId", Body(Move("<SrcMsgId>5:21</SrcMsgId><DstFldId>12</DstFldId>")) },
        { "missing DstFldId", Body(Move("<SrcMsgId>5:21</SrcMsgId><SrcFldId>5</SrcFldId>")) },
        { "repeated SrcMsgId", Body(Move(Valid + "<SrcMsgId>5:22</SrcMsgId>")) },
        { "repeated SrcFldId", Body(Move(Valid + "<SrcFldId>5</SrcFldId>")) },
        { "repeated DstFldId (Status 5 in the spec)", Body(Move(Valid + "<DstFldId>13</DstFldId>")) },
        { "empty SrcMsgId", Body(Move("<SrcMsgId/><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>")) },
        { "empty DstFldId", Body(Move("<SrcMsgId>1</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId/>")) },
        { "SrcMsgId of 65 characters", Body(Move($"<SrcMsgId>{new string('m', 65)}</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>")) },
        { "SrcFldId of 65 characters", Body(Move($"<SrcMsgId>1</SrcMsgId><SrcFldId>{new string('f', 65)}</SrcFldId><DstFldId>12</DstFldId>")) },
        { "DstFldId of 65 characters", Body(Move($"<SrcMsgId>1</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>{new string('d', 65)}</DstFldId>")) },
        { "huge SrcMsgId", Body(Move($"<SrcMsgId>{new string('m', 1_000_000)}</SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>")) },
        { "text in Move", Body("<Move>5:21</Move>") },
        { "text in MoveItems", Body("moves") },
        { "child inside SrcMsgId", Body(Move("<SrcMsgId><SrcFldId>5</SrcFldId></SrcMsgId><SrcFldId>5</SrcFldId><DstFldId>12</DstFldId>")) },
    };

    [Theory]
    [MemberData(nameof(MalformedXml))]
    public void Parse_MalformedBody_IsRefused(string why, string xml)
    {
        Assert.NotNull(why);
        AssertRejected(() => Parse(xml));
    }

    [Fact]
    public void Parse_InvalidUtf8_IsMalformed()
    {
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.MoveItems);
            w.WriteStartElement(Tags.Move);
            w.WriteStartElement(Tags.SrcMsgId);
            w.WriteOpaque([0xC3, 0x28]);
            w.WriteEndElement();
            w.WriteElementString(Tags.SrcFldId, "5");
            w.WriteElementString(Tags.DstFldId, "12");
            w.WriteEndElement();
            w.WriteEndElement();
        });

        AssertRejected(() => MoveItemsRequestParser.Parse(body, WbxmlLimits.Default));
    }

    [Fact]
    public void Parse_TagUndefinedInTheCodePage_IsMalformed()
    {
        // Header, SWITCH_PAGE 5, MoveItems with content, token 0x3F (not defined on page 5), END.
        byte[] body = [0x03, 0x01, 0x6A, 0x00, 0x00, 0x05, 0x45, 0x3F, 0x01];

        AssertRejected(() => MoveItemsRequestParser.Parse(body, WbxmlLimits.Default));
    }

    [Fact]
    public void Parse_EmptyBody_IsMalformed() =>
        AssertRejected(() => MoveItemsRequestParser.Parse(ReadOnlyMemory<byte>.Empty, WbxmlLimits.Default));

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode(Body(Move()));

        AssertRejected(() => MoveItemsRequestParser.Parse(body, new WbxmlLimits { MaxDocumentSize = body.Length - 1 }), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_ContentAfterTheRoot_IsMalformed()
    {
        byte[] body = [.. Encode(Body(Move())), 0x45];

        AssertRejected(() => MoveItemsRequestParser.Parse(body, WbxmlLimits.Default));
    }

    [Fact]
    public void Parse_EveryTruncation_IsMalformed()
    {
        byte[] body = Encode(Body(Move() + Move()));
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => MoveItemsRequestParser.Parse(body.AsMemory(0, length), WbxmlLimits.Default));
        }
    }

    [Property(MaxTest = 300)]
    public bool Parse_AnyValidIds_RoundTrip(NonEmptyString srcMsgId, NonEmptyString srcFldId, NonEmptyString dstFldId)
    {
        static string Clean(string s) => new(s.Where(c => c != '\0' && !char.IsSurrogate(c)).Take(64).ToArray());
        var expected = new MoveItemsMove(Clean(srcMsgId.Get), Clean(srcFldId.Get), Clean(dstFldId.Get));
        if (expected.SrcMsgId.Length == 0 || expected.SrcFldId.Length == 0 || expected.DstFldId.Length == 0)
        {
            return true;
        }

        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.MoveItems);
            w.WriteStartElement(Tags.Move);
            w.WriteElementString(Tags.SrcMsgId, expected.SrcMsgId);
            w.WriteElementString(Tags.SrcFldId, expected.SrcFldId);
            w.WriteElementString(Tags.DstFldId, expected.DstFldId);
            w.WriteEndElement();
            w.WriteEndElement();
        });
        return MoveItemsRequestParser.Parse(body, WbxmlLimits.Default).Moves.Single() == expected;
    }
}
