using System.Text;
using Pushbox.Protocol.Autodiscover;

namespace Pushbox.Protocol.Tests.Autodiscover;

public class AutodiscoverRequestParserTests
{
    /// <summary>MS-ASCMD 4.2.1, including its line breaks around the schema value.</summary>
    private const string SpecExample = """
        <?xml version="1.0" encoding="utf-8"?>
        <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006">
          <Request>
            <EMailAddress>chris@woodgrovebank.com</EMailAddress>
            <AcceptableResponseSchema>
              http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006
            </AcceptableResponseSchema>
          </Request>
        </Autodiscover>
        """;

    private static AutodiscoverRequest Parse(string xml, AutodiscoverLimits? limits = null) =>
        AutodiscoverRequestParser.Parse(Encoding.UTF8.GetBytes(xml), limits ?? AutodiscoverLimits.Default);

    private static void AssertError(AutodiscoverErrorCode code, string xml, AutodiscoverLimits? limits = null)
    {
        AutodiscoverRequestException e = Assert.Throws<AutodiscoverRequestException>(() => Parse(xml, limits));
        Assert.Equal(code, e.ErrorCode);
    }

    [Fact]
    public void Parse_SpecExample_ReadsAddressAndSchema()
    {
        AutodiscoverRequest request = Parse(SpecExample);

        Assert.Equal(new AutodiscoverRequest("chris@woodgrovebank.com", AutodiscoverSchemas.MobileSyncResponse), request);
    }

    [Fact]
    public async Task ParseAsync_SpecExampleFromAStream_ReadsAddressAndSchema()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SpecExample));

        AutodiscoverRequest request = await AutodiscoverRequestParser.ParseAsync(stream, AutodiscoverLimits.Default, CancellationToken.None);

        Assert.Equal("chris@woodgrovebank.com", request.EMailAddress);
    }

    [Fact]
    public async Task ParseAsync_StreamOverTheLimit_IsInvalidRequest()
    {
        var limits = new AutodiscoverLimits { MaxRequestSize = 100 };
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SpecExample));

        AutodiscoverRequestException e = await Assert.ThrowsAsync<AutodiscoverRequestException>(
            () => AutodiscoverRequestParser.ParseAsync(stream, limits, CancellationToken.None));
        Assert.Equal(AutodiscoverErrorCode.InvalidRequest, e.ErrorCode);
    }

    [Theory]
    [InlineData("""<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>a@b.example</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/MobileSync/responseschema/2006</AcceptableResponseSchema></Request></Autodiscover>""")]
    [InlineData("""<Autodiscover><Request><EmailAddress>a@b.example</EmailAddress><LegacyDN>/o=x</LegacyDN><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006</AcceptableResponseSchema></Request></Autodiscover>""")]
    [InlineData("""<?xml version="1.0" encoding="utf-16"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006"><!-- c --><Request><AcceptableResponseSchema><![CDATA[http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006]]></AcceptableResponseSchema><EMailAddress> a@b.example </EMailAddress></Request></Autodiscover>""")]
    public void Parse_SloppyButClearRequests_AreAccepted(string xml)
    {
        byte[] bytes = xml.Contains("utf-16", StringComparison.Ordinal) ? Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray() : Encoding.UTF8.GetBytes(xml);

        AutodiscoverRequest request = AutodiscoverRequestParser.Parse(bytes, AutodiscoverLimits.Default);

        Assert.Equal("a@b.example", request.EMailAddress);
    }

    [Theory]
    [InlineData("http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a")]
    [InlineData("http://example.com/other")]
    public void Parse_AnotherResponseSchema_IsProviderNotFound(string schema) =>
        AssertError(AutodiscoverErrorCode.ProviderNotFound, $"""
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
              <Request><EMailAddress>a@b.example</EMailAddress><AcceptableResponseSchema>{schema}</AcceptableResponseSchema></Request>
            </Autodiscover>
            """);

    private const string Schema = "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006</AcceptableResponseSchema>";
    private const string Ns = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006";

    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "empty body", "" },
        { "not XML", "hello" },
        { "not well formed", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request>""" },
        { "DTD", $"""<!DOCTYPE Autodiscover [<!ENTITY x "a@b.example">]><Autodiscover xmlns="{Ns}"><Request><EMailAddress>&x;</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "external entity", $"""<!DOCTYPE Autodiscover SYSTEM "file:///etc/passwd"><Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "wrong root", $"""<Discover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request></Discover>""" },
        { "foreign root namespace", $"""<Autodiscover xmlns="urn:other"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "no Request", $"""<Autodiscover xmlns="{Ns}"/>""" },
        { "two Requests", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request><Request><EMailAddress>c@d.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "no EMailAddress", $"""<Autodiscover xmlns="{Ns}"><Request>{Schema}</Request></Autodiscover>""" },
        { "empty EMailAddress", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>  </EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "two EMailAddresses", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress><EMailAddress>c@d.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "EMailAddress with an element", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress><b>a@b.example</b></EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "EMailAddress too long", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>{new string('a', 400)}@b.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "control character", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a&#x1;@b.example</EMailAddress>{Schema}</Request></Autodiscover>""" },
        { "no schema", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress></Request></Autodiscover>""" },
        { "trailing element", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}</Request></Autodiscover><x/>""" },
        { "deep nesting", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}{string.Concat(Enumerable.Repeat("<x>", 50))}{string.Concat(Enumerable.Repeat("</x>", 50))}</Request></Autodiscover>""" },
        { "over the size limit", $"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a@b.example</EMailAddress>{Schema}<Pad>{new string(' ', 20_000)}</Pad></Request></Autodiscover>""" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Parse_InvalidRequest_IsError600(string why, string xml)
    {
        Assert.NotNull(why);
        AssertError(AutodiscoverErrorCode.InvalidRequest, xml);
    }

    [Fact]
    public void Parse_InvalidRequestWithAnotherSchema_IsStill600()
    {
        // Structure is judged first: a broken request is 600 whatever schema it asks for.
        AssertError(AutodiscoverErrorCode.InvalidRequest, $"""
            <Autodiscover xmlns="{Ns}"><Request><AcceptableResponseSchema>urn:other</AcceptableResponseSchema></Request></Autodiscover>
            """);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsError600()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes($"""<Autodiscover xmlns="{Ns}"><Request><EMailAddress>a"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes($"""@b.example</EMailAddress>{Schema}</Request></Autodiscover>""")];

        AutodiscoverRequestException e = Assert.Throws<AutodiscoverRequestException>(() => AutodiscoverRequestParser.Parse(bytes, AutodiscoverLimits.Default));
        Assert.Equal(AutodiscoverErrorCode.InvalidRequest, e.ErrorCode);
    }

    [Fact]
    public void Limits_RefuseNonPositiveValues()
    {
        var limits = new AutodiscoverLimits();
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxRequestSize = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxDepth = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxEMailAddressLength = 0);
    }
}
