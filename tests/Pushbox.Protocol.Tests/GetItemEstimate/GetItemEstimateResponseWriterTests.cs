using Pushbox.Protocol.Commands.GetItemEstimate;
using Pushbox.Protocol.Tests.Commands;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.GetItemEstimate;

public class GetItemEstimateResponseWriterTests
{
    private const string Schema = "GetItemEstimateResponse.xsd";

    private static byte[] Write(GetItemEstimateResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => GetItemEstimateResponseWriter.Write(w, response, version));

    private static GetItemEstimateResponse Sample() => GetItemEstimateResponse.Success(
    [
        GetItemEstimateCollectionResponse.Success("5", 42),
        GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.InvalidCollection, "3"),
        GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.SyncStateNotPrimed),
    ]);

    [Fact]
    public void Write_PerCollectionResponses_MatchGoldenBytes()
    {
        byte[] expected = Encode("""
            <GetItemEstimate xmlns="GetItemEstimate:">
              <Response><Status>1</Status><Collection><CollectionId>5</CollectionId><Estimate>42</Estimate></Collection></Response>
              <Response><Status>2</Status><Collection><CollectionId>3</CollectionId></Collection></Response>
              <Response><Status>3</Status></Response>
            </GetItemEstimate>
            """);

        AssertSameBytes(expected, Write(Sample(), EasVersion.V141));
    }

    [Fact]
    public void Write_GlobalFailure_IsStatusAlone()
    {
        byte[] expected = Encode("""<GetItemEstimate xmlns="GetItemEstimate:"><Status>4</Status></GetItemEstimate>""");

        AssertSameBytes(expected, Write(GetItemEstimateResponse.Failure(GetItemEstimateStatus.InvalidSyncKey), EasVersion.V121));
    }

    [Fact]
    public void Write_Output_RoundTripsThroughLibwbxml()
    {
        Libwbxml.AssertRoundTrip(Write(Sample(), EasVersion.V161));
        Libwbxml.AssertRoundTrip(Write(GetItemEstimateResponse.Failure((GetItemEstimateStatus)103), EasVersion.V140));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryStatusAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        EasVersion v = Version(version);
        var failures = Enum.GetValues<GetItemEstimateStatus>().Where(s => s != GetItemEstimateStatus.Success).ToList();
        var responses = new List<GetItemEstimateResponse>
        {
            Sample(),
            GetItemEstimateResponse.Success([GetItemEstimateCollectionResponse.Success(new string('c', 64), 0)]),
            GetItemEstimateResponse.Success([GetItemEstimateCollectionResponse.Success("1", int.MaxValue)]),
            GetItemEstimateResponse.Success([.. failures.Select(s => GetItemEstimateCollectionResponse.Failure(s, "9"))]),
        };
        responses.AddRange(failures.Select(GetItemEstimateResponse.Failure));
        if (v >= EasVersion.V140)
        {
            responses.Add(GetItemEstimateResponse.Failure((GetItemEstimateStatus)103));
            responses.Add(GetItemEstimateResponse.Success([GetItemEstimateCollectionResponse.Failure((GetItemEstimateStatus)110, "1")]));
        }

        foreach (GetItemEstimateResponse response in responses)
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
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(GetItemEstimateResponse.Failure((GetItemEstimateStatus)103), Version(version)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(GetItemEstimateResponse.Success([GetItemEstimateCollectionResponse.Failure((GetItemEstimateStatus)110)]), Version(version)));
    }

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GetItemEstimateResponse.Failure(GetItemEstimateStatus.Success));
        Assert.Throws<ArgumentOutOfRangeException>(() => GetItemEstimateResponse.Failure(0));
        Assert.Throws<ArgumentException>(() => GetItemEstimateResponse.Success([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.Success, "1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GetItemEstimateCollectionResponse.Success("1", -1));
        Assert.Throws<ArgumentException>(() => GetItemEstimateCollectionResponse.Success(new string('c', 65), 1));
        Assert.Throws<ArgumentException>(() => GetItemEstimateCollectionResponse.Success("", 1));
        Assert.Throws<ArgumentException>(() => GetItemEstimateCollectionResponse.Failure(GetItemEstimateStatus.InvalidCollection, "a\0b"));
    }

    [Fact]
    public void Status_Numbers_AreTheSpecs() =>
        Assert.Equal([1, 2, 3, 4], Enum.GetValues<GetItemEstimateStatus>().Select(s => (int)s));
}
