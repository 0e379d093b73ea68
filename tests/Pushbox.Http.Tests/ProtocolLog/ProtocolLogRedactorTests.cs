using Pushbox.Http.ProtocolLog;

namespace Pushbox.Http.Tests.ProtocolLog;

public sealed class ProtocolLogRedactorTests
{
    [Theory]
    [InlineData("<Password>hunter2</Password>", "<Password>********</Password>")]
    [InlineData("<Settings xmlns=\"Settings:\"><DevicePassword><Set><Password>hunter2</Password></Set></DevicePassword></Settings>", "<Settings xmlns=\"Settings:\"><DevicePassword>********</DevicePassword></Settings>")]
    [InlineData("<Password xmlns=\"ItemOperations:\">hunter2</Password>", "<Password xmlns=\"ItemOperations:\">********</Password>")]
    [InlineData("<s:Password>hunter2</s:Password>", "<s:Password>********</s:Password>")]
    [InlineData("<Password encoding=\"opaque\"><![CDATA[hun</Password>ter2]]></Password>", "<Password encoding=\"opaque\">********</Password>")]
    [InlineData("<Password a=\"x>y\">hunter2</Password>", "<Password a=\"x>y\">********</Password>")]
    [InlineData("<Password>\n    hunter2\n  </Password >", "<Password>********</Password >")]
    [InlineData("<a><Password>one</Password><b>keep</b><Password>two</Password></a>", "<a><Password>********</Password><b>keep</b><Password>********</Password></a>")]
    [InlineData("<Password>left open", "<Password>********")]
    [InlineData("<password>lower</password>", "<password>********</password>")]
    public void MaskXml_PasswordElements_AreMasked(string xml, string expected) =>
        Assert.Equal(expected, ProtocolLogRedactor.MaskXml(xml));

    [Theory]
    [InlineData("<Password/>")]
    [InlineData("<Password />")]
    [InlineData("<DevicePasswordEnabled>1</DevicePasswordEnabled><MinDevicePasswordLength>4</MinDevicePasswordLength>")]
    [InlineData("<AllowSimpleDevicePassword>1</AllowSimpleDevicePassword>")]
    [InlineData("<PasswordRecoveryEnabled>0</PasswordRecoveryEnabled>")]
    [InlineData("<Data><![CDATA[<Password>not an element</Password>]]></Data>")]
    [InlineData("<!-- <Password>comment</Password> --><x/>")]
    [InlineData("plain text, no markup")]
    public void MaskXml_NoPasswordContent_IsUnchanged(string xml) =>
        Assert.Equal(xml, ProtocolLogRedactor.MaskXml(xml));

    [Fact]
    public void MaskXml_DecodedWbxmlDocument_MasksPasswordAndKeepsTheRest()
    {
        string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">
            <ItemOperations xmlns="ItemOperations:">
              <Fetch>
                <Store>DocumentLibrary</Store>
                <UserName>alice</UserName>
                <Password>s3cr3t</Password>
              </Fetch>
            </ItemOperations>
            """;

        string masked = ProtocolLogRedactor.MaskXml(xml);

        Assert.DoesNotContain("s3cr3t", masked, StringComparison.Ordinal);
        Assert.Contains("<UserName>alice</UserName>", masked, StringComparison.Ordinal);
        Assert.Contains("<Password>********</Password>", masked, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Microsoft-Server-ActiveSync?Cmd=Sync&User=alice&DeviceId=abc&DeviceType=iPhone", "/Microsoft-Server-ActiveSync?Cmd=Sync&User=alice&DeviceId=abc&DeviceType=iPhone")]
    [InlineData("/x?User=alice&Password=hunter2&Cmd=Ping", "/x?User=alice&Password=********&Cmd=Ping")]
    [InlineData("/x?access_token=abc&auth=def&PWD=ghi&api-key=jkl", "/x?access_token=********&auth=********&PWD=********&api-key=********")]
    [InlineData("/x?Pass%77ord=hunter2", "/x?Pass%77ord=********")]
    [InlineData("/Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l", "/Microsoft-Server-ActiveSync?jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l")]
    [InlineData("/x\r\nInjected: yes", "/x??Injected: yes")]
    public void SanitizePathAndQuery_MasksSecretValues(string input, string expected) =>
        Assert.Equal(expected, ProtocolLogRedactor.SanitizePathAndQuery(input));

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("Proxy-Authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("Set-Cookie", true)]
    [InlineData("X-Auth-Token", true)]
    [InlineData("User-Agent", false)]
    [InlineData("MS-ASProtocolVersion", false)]
    [InlineData("X-MS-PolicyKey", false)]
    [InlineData("WWW-Authenticate", false)]
    public void IsSecretName_CredentialHeaders(string name, bool secret) =>
        Assert.Equal(secret, ProtocolLogRedactor.IsSecretName(name));
}
