using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

/// <summary>Malformed and hostile queries: each is a clean <see cref="EasProtocolException"/> with the right reason.</summary>
public class HostileQueryTests
{
    private const string Plain = "Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone";

    private static EasProtocolException Refused(string raw, EasQueryLimits? limits = null) =>
        Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse(raw, limits ?? EasQueryLimits.Default));

    private static EasProtocolException Refused(Base64Query query, EasQueryLimits? limits = null) =>
        Refused(query.ToString(), limits);

    /// <summary>A base64 query with every kind of field, and the byte lengths at which a prefix is itself complete.</summary>
    private static (byte[] Bytes, HashSet<int> CompletePrefixes) FullQuery()
    {
        var query = Base64Query.Start(141, 2).DeviceId("ABCDEF0123456789").PolicyKey(0xDEADBEEF).DeviceType("SmartPhone");
        var complete = new HashSet<int> { query.Length };
        query.Parameter(1, "INBOX");
        complete.Add(query.Length);
        query.Parameter(3, "119281");
        complete.Add(query.Length);
        query.ParameterBytes(7, 0x01);
        complete.Add(query.Length);
        query.Parameter(8, "jdoe");
        complete.Add(query.Length);
        return (query.ToBytes(), complete);
    }

    [Fact]
    public void Base64Query_TruncatedAtEveryByteOffset_IsTruncatedBase64Query()
    {
        (byte[] bytes, HashSet<int> complete) = FullQuery();
        Assert.Equal("jdoe", EasQueryParser.Parse(Convert.ToBase64String(bytes)).User);

        for (int length = 1; length < bytes.Length; length++)
        {
            string raw = Convert.ToBase64String(bytes, 0, length);
            if (complete.Contains(length))
            {
                Assert.Equal("SmartPhone", EasQueryParser.Parse(raw).DeviceType);
                continue;
            }

            var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse(raw));
            Assert.True(e.Reason == EasProtocolError.TruncatedBase64Query, $"prefix of {length} bytes: {e.Reason}");
            Assert.InRange(e.Offset, 0, length);
        }
    }

    [Fact]
    public void Base64Text_CutAtEveryCharacter_IsReadOrRefusedCleanly()
    {
        string raw = Convert.ToBase64String(FullQuery().Bytes);
        for (int length = 0; length < raw.Length; length++)
        {
            try
            {
                _ = EasQueryParser.Parse(raw[..length]);
            }
            catch (EasProtocolException e)
            {
                Assert.True(
                    e.Reason is EasProtocolError.TruncatedBase64Query or EasProtocolError.InvalidBase64 or EasProtocolError.MissingCommand,
                    $"prefix of {length} characters: {e.Reason}");
            }
        }
    }

    [Theory]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l!")]
    [InlineData("jAAJ BAp2MTQwRGV2aWNlAApTbWFydFBob25l")]
    [InlineData("jAAJ%20BAp2MTQwRGV2aWNlAApTbWFydFBob25l")]
    [InlineData("jAAJ%0ABAp2MTQwRGV2aWNlAApTbWFydFBob25l")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l%")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l%4")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l%zz")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25lA")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l===")]
    [InlineData("jAAJBAp2MTQw%3DRGV2aWNlAApTbWFydFBob25l")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l\u00e9")]
    [InlineData("jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l.")]
    [InlineData("A")]
    public void NotBase64_IsInvalidBase64(string raw)
    {
        Assert.Equal(EasProtocolError.InvalidBase64, Refused(raw).Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(100)]
    [InlineData(122)]
    [InlineData(142)]
    [InlineData(162)]
    [InlineData(255)]
    public void UnknownVersionByte_IsUnsupportedProtocolVersion_AtOffset0(byte version)
    {
        var e = Refused(Base64Query.Start(version, 0).DeviceId("Dev1").NoPolicyKey().DeviceType("iPhone"));
        Assert.Equal(EasProtocolError.UnsupportedProtocolVersion, e.Reason);
        Assert.Equal(0, e.Offset);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(120)]
    public void Version25Or120InBase64_IsBase64QueryNotAllowed(byte version)
    {
        var e = Refused(Base64Query.Start(version, 0).DeviceId("Dev1").NoPolicyKey().DeviceType("iPhone"));
        Assert.Equal(EasProtocolError.Base64QueryNotAllowed, e.Reason);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(24)]
    [InlineData(255)]
    public void UnassignedCommandCode_IsUnknownCommand_AtOffset1(byte code)
    {
        var e = Refused(Base64Query.Standard(code));
        Assert.Equal(EasProtocolError.UnknownCommand, e.Reason);
        Assert.Equal(1, e.Offset);
    }

    [Fact]
    public void DeviceIdLength0_IsMissingDeviceId_AtOffset4()
    {
        var e = Refused(Base64Query.Start(141, 0).Raw(0).NoPolicyKey().DeviceType("iPhone"));
        Assert.Equal(EasProtocolError.MissingDeviceId, e.Reason);
        Assert.Equal(4, e.Offset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(255)]
    public void PolicyKeyLengthOtherThan0Or4_IsInvalidPolicyKey(byte length)
    {
        var e = Refused(Base64Query.Start(141, 0).DeviceId("Dev1").Raw(length, 1, 2, 3, 4, 5, 6, 7, 8).DeviceType("iPhone"));
        Assert.Equal(EasProtocolError.InvalidPolicyKey, e.Reason);
        Assert.Equal(9, e.Offset);
    }

    [Fact]
    public void DeviceTypeLength0_IsMissingDeviceType()
    {
        var e = Refused(Base64Query.Start(141, 0).DeviceId("Dev1").NoPolicyKey().Raw(0));
        Assert.Equal(EasProtocolError.MissingDeviceType, e.Reason);
        Assert.Equal(10, e.Offset);
    }

    [Fact]
    public void HugeDeviceIdLength_IsTruncated_AtTheDeviceId()
    {
        var e = Refused(Base64Query.Start(141, 0).Raw(255, (byte)'D', (byte)'e', (byte)'v'));
        Assert.Equal(EasProtocolError.TruncatedBase64Query, e.Reason);
        Assert.Equal(5, e.Offset);
        Assert.Contains("255", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeDeviceTypeLength_IsTruncated()
    {
        var e = Refused(Base64Query.Start(141, 0).DeviceId("Dev1").NoPolicyKey().Raw(255, (byte)'x'));
        Assert.Equal(EasProtocolError.TruncatedBase64Query, e.Reason);
        Assert.Equal(11, e.Offset);
    }

    [Fact]
    public void HugeParameterLength_IsTruncated()
    {
        var e = Refused(Base64Query.Standard().Raw(1, 255, (byte)'5'));
        Assert.Equal(EasProtocolError.TruncatedBase64Query, e.Reason);
    }

    [Fact]
    public void OneByteAfterTheParameters_IsTruncated_AtThatByte()
    {
        Base64Query query = Base64Query.Standard().Parameter(1, "5");
        int at = query.Length;
        var e = Refused(query.Raw(0x01));
        Assert.Equal(EasProtocolError.TruncatedBase64Query, e.Reason);
        Assert.Equal(at + 1, e.Offset);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(0x7F)]
    [InlineData(0xFF)]
    public void UnknownTagAfterTheParameters_IsMalformedQuery_AtTheTag(byte tag)
    {
        Base64Query query = Base64Query.Standard().Parameter(1, "5");
        int at = query.Length;
        var e = Refused(query.Raw(tag, 0));
        Assert.Equal(EasProtocolError.MalformedQuery, e.Reason);
        Assert.Equal(at, e.Offset);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2 })]
    public void OptionsNotOneByte_IsInvalidParameterValue(byte[] value)
    {
        Assert.Equal(EasProtocolError.InvalidParameterValue, Refused(Base64Query.Standard(1).ParameterBytes(7, value)).Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void RepeatedTag_IsDuplicateParameter(byte tag)
    {
        Assert.Equal(EasProtocolError.DuplicateParameter, Refused(Base64Query.Standard().Parameter(tag, "a").Parameter(tag, "b")).Reason);
    }

    [Fact]
    public void RepeatedOptions_IsDuplicateParameter()
    {
        Assert.Equal(EasProtocolError.DuplicateParameter, Refused(Base64Query.Standard(1).ParameterBytes(7, 1).ParameterBytes(7, 1)).Reason);
    }

    [Fact]
    public void Base64DeviceIdLongerThan32_IsInvalidDeviceId()
    {
        Assert.Equal(
            EasProtocolError.InvalidDeviceId,
            Refused(Base64Query.Start(141, 0).DeviceId(new string('a', 33)).NoPolicyKey().DeviceType("iPhone")).Reason);
    }

    [Fact]
    public void BinaryDeviceIdTooLongForHex_IsInvalidDeviceId()
    {
        byte[] seventeen = Enumerable.Repeat((byte)0xFF, 17).ToArray();
        Assert.Equal(
            EasProtocolError.InvalidDeviceId,
            Refused(Base64Query.Start(141, 0).DeviceIdBytes(seventeen).NoPolicyKey().DeviceType("iPhone")).Reason);
    }

    [Fact]
    public void Base64DeviceTypeLongerThanTheLimit_IsInvalidDeviceType()
    {
        Assert.Equal(
            EasProtocolError.InvalidDeviceType,
            Refused(Base64Query.Start(141, 0).DeviceId("Dev1").NoPolicyKey().DeviceType(new string('x', 65))).Reason);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'i', 0x0A, (byte)'P' })]
    [InlineData(new byte[] { (byte)'i', 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    public void Base64DeviceTypeWithControlCharacterOrBadUtf8_IsMalformedQuery(byte[] deviceType)
    {
        var e = Refused(Base64Query.Start(141, 0).DeviceId("Dev1").NoPolicyKey().DeviceIdBytes(deviceType));
        Assert.Equal(EasProtocolError.MalformedQuery, e.Reason);
    }

    [Fact]
    public void Base64ParameterWithBadUtf8_IsMalformedQuery()
    {
        Assert.Equal(EasProtocolError.MalformedQuery, Refused(Base64Query.Standard().ParameterBytes(8, 0xC0, 0x80)).Reason);
    }

    [Fact]
    public void Base64TooManyParameters_IsTooManyParameters()
    {
        var limits = new EasQueryLimits { MaxParameterCount = 2 };
        var e = Refused(Base64Query.Standard().Parameter(1, "a").Parameter(3, "b").Parameter(4, "c"), limits);
        Assert.Equal(EasProtocolError.TooManyParameters, e.Reason);
    }

    [Fact]
    public void Base64ParameterLongerThanTheLimit_IsParameterTooLong()
    {
        var limits = new EasQueryLimits { MaxParameterValueLength = 4 };
        Assert.Equal("abcd", EasQueryParser.Parse(Base64Query.Standard().Parameter(8, "abcd").ToString(), limits).User);
        Assert.Equal(EasProtocolError.ParameterTooLong, Refused(Base64Query.Standard().Parameter(8, "abcde"), limits).Reason);
    }

    [Fact]
    public void QueryLongerThanTheLimit_IsQueryTooLong_BeforeAnythingElse()
    {
        string plain = Plain + "&Foo=" + new string('x', EasQueryLimits.DefaultMaxQueryLength - Plain.Length - 5);
        Assert.Equal(EasQueryLimits.DefaultMaxQueryLength, plain.Length);
        Assert.Equal(EasProtocolError.ParameterTooLong, Refused(plain).Reason);

        Assert.Equal(EasProtocolError.QueryTooLong, Refused(plain + "x").Reason);
        Assert.Equal(EasProtocolError.QueryTooLong, Refused(new string('A', 100_000)).Reason);
        Assert.Equal(EasProtocolError.QueryTooLong, Refused(new string('&', 100_000)).Reason);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%4")]
    [InlineData("%G1")]
    [InlineData("%%41")]
    [InlineData("j%FCrgen")]
    [InlineData("%C3%28")]
    [InlineData("%ED%A0%80")]
    [InlineData("a%00b")]
    [InlineData("a%0Ab")]
    [InlineData("a%0D%0Ab")]
    [InlineData("a%7Fb")]
    [InlineData("a%C2%85b")]
    [InlineData("j\u00fcrgen")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    public void BadEscapeEncodingOrControlCharacterInAValue_IsMalformedQuery(string user)
    {
        Assert.Equal(EasProtocolError.MalformedQuery, Refused($"{Plain}&User={user}").Reason);
    }

    [Theory]
    [InlineData(Plain + "&junk")]
    [InlineData(Plain + "&=value")]
    [InlineData(Plain + "&Device-Id=x")]
    [InlineData(Plain + "&p1=x")]
    [InlineData(Plain + "&%00=x")]
    [InlineData(Plain + "&Ab%C3%A9=x")]
    [InlineData(Plain + "&ThisParameterNameIsFarLongerThanAnyInTheSpec=x")]
    [InlineData("ab=c")]
    public void PairWithoutEqualsOrWithABadName_IsMalformedQuery(string raw)
    {
        EasProtocolError reason = Refused(raw).Reason;
        Assert.True(reason is EasProtocolError.MalformedQuery or EasProtocolError.MissingCommand or EasProtocolError.InvalidBase64, reason.ToString());
        if (raw.StartsWith(Plain, StringComparison.Ordinal))
        {
            Assert.Equal(EasProtocolError.MalformedQuery, reason);
        }
    }

    [Theory]
    [InlineData("Cmd")]
    [InlineData("Sync")]
    [InlineData("FolderSync")]
    public void WordWithoutEquals_IsReadAsBase64_AndRefusedCleanly(string raw)
    {
        EasProtocolError reason = Refused(raw).Reason;
        Assert.True(
            reason is EasProtocolError.UnsupportedProtocolVersion or EasProtocolError.InvalidBase64 or EasProtocolError.TruncatedBase64Query,
            reason.ToString());
    }

    [Fact]
    public void ManyParameters_IsTooManyParameters()
    {
        string raw = Plain + string.Concat(Enumerable.Repeat("&a=1", EasQueryLimits.DefaultMaxParameterCount));
        Assert.Equal(EasProtocolError.TooManyParameters, Refused(raw).Reason);
    }

    [Fact]
    public void LongUser_IsParameterTooLong()
    {
        string user = new('u', EasQueryLimits.DefaultMaxParameterValueLength + 1);
        Assert.Equal(EasProtocolError.ParameterTooLong, Refused($"{Plain}&User={user}").Reason);
        Assert.Equal(user[1..], EasQueryParser.Parse($"{Plain}&User={user[1..]}").User);
    }

    [Fact]
    public void LongDeviceType_IsInvalidDeviceType()
    {
        Assert.Equal(
            EasProtocolError.InvalidDeviceType,
            Refused($"Cmd=Sync&DeviceId=Dev1&DeviceType={new string('x', EasQueryLimits.DefaultMaxDeviceTypeLength + 1)}").Reason);
    }

    [Fact]
    public void LongCmd_IsUnknownCommand_WithoutEchoingIt()
    {
        var e = Refused($"Cmd={new string('Q', 500)}&DeviceId=Dev1&DeviceType=iPhone");
        Assert.Equal(EasProtocolError.UnknownCommand, e.Reason);
        Assert.DoesNotContain("QQQ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortUnknownCmd_IsNamedInTheMessage()
    {
        Assert.Contains("Cmd=Synch", Refused("Cmd=Synch&DeviceId=Dev1&DeviceType=iPhone").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cmd=Sync&DeviceId=SECRET-1&DeviceType=iPhone")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=SECRET%00")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&User=SECRET%00")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&SECRET%00=1")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&SECRET")]
    [InlineData("Cmd=SECRET%2F&DeviceId=Dev1&DeviceType=iPhone")]
    [InlineData("Cmd=SendMail&DeviceId=Dev1&DeviceType=iPhone&SaveInSent=SECRET")]
    [InlineData("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone&ItemId=SECRET%FF")]
    public void Messages_NeverEchoRequestValues(string raw)
    {
        var e = Refused(raw);
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
