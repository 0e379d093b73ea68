using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using Pushbox.Protocol.Commands.FolderUpdate;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands.FolderUpdate;

public class FolderUpdateTests
{
    private static readonly string[] Schemas = ["FolderUpdateResponse.xsd", "FolderHierarchy.xsd"];

    private static FolderUpdateRequest Parse(string xml) => FolderUpdateRequestParser.Parse(Encode(xml), WbxmlLimits.Default);

    private static byte[] Write(FolderUpdateResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => FolderUpdateResponseWriter.Write(w, response, version));

    [Fact]
    public void Parse_SpecExample_ReadsAllFour()
    {
        // MS-ASCMD 4.6 (FolderUpdate request): rename and move in one.
        FolderUpdateRequest request = Parse("""
            <FolderUpdate xmlns="FolderHierarchy:">
              <SyncKey>5</SyncKey>
              <ServerId>6</ServerId>
              <ParentId>0</ParentId>
              <DisplayName>RenamedFolder</DisplayName>
            </FolderUpdate>
            """);

        Assert.Equal(new FolderUpdateRequest("5", "6", "0", "RenamedFolder"), request);
        Assert.True(request.IsAtRoot);
    }

    [Fact]
    public void Parse_UnknownChildren_AreSkipped()
    {
        FolderUpdateRequest request = Parse("""
            <FolderUpdate xmlns="FolderHierarchy:">
              <DisplayName>a</DisplayName><Type>12</Type><ParentId>3</ParentId><ServerId>6</ServerId><SyncKey>5</SyncKey>
            </FolderUpdate>
            """);

        Assert.Equal(new FolderUpdateRequest("5", "6", "3", "a"), request);
    }

    private const string Valid = """<SyncKey>5</SyncKey><ServerId>6</ServerId><ParentId>0</ParentId><DisplayName>x</DisplayName>""";

    public static TheoryData<string, string> HostileXml() => new()
    {
        { "wrong root", $"""<FolderSync xmlns="FolderHierarchy:">{Valid}</FolderSync>""" },
        { "missing SyncKey", """<FolderUpdate xmlns="FolderHierarchy:"><ServerId>6</ServerId><ParentId>0</ParentId><DisplayName>x</DisplayName></FolderUpdate>""" },
        { "missing ServerId", """<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName></FolderUpdate>""" },
        { "missing ParentId", """<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ServerId>6</ServerId><DisplayName>x</DisplayName></FolderUpdate>""" },
        { "missing DisplayName", """<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ServerId>6</ServerId><ParentId>0</ParentId></FolderUpdate>""" },
        { "empty ServerId", """<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ServerId/><ParentId>0</ParentId><DisplayName>x</DisplayName></FolderUpdate>""" },
        { "huge DisplayName", $"""<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ServerId>6</ServerId><ParentId>0</ParentId><DisplayName>{new string('d', 100_000)}</DisplayName></FolderUpdate>""" },
        { "ServerId of 65 characters", $"""<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>5</SyncKey><ServerId>{new string('s', 65)}</ServerId><ParentId>0</ParentId><DisplayName>x</DisplayName></FolderUpdate>""" },
        { "repeated ServerId", $"""<FolderUpdate xmlns="FolderHierarchy:">{Valid}<ServerId>7</ServerId></FolderUpdate>""" },
    };

    [Theory]
    [MemberData(nameof(HostileXml))]
    public void Parse_HostileBody_IsMalformedBody(string why, string xml)
    {
        Assert.NotNull(why);
        AssertRejected(() => Parse(xml));
    }

    [Fact]
    public void Parse_EveryTruncation_IsMalformedBody()
    {
        byte[] body = Encode($"""<FolderUpdate xmlns="FolderHierarchy:">{Valid}</FolderUpdate>""");
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => FolderUpdateRequestParser.Parse(body.AsMemory(0, length), WbxmlLimits.Default));
        }
    }

    [Fact]
    public void Write_Success_MatchesGoldenBytes()
    {
        byte[] expected = Encode("""<FolderUpdate xmlns="FolderHierarchy:"><Status>1</Status><SyncKey>6</SyncKey></FolderUpdate>""");

        AssertSameBytes(expected, Write(FolderUpdateResponse.Success("6"), EasVersion.V161));
    }

    [Fact]
    public void Write_Failure_IsStatusAlone()
    {
        byte[] expected = Encode("""<FolderUpdate xmlns="FolderHierarchy:"><Status>4</Status></FolderUpdate>""");

        AssertSameBytes(expected, Write(FolderUpdateResponse.Failure(FolderUpdateStatus.FolderNotFound), EasVersion.V140));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryResponseAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        IEnumerable<FolderUpdateResponse> responses = Enum.GetValues<FolderUpdateStatus>()
            .Where(s => s != FolderUpdateStatus.Success)
            .Select(FolderUpdateResponse.Failure)
            .Append(FolderUpdateResponse.Success("1"))
            .Append(FolderUpdateResponse.Success(new string('k', 64)));

        foreach (FolderUpdateResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, Version(version)), Schemas);
        }
    }

    [Fact]
    public void Write_CommonStatusBefore14_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(FolderUpdateResponse.Failure((FolderUpdateStatus)142), EasVersion.V25));

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FolderUpdateResponse.Failure(FolderUpdateStatus.Success));
        Assert.Throws<ArgumentException>(() => FolderUpdateResponse.Success(""));
    }
}
