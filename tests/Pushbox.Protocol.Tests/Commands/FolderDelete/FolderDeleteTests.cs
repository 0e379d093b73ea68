using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using Pushbox.Protocol.Commands.FolderDelete;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands.FolderDelete;

public class FolderDeleteTests
{
    private static readonly string[] Schemas = ["FolderDeleteResponse.xsd", "FolderHierarchy.xsd"];

    private static FolderDeleteRequest Parse(string xml) => FolderDeleteRequestParser.Parse(Encode(xml), WbxmlLimits.Default);

    private static byte[] Write(FolderDeleteResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => FolderDeleteResponseWriter.Write(w, response, version));

    [Fact]
    public void Parse_SpecExample_ReadsBoth()
    {
        // MS-ASCMD 4.4 (FolderDelete request).
        FolderDeleteRequest request = Parse("""
            <FolderDelete xmlns="FolderHierarchy:"><SyncKey>4</SyncKey><ServerId>6</ServerId></FolderDelete>
            """);

        Assert.Equal(new FolderDeleteRequest("4", "6"), request);
    }

    [Fact]
    public void Parse_ReversedOrderAndUnknownChildren_AreAccepted() =>
        Assert.Equal(
            new FolderDeleteRequest("4", "6"),
            Parse("""<FolderDelete xmlns="FolderHierarchy:"><ServerId>6</ServerId><ParentId>0</ParentId><SyncKey>4</SyncKey></FolderDelete>"""));

    public static TheoryData<string, string> HostileXml() => new()
    {
        { "wrong root", """<FolderUpdate xmlns="FolderHierarchy:"><SyncKey>4</SyncKey><ServerId>6</ServerId></FolderUpdate>""" },
        { "missing SyncKey", """<FolderDelete xmlns="FolderHierarchy:"><ServerId>6</ServerId></FolderDelete>""" },
        { "missing ServerId", """<FolderDelete xmlns="FolderHierarchy:"><SyncKey>4</SyncKey></FolderDelete>""" },
        { "empty root", """<FolderDelete xmlns="FolderHierarchy:"/>""" },
        { "ServerId of 65 characters", $"""<FolderDelete xmlns="FolderHierarchy:"><SyncKey>4</SyncKey><ServerId>{new string('s', 65)}</ServerId></FolderDelete>""" },
        { "repeated SyncKey", """<FolderDelete xmlns="FolderHierarchy:"><SyncKey>4</SyncKey><ServerId>6</ServerId><SyncKey>4</SyncKey></FolderDelete>""" },
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
        byte[] body = Encode("""<FolderDelete xmlns="FolderHierarchy:"><SyncKey>4</SyncKey><ServerId>6</ServerId></FolderDelete>""");
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => FolderDeleteRequestParser.Parse(body.AsMemory(0, length), WbxmlLimits.Default));
        }
    }

    [Fact]
    public void Write_Success_MatchesGoldenBytes()
    {
        // 03 01 6A 00 | SWITCH_PAGE 7 | FolderDelete+c | Status+c "1" END | SyncKey+c "5" END | END
        byte[] expected = Convert.FromHexString("03016A000007544C033100015203350001" + "01");

        AssertSameBytes(expected, Write(FolderDeleteResponse.Success("5"), EasVersion.V141));
        AssertSameBytes(Encode("""<FolderDelete xmlns="FolderHierarchy:"><Status>1</Status><SyncKey>5</SyncKey></FolderDelete>"""), expected);
    }

    [Fact]
    public void Write_Failure_IsStatusAlone()
    {
        byte[] expected = Encode("""<FolderDelete xmlns="FolderHierarchy:"><Status>3</Status></FolderDelete>""");

        AssertSameBytes(expected, Write(FolderDeleteResponse.Failure(FolderDeleteStatus.SpecialFolder), EasVersion.V121));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryResponseAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        IEnumerable<FolderDeleteResponse> responses = Enum.GetValues<FolderDeleteStatus>()
            .Where(s => s != FolderDeleteStatus.Success)
            .Select(FolderDeleteResponse.Failure)
            .Append(FolderDeleteResponse.Success("1"));

        foreach (FolderDeleteResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, Version(version)), Schemas);
        }
    }

    [Fact]
    public void Write_CommonStatusBefore14_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(FolderDeleteResponse.Failure((FolderDeleteStatus)110), EasVersion.V121));
}
