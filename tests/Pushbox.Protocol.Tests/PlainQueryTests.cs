using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

/// <summary>The plain text query of MS-ASHTTP 2.2.1.1.1.2.</summary>
public class PlainQueryTests
{
    private const string Required = "Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone";

    [Fact]
    public void SpecExample_IsDecodedToItsParts()
    {
        // MS-ASHTTP 2.2.1.1.1 (MS-ASHTTP_R16), the plain text half of the example.
        EasQuery query = EasQueryParser.Parse(Required);

        Assert.Equal(EasCommand.Sync, query.Command);
        Assert.Equal("rmjones", query.User);
        Assert.Equal("v140Device", query.DeviceId);
        Assert.Equal("SmartPhone", query.DeviceType);
        Assert.False(query.IsBase64Encoded);
        Assert.Null(query.Version);
        Assert.Null(query.PolicyKey);
        Assert.Null(query.Locale);
        Assert.Null(query.Options);
        Assert.Null(query.SaveInSent);
        Assert.Null(query.AcceptMultiPart);
        Assert.Empty(query.OtherParameters);
    }

    [Fact]
    public void FolderSyncExample_FromMsAsHttp41()
    {
        EasQuery query = EasQueryParser.Parse("Cmd=FolderSync&User=fakename&DeviceId=v140Device&DeviceType=SmartPhone");
        Assert.Equal(EasCommand.FolderSync, query.Command);
        Assert.Equal("fakename", query.User);
    }

    [Fact]
    public void LeadingQuestionMark_IsTolerated()
    {
        Assert.Equal(EasCommand.Sync, EasQueryParser.Parse("?" + Required).Command);
    }

    [Theory]
    [InlineData("cmd=Sync&user=u&deviceid=Dev1&devicetype=iPhone")]
    [InlineData("CMD=Sync&USER=u&DEVICEID=Dev1&DEVICETYPE=iPhone")]
    [InlineData("DeviceType=iPhone&DeviceId=Dev1&User=u&Cmd=Sync")]
    [InlineData("Cmd=sync&User=u&DeviceId=Dev1&DeviceType=iPhone")]
    [InlineData("&Cmd=Sync&&User=u&DeviceId=Dev1&DeviceType=iPhone&")]
    public void Names_MatchInAnyCaseAndOrder_AndEmptySegmentsAreSkipped(string raw)
    {
        EasQuery query = EasQueryParser.Parse(raw);
        Assert.Equal(EasCommand.Sync, query.Command);
        Assert.Equal("u", query.User);
        Assert.Equal("Dev1", query.DeviceId);
        Assert.Equal("iPhone", query.DeviceType);
    }

    [Theory]
    [InlineData("User=jdoe%40example.com", "jdoe@example.com")]
    [InlineData("User=EXAMPLE%5Cjdoe", "EXAMPLE\\jdoe")]
    [InlineData("User=EXAMPLE%5cjdoe", "EXAMPLE\\jdoe")]
    [InlineData("User=j%C3%BCrgen", "jürgen")]
    [InlineData("User=first+last", "first last")]
    [InlineData("User=first%2Blast", "first+last")]
    [InlineData("User=jdoe@example.com", "jdoe@example.com")]
    [InlineData("%55ser=jdoe", "jdoe")]
    public void User_IsPercentDecodedAsUtf8(string userPair, string expected)
    {
        EasQuery query = EasQueryParser.Parse($"Cmd=Ping&{userPair}&DeviceId=Dev1&DeviceType=iPhone");
        Assert.Equal(expected, query.User);
    }

    [Theory]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone")]
    [InlineData("Cmd=Sync&User=&DeviceId=Dev1&DeviceType=iPhone")]
    public void User_MissingOrEmpty_IsNull(string raw)
    {
        Assert.Null(EasQueryParser.Parse(raw).User);
    }

    [Fact]
    public void CommandParameters_AreTyped()
    {
        EasQuery query = EasQueryParser.Parse(
            "Cmd=SmartReply&User=u&DeviceId=Dev1&DeviceType=iPhone"
            + "&CollectionId=5&ItemId=5%3A12&LongId=RgAAAA%2Fx&Occurrence=2024-01-02T10%3A00%3A00.000Z&SaveInSent=T");

        Assert.Equal(EasCommand.SmartReply, query.Command);
        Assert.Equal("5", query.CollectionId);
        Assert.Equal("5:12", query.ItemId);
        Assert.Equal("RgAAAA/x", query.LongId);
        Assert.Equal("2024-01-02T10:00:00.000Z", query.Occurrence);
        Assert.True(query.SaveInSent);
        Assert.Null(query.AttachmentName);
        Assert.Empty(query.OtherParameters);
    }

    [Fact]
    public void AttachmentName_IsDecoded()
    {
        EasQuery query = EasQueryParser.Parse("Cmd=GetAttachment&User=u&DeviceId=Dev1&DeviceType=PPC&AttachmentName=5%3A12%3A0");
        Assert.Equal("5:12:0", query.AttachmentName);
    }

    [Theory]
    [InlineData("T", true)]
    [InlineData("F", false)]
    [InlineData("t", true)]
    [InlineData("f", false)]
    public void SaveInSent_IsTOrF(string value, bool expected)
    {
        Assert.Equal(expected, EasQueryParser.Parse($"Cmd=SendMail&DeviceId=Dev1&DeviceType=iPhone&SaveInSent={value}").SaveInSent);
    }

    [Fact]
    public void UnknownParameters_AreKeptInOrder_WithRepeats()
    {
        EasQuery query = EasQueryParser.Parse("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&Foo=1&Options=2&Foo=3%204");
        Assert.Equal(
            [new("Foo", "1"), new("Options", "2"), new("Foo", "3 4")],
            query.OtherParameters);
        Assert.Null(query.Options);
    }

    [Theory]
    [InlineData("Cmd=FolderSync", EasCommand.FolderSync)]
    [InlineData("Cmd=Provision", EasCommand.Provision)]
    [InlineData("Cmd=GetHierarchy", EasCommand.GetHierarchy)]
    [InlineData("Cmd=Find", EasCommand.Find)]
    [InlineData("Cmd=%53ync", EasCommand.Sync)]
    public void Cmd_NamesAnyMsAsCmdCommand(string cmd, EasCommand expected)
    {
        Assert.Equal(expected, EasQueryParser.Parse($"{cmd}&DeviceId=Dev1&DeviceType=iPhone").Command);
    }

    [Fact]
    public void DeviceId_Of32LettersAndDigits_IsAccepted()
    {
        string id = new string('a', 16) + "0123456789ABCDEF";
        Assert.Equal(id, EasQueryParser.Parse($"Cmd=Sync&DeviceId={id}&DeviceType=iPhone").DeviceId);
    }

    [Fact]
    public void DeviceType_MayHoldAnyPrintableCharacter()
    {
        Assert.Equal("SAMSUNG SM-G991B", EasQueryParser.Parse("Cmd=Sync&DeviceId=Dev1&DeviceType=SAMSUNG+SM-G991B").DeviceType);
    }

    [Fact]
    public void EmptyOptionalValue_CountsAsAbsent()
    {
        EasQuery query = EasQueryParser.Parse("Cmd=SmartForward&DeviceId=Dev1&DeviceType=iPhone&ItemId=&SaveInSent=");
        Assert.Null(query.ItemId);
        Assert.Null(query.SaveInSent);
    }

    [Theory]
    [InlineData("User=u&DeviceId=Dev1&DeviceType=iPhone", EasProtocolError.MissingCommand)]
    [InlineData("Cmd=&DeviceId=Dev1&DeviceType=iPhone", EasProtocolError.MissingCommand)]
    [InlineData("Cmd=Sync&User=u&DeviceType=iPhone", EasProtocolError.MissingDeviceId)]
    [InlineData("Cmd=Sync&DeviceId=&DeviceType=iPhone", EasProtocolError.MissingDeviceId)]
    [InlineData("Cmd=Sync&User=u&DeviceId=Dev1", EasProtocolError.MissingDeviceType)]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=", EasProtocolError.MissingDeviceType)]
    [InlineData("", EasProtocolError.MissingCommand)]
    [InlineData("?", EasProtocolError.MissingCommand)]
    [InlineData("&", EasProtocolError.MissingCommand)]
    [InlineData("Cmd=Sync", EasProtocolError.MissingDeviceId)]
    public void MissingRequiredPart_IsItsOwnReason(string raw, EasProtocolError expected)
    {
        Assert.Equal(expected, Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse(raw)).Reason);
    }

    [Theory]
    [InlineData("Cmd=Synch")]
    [InlineData("Cmd=Setting")]
    [InlineData("Cmd=Sync%20")]
    [InlineData("Cmd=CreateCollection")]
    [InlineData("Cmd=0")]
    public void Cmd_NamingNoCommand_IsUnknownCommand(string cmd)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse($"{cmd}&DeviceId=Dev1&DeviceType=iPhone"));
        Assert.Equal(EasProtocolError.UnknownCommand, e.Reason);
    }

    [Theory]
    [InlineData("Cmd=Sync&Cmd=Ping&DeviceId=Dev1&DeviceType=iPhone", "Cmd")]
    [InlineData("Cmd=Sync&User=a&user=b&DeviceId=Dev1&DeviceType=iPhone", "User")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DEVICEID=Dev1&DeviceType=iPhone", "DeviceId")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&DeviceType=iPhone", "DeviceType")]
    [InlineData("Cmd=SmartReply&DeviceId=Dev1&DeviceType=iPhone&ItemId=1&ItemId=2", "ItemId")]
    [InlineData("Cmd=SendMail&DeviceId=Dev1&DeviceType=iPhone&SaveInSent=T&SaveInSent=", "SaveInSent")]
    public void KnownParameterTwice_IsDuplicateParameter(string raw, string name)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse(raw));
        Assert.Equal(EasProtocolError.DuplicateParameter, e.Reason);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DeviceId=Dev-1")]
    [InlineData("DeviceId=Dev_1")]
    [InlineData("DeviceId=Dev%201")]
    [InlineData("DeviceId=Dev,1")]
    [InlineData("DeviceId=D%C3%A9v1")]
    [InlineData("DeviceId=123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("DeviceId=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void DeviceId_OtherThan1To32LettersAndDigits_IsInvalidDeviceId(string pair)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse($"Cmd=Sync&{pair}&DeviceType=iPhone"));
        Assert.Equal(EasProtocolError.InvalidDeviceId, e.Reason);
    }

    [Theory]
    [InlineData("SaveInSent=Y")]
    [InlineData("SaveInSent=true")]
    [InlineData("SaveInSent=1")]
    [InlineData("SaveInSent=TT")]
    public void SaveInSent_OtherThanTOrF_IsInvalidParameterValue(string pair)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse($"Cmd=SendMail&DeviceId=Dev1&DeviceType=iPhone&{pair}"));
        Assert.Equal(EasProtocolError.InvalidParameterValue, e.Reason);
    }
}
