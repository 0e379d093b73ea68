using Pushbox.Protocol.Commands.MoveItems;
using Pushbox.Protocol.Tests.Commands;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.MoveItems;

public class MoveItemsResponseWriterTests
{
    private const string Schema = "MoveItemsResponse.xsd";

    private static byte[] Write(MoveItemsResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => MoveItemsResponseWriter.Write(w, response, version));

    private static MoveItemsResponse Sample() => MoveItemsResponse.Success(
    [
        MoveItemsMoveResponse.Moved("5:21", "12:1"),
        MoveItemsMoveResponse.Moved("5:22", "12:2"),
        MoveItemsMoveResponse.Failure("5:99", MoveItemsStatus.InvalidSourceCollectionId),
    ]);

    [Fact]
    public void Write_PerMoveResponses_MatchGoldenBytes()
    {
        byte[] expected = Encode("""
            <MoveItems xmlns="Move:">
              <Response><SrcMsgId>5:21</SrcMsgId><Status>3</Status><DstMsgId>12:1</DstMsgId></Response>
              <Response><SrcMsgId>5:22</SrcMsgId><Status>3</Status><DstMsgId>12:2</DstMsgId></Response>
              <Response><SrcMsgId>5:99</SrcMsgId><Status>1</Status></Response>
            </MoveItems>
            """);

        AssertSameBytes(expected, Write(Sample(), EasVersion.V141));
    }

    [Fact]
    public void Write_GlobalFailure_IsStatusAlone()
    {
        byte[] expected = Encode("""<MoveItems xmlns="Move:"><Status>5</Status></MoveItems>""");

        AssertSameBytes(expected, Write(MoveItemsResponse.Failure(MoveItemsStatus.CannotMove), EasVersion.V25));
    }

    [Fact]
    public void Write_Output_RoundTripsThroughLibwbxml()
    {
        Libwbxml.AssertRoundTrip(Write(Sample(), EasVersion.V161));
        Libwbxml.AssertRoundTrip(Write(MoveItemsResponse.Failure((MoveItemsStatus)103), EasVersion.V140));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryStatusAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        EasVersion v = Version(version);
        var failures = Enum.GetValues<MoveItemsStatus>().Where(s => s != MoveItemsStatus.Success).ToList();
        var responses = new List<MoveItemsResponse>
        {
            Sample(),
            MoveItemsResponse.Success([MoveItemsMoveResponse.Moved(new string('s', 64), new string('d', 64))]),
            MoveItemsResponse.Success([.. failures.Select(s => MoveItemsMoveResponse.Failure("1", s))]),
        };
        responses.AddRange(failures.Select(MoveItemsResponse.Failure));
        if (v >= EasVersion.V140)
        {
            responses.Add(MoveItemsResponse.Failure((MoveItemsStatus)103));
            responses.Add(MoveItemsResponse.Success([MoveItemsMoveResponse.Failure("1", (MoveItemsStatus)110)]));
        }

        foreach (MoveItemsResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, v), Schema);
        }
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public void Write_CommonStatusBefore14_Throws(string version)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(MoveItemsResponse.Failure((MoveItemsStatus)103), Version(version)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(MoveItemsResponse.Success([MoveItemsMoveResponse.Failure("1", (MoveItemsStatus)110)]), Version(version)));
    }

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MoveItemsResponse.Failure(MoveItemsStatus.Success));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoveItemsResponse.Failure(0));
        Assert.Throws<ArgumentException>(() => MoveItemsResponse.Success([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoveItemsMoveResponse.Failure("1", MoveItemsStatus.Success));
        Assert.Throws<ArgumentOutOfRangeException>(() => MoveItemsMoveResponse.Failure("1", 0));
        Assert.Throws<ArgumentException>(() => MoveItemsMoveResponse.Moved("1", new string('d', 65)));
        Assert.Throws<ArgumentException>(() => MoveItemsMoveResponse.Moved("", "1"));
        Assert.Throws<ArgumentException>(() => MoveItemsMoveResponse.Failure(new string('s', 65), MoveItemsStatus.Locked));
    }

    [Fact]
    public void Status_Numbers_AreTheSpecs() =>
        Assert.Equal([1, 2, 3, 4, 5, 7], Enum.GetValues<MoveItemsStatus>().Select(s => (int)s));
}
