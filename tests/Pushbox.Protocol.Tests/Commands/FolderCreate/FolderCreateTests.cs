using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using FsCheck;
using FsCheck.Xunit;
using Pushbox.Protocol.Commands.FolderCreate;
using Pushbox.Protocol.Commands.FolderHierarchy;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Tests.Commands.FolderCreate;

public class FolderCreateTests
{
    private static readonly string[] Schemas = ["FolderCreateResponse.xsd", "FolderHierarchy.xsd"];

    private static FolderCreateRequest Parse(string xml) => FolderCreateRequestParser.Parse(Encode(xml), WbxmlLimits.Default);

    private static byte[] Write(FolderCreateResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => FolderCreateResponseWriter.Write(w, response, version));

    [Fact]
    public void Parse_SpecExample_ReadsAllFour()
    {
        // MS-ASCMD 4.3 (FolderCreate request).
        FolderCreateRequest request = Parse("""
            <FolderCreate xmlns="FolderHierarchy:">
              <SyncKey>3</SyncKey>
              <ParentId>5</ParentId>
              <DisplayName>MyFolder</DisplayName>
              <Type>12</Type>
            </FolderCreate>
            """);

        Assert.Equal(new FolderCreateRequest("3", "5", "MyFolder", FolderType.UserMail), request);
        Assert.True(request.IsCreatableType);
        Assert.False(request.IsAtRoot);
    }

    [Fact]
    public void Parse_ChildrenInAnotherOrderAndUnknownChildren_AreAccepted()
    {
        FolderCreateRequest request = Parse("""
            <FolderCreate xmlns="FolderHierarchy:">
              <Type> 1 </Type>
              <ServerId>ignored</ServerId>
              <DisplayName>Ünïcødé 📁</DisplayName>
              <ParentId>0</ParentId>
              <SyncKey>9</SyncKey>
            </FolderCreate>
            """);

        Assert.Equal(new FolderCreateRequest("9", "0", "Ünïcødé 📁", FolderType.UserGeneric), request);
        Assert.True(request.IsAtRoot);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(11, false)]
    [InlineData(19, false)]
    [InlineData(0, false)]
    [InlineData(255, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(17, true)]
    public void Parse_AnyByteType_IsReadAndJudgedByIsCreatableType(int type, bool creatable)
    {
        FolderCreateRequest request = Parse($"""
            <FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>{type}</Type></FolderCreate>
            """);

        Assert.Equal(type, (int)request.Type);
        Assert.Equal(creatable, request.IsCreatableType);
    }

    private const string Valid = """<SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>12</Type>""";

    public static TheoryData<string, string> HostileXml() => new()
    {
        { "wrong root", $"""<FolderUpdate xmlns="FolderHierarchy:">{Valid}</FolderUpdate>""" },
        { "missing SyncKey", """<FolderCreate xmlns="FolderHierarchy:"><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>12</Type></FolderCreate>""" },
        { "missing ParentId", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><DisplayName>x</DisplayName><Type>12</Type></FolderCreate>""" },
        { "missing DisplayName", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><Type>12</Type></FolderCreate>""" },
        { "missing Type", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName></FolderCreate>""" },
        { "empty DisplayName", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName/><Type>12</Type></FolderCreate>""" },
        { "DisplayName of 257 characters", $"""<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>{new string('d', 257)}</DisplayName><Type>12</Type></FolderCreate>""" },
        { "huge DisplayName", $"""<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>{new string('d', 1_000_000)}</DisplayName><Type>12</Type></FolderCreate>""" },
        { "ParentId of 65 characters", $"""<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>{new string('p', 65)}</ParentId><DisplayName>x</DisplayName><Type>12</Type></FolderCreate>""" },
        { "Type not a number", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>mail</Type></FolderCreate>""" },
        { "Type negative", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>-1</Type></FolderCreate>""" },
        { "Type over a byte", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type>256</Type></FolderCreate>""" },
        { "Type empty", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>x</DisplayName><Type/></FolderCreate>""" },
        { "repeated Type", $"""<FolderCreate xmlns="FolderHierarchy:">{Valid}<Type>1</Type></FolderCreate>""" },
        { "repeated DisplayName", $"""<FolderCreate xmlns="FolderHierarchy:">{Valid}<DisplayName>y</DisplayName></FolderCreate>""" },
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
        byte[] body = Encode($"""<FolderCreate xmlns="FolderHierarchy:">{Valid}</FolderCreate>""");
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => FolderCreateRequestParser.Parse(body.AsMemory(0, length), WbxmlLimits.Default));
        }
    }

    [Fact]
    public void Parse_DisplayNameInSeveralPieces_IsJoinedAndCounted()
    {
        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.FolderCreate);
            w.WriteElementString(Tags.SyncKey, "1");
            w.WriteElementString(Tags.ParentId, "0");
            w.WriteStartElement(Tags.DisplayName);
            w.WriteString(new string('a', 200));
            w.WriteString(new string('b', 56));
            w.WriteEndElement();
            w.WriteElementInt(Tags.Type, 12);
            w.WriteEndElement();
        });

        Assert.Equal(new string('a', 200) + new string('b', 56), FolderCreateRequestParser.Parse(body, WbxmlLimits.Default).DisplayName);

        byte[] tooLong = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.FolderCreate);
            w.WriteStartElement(Tags.DisplayName);
            w.WriteString(new string('a', 200));
            w.WriteString(new string('b', 57));
            w.WriteEndElement();
            w.WriteEndElement();
        });
        AssertRejected(() => FolderCreateRequestParser.Parse(tooLong, WbxmlLimits.Default));
    }

    [Property(MaxTest = 500)]
    public bool Parse_AnyValidValues_RoundTrip(NonEmptyString syncKey, NonEmptyString parentId, NonEmptyString displayName, byte type)
    {
        static string Clean(string s, int max) => new(s.Where(c => c != '\0' && !char.IsSurrogate(c)).Take(max).ToArray());
        var expected = new FolderCreateRequest(Clean(syncKey.Get, 64), Clean(parentId.Get, 64), Clean(displayName.Get, 256), (FolderType)type);
        if (expected.SyncKey.Length == 0 || expected.ParentId.Length == 0 || expected.DisplayName.Length == 0)
        {
            return true;
        }

        byte[] body = WbxmlTestHelpers.Write(w =>
        {
            w.WriteStartElement(Tags.FolderCreate);
            w.WriteElementString(Tags.SyncKey, expected.SyncKey);
            w.WriteElementString(Tags.ParentId, expected.ParentId);
            w.WriteElementString(Tags.DisplayName, expected.DisplayName);
            w.WriteElementInt(Tags.Type, (int)expected.Type);
            w.WriteEndElement();
        });
        return FolderCreateRequestParser.Parse(body, WbxmlLimits.Default) == expected;
    }

    [Fact]
    public void Write_Success_MatchesGoldenBytes()
    {
        byte[] expected = Encode("""<FolderCreate xmlns="FolderHierarchy:"><Status>1</Status><SyncKey>4</SyncKey><ServerId>42</ServerId></FolderCreate>""");

        AssertSameBytes(expected, Write(FolderCreateResponse.Success("4", "42"), EasVersion.V141));
    }

    [Fact]
    public void Write_Failure_IsStatusAlone()
    {
        byte[] expected = Encode("""<FolderCreate xmlns="FolderHierarchy:"><Status>2</Status></FolderCreate>""");

        AssertSameBytes(expected, Write(FolderCreateResponse.Failure(FolderCreateStatus.FolderExists), EasVersion.V121));
    }

    public static TheoryData<string> Versions() => AllVersions();

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_EveryResponseAtEveryVersion_IsValidAgainstTheSchema(string version)
    {
        IEnumerable<FolderCreateResponse> responses = Enum.GetValues<FolderCreateStatus>()
            .Where(s => s != FolderCreateStatus.Success)
            .Select(FolderCreateResponse.Failure)
            .Append(FolderCreateResponse.Success("1", "2"))
            .Append(FolderCreateResponse.Success(new string('k', 64), new string('s', 64)));

        foreach (FolderCreateResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, Version(version)), Schemas);
        }
    }

    [Fact]
    public void Write_CommonStatusBefore14_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(FolderCreateResponse.Failure((FolderCreateStatus)111), EasVersion.V120));

    [Fact]
    public void Response_InvalidValues_AreRefusedOnConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FolderCreateResponse.Failure(FolderCreateStatus.Success));
        Assert.Throws<ArgumentException>(() => FolderCreateResponse.Success("1", new string('s', 65)));
        Assert.Throws<ArgumentException>(() => FolderCreateResponse.Success("", "1"));
    }
}
