using Pushbox.Protocol.Commands.GetAttachment;
using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests.ItemOperations;

/// <summary>GetAttachment (2.5 to 12.1), the command ItemOperations' Fetch replaces from 14.0: its request is the AttachmentName query parameter.</summary>
public class GetAttachmentRequestParserTests
{
    private const string Required = "Cmd=GetAttachment&User=u&DeviceId=Dev1&DeviceType=PPC";

    [Fact]
    public void Parse_PlainQuery_ReadsTheDecodedAttachmentName() =>
        Assert.Equal(new GetAttachmentRequest("5:12:0"), GetAttachmentRequestParser.Parse(EasQueryParser.Parse(Required + "&AttachmentName=5%3A12%3A0")));

    [Fact]
    public void Parse_Base64Query_ReadsTag0() =>
        Assert.Equal("5:12:0", GetAttachmentRequestParser.Parse(EasQueryParser.Parse(Base64Query.Start(121, 4).DeviceId("Dev1").NoPolicyKey().DeviceType("PPC").Parameter(0, "5:12:0").ToString())).AttachmentName);

    [Theory]
    [InlineData("")]
    [InlineData("&AttachmentName=")]
    [InlineData("&ItemId=5%3A12")]
    public void Parse_NoAttachmentName_IsMalformedQuery(string parameters)
    {
        EasProtocolException e = Assert.Throws<EasProtocolException>(() => GetAttachmentRequestParser.Parse(EasQueryParser.Parse(Required + parameters)));
        Assert.Equal(EasProtocolError.MalformedQuery, e.Reason);
    }

    [Fact]
    public void Parse_AttachmentNameOverTheLimit_IsParameterTooLong()
    {
        var limits = new EasQueryLimits { MaxQueryLength = 8192, MaxParameterValueLength = 4096 };
        EasQuery atLimit = EasQueryParser.Parse($"{Required}&AttachmentName={new string('a', GetAttachmentRequest.MaxAttachmentNameLength)}", limits);
        EasQuery overLimit = EasQueryParser.Parse($"{Required}&AttachmentName={new string('a', GetAttachmentRequest.MaxAttachmentNameLength + 1)}", limits);

        Assert.Equal(GetAttachmentRequest.MaxAttachmentNameLength, GetAttachmentRequestParser.Parse(atLimit).AttachmentName.Length);
        EasProtocolException e = Assert.Throws<EasProtocolException>(() => GetAttachmentRequestParser.Parse(overLimit));
        Assert.Equal(EasProtocolError.ParameterTooLong, e.Reason);
    }

    [Fact]
    public void Parse_QueryOfAnotherCommand_IsACallerBug() =>
        Assert.Throws<ArgumentException>(() => GetAttachmentRequestParser.Parse(EasQueryParser.Parse("Cmd=Sync&User=u&DeviceId=Dev1&DeviceType=PPC&AttachmentName=x")));
}
