using XsdValidator = Pushbox.Testing.Eas.XsdValidator;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Pushbox.Protocol.Autodiscover;

namespace Pushbox.Protocol.Tests.Autodiscover;

public class AutodiscoverResponseWriterTests
{
    private static readonly string[] Schemas = ["AutodiscoverResponse.xsd", "AutodiscoverMobileSync.xsd"];

    private static readonly Uri Url = new("https://loandept.woodgrovebank.com/Microsoft-Server-ActiveSync");

    private static string Write(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void AssertSameXml(string expected, string actual) =>
        Assert.True(XNode.DeepEquals(XDocument.Parse(expected), XDocument.Parse(actual)), $"Expected:\n{expected}\nActual:\n{actual}");

    [Fact]
    public void Write_Settings_IsTheSpecExampleWithOneServer()
    {
        // MS-ASCMD 4.2.4 without the optional CertEnroll server and with the values trimmed.
        string expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006">
                <Culture>en:us</Culture>
                <User>
                  <DisplayName>Chris Gray</DisplayName>
                  <EMailAddress>chris@woodgrovebank.com</EMailAddress>
                </User>
                <Action>
                  <Settings>
                    <Server>
                      <Type>MobileSync</Type>
                      <Url>https://loandept.woodgrovebank.com/Microsoft-Server-ActiveSync</Url>
                      <Name>https://loandept.woodgrovebank.com/Microsoft-Server-ActiveSync</Name>
                    </Server>
                  </Settings>
                </Action>
              </Response>
            </Autodiscover>
            """;

        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverResponse("chris@woodgrovebank.com", "Chris Gray", Url)));

        AssertSameXml(expected, actual);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", actual, StringComparison.Ordinal);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Fact]
    public void Write_SettingsWithoutDisplayName_OmitsIt()
    {
        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverResponse("a@b.example", null, Url, "de:de")));

        XDocument document = XDocument.Parse(actual);
        XNamespace ms = AutodiscoverSchemas.MobileSyncResponse;
        Assert.Null(document.Descendants(ms + "DisplayName").FirstOrDefault());
        Assert.Equal("de:de", document.Descendants(ms + "Culture").Single().Value);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Theory]
    [InlineData(AutodiscoverErrorCode.InvalidRequest, "Invalid Request")]
    [InlineData(AutodiscoverErrorCode.ProviderNotFound, "Provider is not available")]
    public void Write_Error_HasErrorCodeMessageAndDebugData(AutodiscoverErrorCode code, string message)
    {
        // MS-ASCMD 4.2.3, with Response in the outer namespace as AutodiscoverResponse.xsd requires.
        string expected = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response>
                <Error Time="16:56:32.6164027" Id="1054084152">
                  <ErrorCode>{(int)code}</ErrorCode>
                  <Message>{message}</Message>
                  <DebugData />
                </Error>
              </Response>
            </Autodiscover>
            """;

        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverErrorResponse(code, time: new TimeOnly(16, 56, 32).Add(TimeSpan.FromTicks(6164027)), id: 1054084152)));

        AssertSameXml(expected, actual);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Fact]
    public void Write_ErrorWithoutTimeOrId_OmitsTheAttributes()
    {
        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverErrorResponse(AutodiscoverErrorCode.InvalidRequest, debugData: "root")));

        XElement error = XDocument.Parse(actual).Descendants(XName.Get("Error", AutodiscoverSchemas.Response)).Single();
        Assert.Empty(error.Attributes());
        Assert.Equal("root", error.Element(XName.Get("DebugData", AutodiscoverSchemas.Response))!.Value);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Fact]
    public void Write_ActionError_IsTheSpecExample()
    {
        // MS-ASCMD 4.2.2.
        string expected = """
            <?xml version="1.0" encoding="utf-8"?>
            <Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
              <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006">
                <Culture>en:us</Culture>
                <User>
                  <EMailAddress>chris@woodgrovebank.com</EMailAddress>
                </User>
                <Action>
                  <Error>
                    <Status>2</Status>
                    <Message>The directory service could not be reached</Message>
                    <DebugData>MailUser</DebugData>
                  </Error>
                </Action>
              </Response>
            </Autodiscover>
            """;

        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverActionErrorResponse(
            "chris@woodgrovebank.com", AutodiscoverStatus.ProtocolError, "The directory service could not be reached", "MailUser")));

        AssertSameXml(expected, actual);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Fact]
    public void Write_EscapesMarkupInValues()
    {
        string actual = Write(o => AutodiscoverResponseWriter.Write(o, new AutodiscoverResponse("a@b.example", "<Ann & Bob>", Url)));

        Assert.Contains("&lt;Ann &amp; Bob&gt;", actual, StringComparison.Ordinal);
        XsdValidator.AssertValidXml(actual, Schemas);
    }

    [Fact]
    public void Responses_InvalidValues_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new AutodiscoverResponse("a@b.example", null, new Uri("/relative", UriKind.Relative)));
        Assert.Throws<ArgumentException>(() => new AutodiscoverResponse("a@b.example", null, new Uri("ftp://x.example/")));
        Assert.Throws<ArgumentException>(() => new AutodiscoverResponse(" ", null, Url));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutodiscoverErrorResponse((AutodiscoverErrorCode)500));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutodiscoverActionErrorResponse("a@b.example", AutodiscoverStatus.Success, "ok"));
    }

    [Fact]
    public void WriteV2_IsProtocolAndUrl()
    {
        string json = Write(o => AutodiscoverV2ResponseWriter.Write(o, Url));

        Assert.Equal("""{"Protocol":"ActiveSync","Url":"https://loandept.woodgrovebank.com/Microsoft-Server-ActiveSync"}""", json);
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.Equal("ActiveSync", document.RootElement.GetProperty("Protocol").GetString());
    }

    [Fact]
    public void WriteV2_RelativeUrl_IsRefused() =>
        Assert.Throws<ArgumentException>(() => Write(o => AutodiscoverV2ResponseWriter.Write(o, new Uri("/x", UriKind.Relative))));
}
