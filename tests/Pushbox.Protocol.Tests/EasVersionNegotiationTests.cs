using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

public class EasVersionNegotiationTests
{
    private static readonly EasQuery PlainQuery = EasQueryParser.Parse("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone");

    private static readonly EasQuery Base64Query140 = EasQueryParser.Parse(Base64QueryTests.SpecExample);

    [Theory]
    [InlineData("2.5", "2.5")]
    [InlineData("12.0", "12.0")]
    [InlineData("14.1", "14.1")]
    [InlineData("16.1", "16.1")]
    [InlineData(" 14.1 ", "14.1")]
    public void PlainQuery_TakesTheHeader(string header, string expected)
    {
        Assert.Equal(expected, EasVersionNegotiation.Resolve(header, PlainQuery).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void PlainQuery_WithoutHeader_IsMissingProtocolVersion(string? header)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasVersionNegotiation.Resolve(header, PlainQuery));
        Assert.Equal(EasProtocolError.MissingProtocolVersion, e.Reason);
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("2.1")]
    [InlineData("14")]
    [InlineData("15.0")]
    [InlineData("16.2")]
    [InlineData("14.1,16.0")]
    [InlineData("latest")]
    public void UnknownHeaderValue_IsUnsupportedProtocolVersion(string header)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasVersionNegotiation.Resolve(header, PlainQuery));
        Assert.Equal(EasProtocolError.UnsupportedProtocolVersion, e.Reason);
    }

    [Fact]
    public void UnknownHeaderValue_IsNotEchoed()
    {
        var e = Assert.Throws<EasProtocolException>(() => EasVersionNegotiation.Resolve("SECRET", PlainQuery));
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("14.0")]
    public void Base64Query_TakesItsByte_AndAcceptsAnAgreeingHeader(string? header)
    {
        Assert.Equal(EasVersion.V140, EasVersionNegotiation.Resolve(header, Base64Query140));
    }

    [Theory]
    [InlineData("14.1")]
    [InlineData("16.1")]
    [InlineData("12.1")]
    public void Base64Query_WithADisagreeingHeader_IsProtocolVersionMismatch(string header)
    {
        var e = Assert.Throws<EasProtocolException>(() => EasVersionNegotiation.Resolve(header, Base64Query140));
        Assert.Equal(EasProtocolError.ProtocolVersionMismatch, e.Reason);
    }

    [Fact]
    public void Base64Query_WithAnUnknownHeader_IsUnsupportedProtocolVersion()
    {
        var e = Assert.Throws<EasProtocolException>(() => EasVersionNegotiation.Resolve("99.9", Base64Query140));
        Assert.Equal(EasProtocolError.UnsupportedProtocolVersion, e.Reason);
    }
}
