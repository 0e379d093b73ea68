using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

/// <summary>The base64-encoded query of MS-ASHTTP 2.2.1.1.1.1.</summary>
public class Base64QueryTests
{
    /// <summary>MS-ASHTTP 2.2.1.1.1 and 2.2.1.1.1.1 (MS-ASHTTP_R16, R18).</summary>
    public const string SpecExample = "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l";

    [Fact]
    public void SpecExample_DecodesToTheSpecsValues()
    {
        EasQuery query = EasQueryParser.Parse(SpecExample);

        // The spec presents it as equivalent to the plain query with MS-ASProtocolVersion: 14.0 and
        // Accept-Language: en-us: version byte 140, command 0, locale 0x0409 little-endian.
        Assert.True(query.IsBase64Encoded);
        Assert.Equal(EasVersion.V140, query.Version);
        Assert.Equal(EasCommand.Sync, query.Command);
        Assert.Equal((ushort)0x0409, query.Locale);
        Assert.Equal("v140Device", query.DeviceId);
        Assert.Null(query.PolicyKey);
        Assert.Equal("SmartPhone", query.DeviceType);

        // The spec's base64 bytes carry no User parameter although its plain twin has User=rmjones.
        Assert.Null(query.User);
        Assert.Empty(query.OtherParameters);
        Assert.Null(query.Options);
    }

    [Fact]
    public void SpecExample_IsExactlyTheBytesOfTheLayout()
    {
        byte[] expected = Base64Query.Start(140, 0, 0x0409).DeviceId("v140Device").NoPolicyKey().DeviceType("SmartPhone").ToBytes();
        Assert.Equal(expected, Convert.FromBase64String(SpecExample));
        Assert.Equal(
            [0x8C, 0x00, 0x09, 0x04, 0x0A],
            expected[..5]);
    }

    [Fact]
    public void SpecExample_AgreesWithItsPlainTwin_ExceptUser()
    {
        EasQuery base64 = EasQueryParser.Parse(SpecExample);
        EasQuery plain = EasQueryParser.Parse("Cmd=Sync&User=rmjones&DeviceId=v140Device&DeviceType=SmartPhone");

        Assert.Equal(plain.Command, base64.Command);
        Assert.Equal(plain.DeviceId, base64.DeviceId);
        Assert.Equal(plain.DeviceType, base64.DeviceType);
        Assert.Equal(EasVersion.V140, EasVersionNegotiation.Resolve("14.0", plain));
        Assert.Equal(EasVersion.V140, EasVersionNegotiation.Resolve(null, base64));
    }

    [Fact]
    public void EveryField_IsReadFromItsPlace()
    {
        string raw = Base64Query.Start(161, 2, 0x0407)
            .DeviceId("ABC123def")
            .PolicyKey(3_000_000_001)
            .DeviceType("Outlook")
            .Parameter(1, "INBOX")
            .Parameter(3, "119281")
            .Parameter(4, "RgAAAAD")
            .Parameter(6, "2024-01-02T10:00:00.000Z")
            .ParameterBytes(7, 0x01)
            .Parameter(8, "jdoe@example.com")
            .ToString();

        EasQuery query = EasQueryParser.Parse(raw);

        Assert.Equal(EasVersion.V161, query.Version);
        Assert.Equal(EasCommand.SmartForward, query.Command);
        Assert.Equal((ushort)0x0407, query.Locale);
        Assert.Equal("ABC123def", query.DeviceId);
        Assert.Equal(3_000_000_001u, query.PolicyKey);
        Assert.Equal("Outlook", query.DeviceType);
        Assert.Equal("INBOX", query.CollectionId);
        Assert.Equal("119281", query.ItemId);
        Assert.Equal("RgAAAAD", query.LongId);
        Assert.Equal("2024-01-02T10:00:00.000Z", query.Occurrence);
        Assert.Equal(EasQueryOptions.SaveInSent, query.Options);
        Assert.True(query.SaveInSent);
        Assert.False(query.AcceptMultiPart);
        Assert.Equal("jdoe@example.com", query.User);
        Assert.Null(query.AttachmentName);
    }

    [Fact]
    public void PolicyKey_IsLittleEndian()
    {
        byte[] bytes = Base64Query.Start(141, 20).DeviceId("Dev1").Raw(4, 0x01, 0x02, 0x03, 0x04).DeviceType("iPhone").ToBytes();
        Assert.Equal(0x04030201u, EasQueryParser.Parse(Convert.ToBase64String(bytes)).PolicyKey);
    }

    [Fact]
    public void Locale_IsLittleEndian()
    {
        byte[] bytes = Base64Query.Start(141, 0).DeviceId("Dev1").NoPolicyKey().DeviceType("iPhone").ToBytes();
        bytes[2] = 0x07;
        bytes[3] = 0x04;
        Assert.Equal((ushort)0x0407, EasQueryParser.Parse(Convert.ToBase64String(bytes)).Locale);
    }

    [Fact]
    public void AttachmentName_IsTag0()
    {
        EasQuery query = EasQueryParser.Parse(Base64Query.Standard(4).Parameter(0, "5:12:0").ToString());
        Assert.Equal(EasCommand.GetAttachment, query.Command);
        Assert.Equal("5:12:0", query.AttachmentName);
    }

    [Theory]
    [InlineData(0x00, false, false)]
    [InlineData(0x01, true, false)]
    [InlineData(0x02, false, true)]
    [InlineData(0x03, true, true)]
    [InlineData(0x82, false, true)]
    public void Options_AreTheSpecBits_SaveInSent01_AcceptMultiPart02(byte options, bool saveInSent, bool acceptMultiPart)
    {
        EasQuery query = EasQueryParser.Parse(Base64Query.Standard(19).ParameterBytes(7, options).ToString());
        Assert.Equal((EasQueryOptions)options, query.Options);
        Assert.Equal(saveInSent, query.SaveInSent);
        Assert.Equal(acceptMultiPart, query.AcceptMultiPart);
    }

    [Fact]
    public void HistoricTags2And5_ArePassedOnByName()
    {
        EasQuery query = EasQueryParser.Parse(Base64Query.Standard().Parameter(2, "Inbox").Parameter(5, "0").ToString());
        Assert.Equal([new("CollectionName", "Inbox"), new("ParentId", "0")], query.OtherParameters);
    }

    [Fact]
    public void BinaryGuidDeviceId_IsGivenAsLowercaseHex()
    {
        byte[] guid = [0xAE, 0x4E, 0xCD, 0x19, 0xF5, 0x92, 0xBA, 0x56, 0x57, 0x70, 0x6F, 0xF7, 0x4C, 0xF0, 0x9B, 0xAC];
        string raw = Base64Query.Start(121, 20).DeviceIdBytes(guid).PolicyKey(1).DeviceType("PPC").ToString();

        EasQuery query = EasQueryParser.Parse(raw);

        Assert.Equal("ae4ecd19f592ba5657706ff74cf09bac", query.DeviceId);
        Assert.Equal(EasVersion.V121, query.Version);
        Assert.Equal(EasCommand.Provision, query.Command);
    }

    [Fact]
    public void EmptyUser_IsNull()
    {
        Assert.Null(EasQueryParser.Parse(Base64Query.Standard().Parameter(8, "").ToString()).User);
    }

    [Theory]
    [InlineData(121)]
    [InlineData(140)]
    [InlineData(141)]
    [InlineData(160)]
    [InlineData(161)]
    public void EveryVersionAllowedInBase64_IsRead(byte version)
    {
        EasQuery query = EasQueryParser.Parse(Base64Query.Start(version, 18).DeviceId("Dev1").NoPolicyKey().DeviceType("iPhone").ToString());
        Assert.Equal(version, query.Version!.Value.ToQueryByte());
        Assert.Equal(EasCommand.Ping, query.Command);
    }

    [Theory]
    [MemberData(nameof(EasCommandsTests.Codes), MemberType = typeof(EasCommandsTests))]
    public void EveryCommandCode_IsRead(string name, byte code)
    {
        EasQuery query = EasQueryParser.Parse(Base64Query.Standard(code).ToString());
        Assert.Equal(name, EasCommands.GetName(query.Command));
    }

    [Fact]
    public void MissingPadding_IsAccepted()
    {
        // 1 + 1 + 2 + 5 + 1 + 1 + 6 = 17 bytes: base64 needs one '=' that the client may leave off.
        string padded = Base64Query.Standard().ToString();
        Assert.EndsWith("=", padded, StringComparison.Ordinal);
        Assert.Equal("Dev1", EasQueryParser.Parse(padded.TrimEnd('=')).DeviceId);
        Assert.Equal("Dev1", EasQueryParser.Parse(padded).DeviceId);
    }

    [Fact]
    public void PercentEncodedAndUrlSafeCharacters_AreAccepted()
    {
        // Binary device ID bytes chosen so the base64 text holds both '+' and '/'.
        string raw = Base64Query.Start(141, 0).DeviceIdBytes(0xFF, 0xFB, 0xEF, 0xBE, 0xFF, 0xFF, 0xFF).NoPolicyKey().DeviceType("iPhone").ToString();
        Assert.Contains('+', raw);
        Assert.Contains('/', raw);
        EasQuery expected = EasQueryParser.Parse(raw);

        string percent = raw.Replace("+", "%2B", StringComparison.Ordinal).Replace("/", "%2f", StringComparison.Ordinal).Replace("=", "%3D", StringComparison.Ordinal);
        string urlSafe = raw.Replace('+', '-').Replace('/', '_');
        foreach (string variant in new[] { percent, urlSafe, "?" + raw })
        {
            Assert.Equal(expected.DeviceId, EasQueryParser.Parse(variant).DeviceId);
        }
    }
}
