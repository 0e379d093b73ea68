using Pushbox.Protocol.Commands.Ping;
using Pushbox.Protocol.Tests.Commands;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.Ping;

public class PingResponseWriterTests
{
    private const string Schema = "PingResponse.xsd";

    private static byte[] Write(PingResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => PingResponseWriter.Write(w, response, version));

    /// <summary>One response of every shape, with the values at their bounds.</summary>
    private static IEnumerable<PingResponse> EveryShape() =>
    [
        PingResponse.HeartbeatExpired(),
        PingResponse.ChangesOccurred(["5"]),
        PingResponse.ChangesOccurred(["5", "2", new string('f', PingLimits.MaxIdLength)]),
        PingResponse.Failure(PingStatus.MissingParameters),
        PingResponse.Failure(PingStatus.SyntaxError),
        PingResponse.HeartbeatIntervalOutOfRange(PingLimits.MinHeartbeatInterval),
        PingResponse.HeartbeatIntervalOutOfRange(PingLimits.MaxHeartbeatInterval),
        PingResponse.TooManyFolders(1),
        PingResponse.TooManyFolders(PingLimits.MaxFolders),
        PingResponse.Failure(PingStatus.FolderHierarchySyncRequired),
        PingResponse.Failure(PingStatus.ServerError),
    ];

    [Fact]
    public void Write_ChangesOccurred_MatchesGoldenBytes()
    {
        byte[] expected = Encode("""
            <Ping xmlns="Ping:">
              <Status>2</Status>
              <Folders><Folder>5</Folder><Folder>2</Folder></Folders>
            </Ping>
            """);

        AssertSameBytes(expected, Write(PingResponse.ChangesOccurred(["5", "2"]), EasVersion.V141));
    }

    [Fact]
    public void Write_HeartbeatExpired_IsStatusAlone() =>
        AssertSameBytes(Encode("""<Ping xmlns="Ping:"><Status>1</Status></Ping>"""), Write(PingResponse.HeartbeatExpired(), EasVersion.V121));

    [Fact]
    public void Write_HeartbeatIntervalOutOfRange_CarriesTheBound() =>
        AssertSameBytes(
            Encode("""<Ping xmlns="Ping:"><Status>5</Status><HeartbeatInterval>3540</HeartbeatInterval></Ping>"""),
            Write(PingResponse.HeartbeatIntervalOutOfRange(3540), EasVersion.V25));

    [Fact]
    public void Write_TooManyFolders_CarriesMaxFolders() =>
        AssertSameBytes(
            Encode("""<Ping xmlns="Ping:"><Status>6</Status><MaxFolders>200</MaxFolders></Ping>"""),
            Write(PingResponse.TooManyFolders(200), EasVersion.V161));

    [Theory]
    [InlineData(PingStatus.MissingParameters, 3)]
    [InlineData(PingStatus.SyntaxError, 4)]
    [InlineData(PingStatus.FolderHierarchySyncRequired, 7)]
    [InlineData(PingStatus.ServerError, 8)]
    public void Write_PlainFailure_IsStatusAlone(PingStatus status, int number) =>
        AssertSameBytes(Encode($"""<Ping xmlns="Ping:"><Status>{number}</Status></Ping>"""), Write(PingResponse.Failure(status), EasVersion.V140));

    [Fact]
    public void Write_Output_RoundTripsThroughLibwbxml()
    {
        foreach (PingResponse response in EveryShape())
        {
            Libwbxml.AssertRoundTrip(Write(response, EasVersion.V161));
        }

        Libwbxml.AssertRoundTrip(Write(PingResponse.Failure((PingStatus)111), EasVersion.V140));
    }

    [Fact]
    public void Write_LibwbxmlsEncodingOfTheSameDocument_IsTheSameBytes()
    {
        byte[] theirs = Libwbxml.Encode("""<Ping xmlns="Ping:"><Status>2</Status><Folders><Folder>5</Folder><Folder>{8A7F5C1E-0B2D-4E6F-9A3C-1D2E3F4A5B6C}</Folder></Folders></Ping>""");

        AssertSameBytes(theirs, Write(PingResponse.ChangesOccurred(["5", "{8A7F5C1E-0B2D-4E6F-9A3C-1D2E3F4A5B6C}"]), EasVersion.V121));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryShapeAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        EasVersion v = Version(version);
        var responses = EveryShape().ToList();
        if (v >= EasVersion.V140)
        {
            responses.Add(PingResponse.Failure((PingStatus)101));
            responses.Add(PingResponse.Failure((PingStatus)110));
            responses.Add(PingResponse.Failure((PingStatus)177));
        }

        foreach (PingResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, v), Schema);
        }
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public void Write_CommonStatusBefore14_Throws(string version) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(PingResponse.Failure((PingStatus)110), Version(version)));

    [Fact]
    public void Response_KeepsEachValueWithItsStatus()
    {
        PingResponse changes = PingResponse.ChangesOccurred(["5"]);
        PingResponse heartbeat = PingResponse.HeartbeatIntervalOutOfRange(60);
        PingResponse tooMany = PingResponse.TooManyFolders(10);

        Assert.Equal((PingStatus.ChangesOccurred, "5", (int?)null, (int?)null), (changes.Status, Assert.Single(changes.Folders), changes.HeartbeatInterval, changes.MaxFolders));
        Assert.Equal((PingStatus.HeartbeatIntervalOutOfRange, 0, (int?)60, (int?)null), (heartbeat.Status, heartbeat.Folders.Count, heartbeat.HeartbeatInterval, heartbeat.MaxFolders));
        Assert.Equal((PingStatus.TooManyFolders, 0, (int?)null, (int?)10), (tooMany.Status, tooMany.Folders.Count, tooMany.HeartbeatInterval, tooMany.MaxFolders));
        Assert.Empty(PingResponse.HeartbeatExpired().Folders);
    }

    [Fact]
    public void Response_CopiesTheFolderList()
    {
        var folders = new List<string> { "5" };
        PingResponse response = PingResponse.ChangesOccurred(folders);
        folders.Add("6");

        Assert.Equal(["5"], response.Folders);
    }

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentException>(() => PingResponse.ChangesOccurred([]));
        Assert.Throws<ArgumentNullException>(() => PingResponse.ChangesOccurred(null!));
        Assert.Throws<ArgumentException>(() => PingResponse.ChangesOccurred([""]));
        Assert.Throws<ArgumentException>(() => PingResponse.ChangesOccurred([new string('f', PingLimits.MaxIdLength + 1)]));
        Assert.Throws<ArgumentException>(() => PingResponse.ChangesOccurred(["a\0b"]));
        Assert.Throws<ArgumentException>(() => PingResponse.ChangesOccurred(["5", "6", "5"]));
        Assert.ThrowsAny<ArgumentException>(() => PingResponse.ChangesOccurred(["5", null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PingResponse.HeartbeatIntervalOutOfRange(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PingResponse.HeartbeatIntervalOutOfRange(-60));
        Assert.Throws<ArgumentOutOfRangeException>(() => PingResponse.TooManyFolders(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PingResponse.TooManyFolders(PingLimits.MaxFolders + 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(100)]
    public void Failure_StatusWithItsOwnFactoryOrUndefined_Throws(int status) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PingResponse.Failure((PingStatus)status));

    [Fact]
    public void Write_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Write(null!, EasVersion.V161));
        Assert.Throws<ArgumentNullException>(() => PingResponseWriter.Write(null!, PingResponse.HeartbeatExpired(), EasVersion.V161));
    }

    [Fact]
    public void Status_Numbers_AreTheSpecs() =>
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], Enum.GetValues<PingStatus>().Select(s => (int)s));
}
