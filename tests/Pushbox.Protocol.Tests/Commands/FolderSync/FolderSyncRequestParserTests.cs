using Pushbox.Protocol.Commands.FolderSync;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using Tags = Pushbox.Wbxml.EasCodePages.FolderHierarchyTags;

namespace Pushbox.Protocol.Tests.Commands.FolderSync;

public class FolderSyncRequestParserTests
{
    private static FolderSyncRequest Parse(byte[] body) => FolderSyncRequestParser.Parse(body, WbxmlLimits.Default);

    private static FolderSyncRequest Parse(string xml) => Parse(Encode(xml));

    [Fact]
    public void Parse_InitialRequest_ReadsSyncKeyZero()
    {
        // MS-ASCMD 4.5.1: the first FolderSync of a device.
        FolderSyncRequest request = Parse("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""");

        Assert.Equal(new FolderSyncRequest("0"), request);
        Assert.True(request.IsInitial);
    }

    [Fact]
    public void Parse_SpecBytes_ReadsSyncKey()
    {
        // 03 01 6A 00 | SWITCH_PAGE 7 | FolderSync+content | SyncKey+content | STR_I "0" | END | END
        byte[] body = Convert.FromHexString("03016A00000756520330000101");

        Assert.Equal("0", Parse(body).SyncKey);
    }

    [Fact]
    public void Parse_OpaqueSyncKeyOfSixtyFourCharacters_IsAccepted()
    {
        string key = new('k', 64);
        byte[] body = Write(w =>
        {
            w.WriteStartElement(Tags.FolderSync);
            w.WriteElementOpaque(Tags.SyncKey, System.Text.Encoding.UTF8.GetBytes(key));
            w.WriteEndElement();
        });

        Assert.Equal(key, Parse(body).SyncKey);
    }

    [Fact]
    public void Parse_SyncKeyOfSixtyFourMultiByteCharacters_CountsCharactersNotBytes()
    {
        string key = string.Concat(Enumerable.Repeat("\U0001F600", 64)); // 64 scalars, 256 bytes

        Assert.Equal(key, Parse($"""<FolderSync xmlns="FolderHierarchy:"><SyncKey>{key}</SyncKey></FolderSync>""").SyncKey);
    }

    [Fact]
    public void Parse_UnknownChildren_AreSkippedWithTheirContent()
    {
        FolderSyncRequest request = Parse("""
            <FolderSync xmlns="FolderHierarchy:">
              <Changes><Add><ServerId>1</ServerId></Add></Changes>
              <SyncKey>7</SyncKey>
              <Count>3</Count>
            </FolderSync>
            """);

        Assert.Equal("7", request.SyncKey);
    }

    public static TheoryData<string, string> HostileXml() => new()
    {
        { "wrong root", """<FolderCreate xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderCreate>""" },
        { "root of another page", """<Sync xmlns="AirSync:"><SyncKey>0</SyncKey></Sync>""" },
        { "missing SyncKey", """<FolderSync xmlns="FolderHierarchy:"/>""" },
        { "missing SyncKey among others", """<FolderSync xmlns="FolderHierarchy:"><Count>1</Count></FolderSync>""" },
        { "empty SyncKey", """<FolderSync xmlns="FolderHierarchy:"><SyncKey/></FolderSync>""" },
        { "repeated SyncKey", """<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey><SyncKey>1</SyncKey></FolderSync>""" },
        { "SyncKey of 65 characters", $"""<FolderSync xmlns="FolderHierarchy:"><SyncKey>{new string('1', 65)}</SyncKey></FolderSync>""" },
        { "SyncKey holding an element", """<FolderSync xmlns="FolderHierarchy:"><SyncKey><Count>1</Count></SyncKey></FolderSync>""" },
        { "text at the root", """<FolderSync xmlns="FolderHierarchy:">0<SyncKey>0</SyncKey></FolderSync>""" },
    };

    [Theory]
    [MemberData(nameof(HostileXml))]
    public void Parse_HostileBody_IsMalformedBody(string why, string xml)
    {
        Assert.NotNull(why);
        AssertRejected(() => Parse(xml));
    }

    [Fact]
    public void Parse_EmptyBody_IsMalformedBody() => AssertRejected(() => Parse([]));

    [Fact]
    public void Parse_EveryTruncation_IsMalformedBody()
    {
        byte[] body = Encode("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>123</SyncKey></FolderSync>""");
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => Parse(body[..length]));
        }
    }

    [Fact]
    public void Parse_TrailingBytes_IsMalformedBody()
    {
        byte[] body = [.. Encode("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>"""), 0x01];

        EasProtocolException e = AssertRejected(() => Parse(body));
        Assert.IsType<WbxmlException>(e.InnerException);
    }

    [Fact]
    public void Parse_InvalidUtf8SyncKey_IsMalformedBody()
    {
        byte[] body = Write(w =>
        {
            w.WriteStartElement(Tags.FolderSync);
            w.WriteElementOpaque(Tags.SyncKey, [0xC3, 0x28]);
            w.WriteEndElement();
        });

        AssertRejected(() => Parse(body));
    }

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode("""<FolderSync xmlns="FolderHierarchy:"><SyncKey>0</SyncKey></FolderSync>""");
        var limits = new WbxmlLimits { MaxDocumentSize = body.Length - 1 };

        AssertRejected(() => FolderSyncRequestParser.Parse(body, limits), EasProtocolError.BodyTooLarge);
    }

    [Fact]
    public void Parse_DeepNestingInAnUnknownChild_StopsAtTheDepthLimit()
    {
        var limits = new WbxmlLimits { MaxDepth = 8 };
        byte[] body = Write(w =>
        {
            w.WriteStartElement(Tags.FolderSync);
            w.WriteElementString(Tags.SyncKey, "0");
            for (int i = 0; i < 20; i++)
            {
                w.WriteStartElement(Tags.Changes);
            }

            for (int i = 0; i < 21; i++)
            {
                w.WriteEndElement();
            }
        });

        AssertRejected(() => FolderSyncRequestParser.Parse(body, limits));
    }
}
