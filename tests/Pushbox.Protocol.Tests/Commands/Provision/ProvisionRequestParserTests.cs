using Pushbox.Protocol.Commands.Provision;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;

namespace Pushbox.Protocol.Tests.Commands.Provision;

public class ProvisionRequestParserTests
{
    private static ProvisionRequest Parse(byte[] body) => ProvisionRequestParser.Parse(body, WbxmlLimits.Default);

    private static ProvisionRequest Parse(string xml) => Parse(Encode(xml));

    [Fact]
    public void Parse_InitialRequestWithDeviceInformation_ReadsPolicyTypeAndDevice()
    {
        // MS-ASPROV 3.1.5.1.1 / 4.1: the initial request of a 14.1 client.
        ProvisionRequest request = Parse("""
            <Provision xmlns="Provision:">
              <DeviceInformation xmlns="Settings:">
                <Set>
                  <Model>Test 1.0</Model>
                  <IMEI>012345678901234</IMEI>
                  <FriendlyName>My Phone</FriendlyName>
                  <OS>Test OS 1.0</OS>
                  <OSLanguage>English</OSLanguage>
                  <PhoneNumber>555-123-4567</PhoneNumber>
                  <UserAgent>EAS-Test/1.0</UserAgent>
                  <EnableOutboundSMS>0</EnableOutboundSMS>
                  <MobileOperator>Fabrikam</MobileOperator>
                </Set>
              </DeviceInformation>
              <Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType></Policy></Policies>
            </Provision>
            """);

        Assert.Equal(ProvisionRequestKind.Initial, request.Kind);
        Assert.Equal(new ProvisionRequestPolicy(PolicyTypes.EasProvisioningWbxml), request.Policy);
        Assert.Equal(
            new ProvisionDeviceInformation
            {
                Model = "Test 1.0", Imei = "012345678901234", FriendlyName = "My Phone", OS = "Test OS 1.0", OSLanguage = "English",
                PhoneNumber = "555-123-4567", UserAgent = "EAS-Test/1.0", EnableOutboundSms = false, MobileOperator = "Fabrikam",
            },
            request.DeviceInformation);
    }

    [Fact]
    public void Parse_InitialRequestOf25_ReadsWapPolicyType()
    {
        ProvisionRequest request = Parse("""<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-WAP-Provisioning-XML</PolicyType></Policy></Policies></Provision>""");

        Assert.Equal(ProvisionRequestKind.Initial, request.Kind);
        Assert.Equal(PolicyTypes.WapProvisioningXml, request.Policy!.PolicyType);
        Assert.Null(request.DeviceInformation);
    }

    [Fact]
    public void Parse_Acknowledgement_ReadsKeyAndStatus()
    {
        // MS-ASPROV 3.1.5.1.2.1 / 4.1: the acknowledgement with the temporary key.
        ProvisionRequest request = Parse("""
            <Provision xmlns="Provision:">
              <Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><PolicyKey>1307199584</PolicyKey><Status>1</Status></Policy></Policies>
            </Provision>
            """);

        Assert.Equal(ProvisionRequestKind.Acknowledgement, request.Kind);
        Assert.Equal(new ProvisionRequestPolicy(PolicyTypes.EasProvisioningWbxml, "1307199584", PolicyAcknowledgementStatus.Success), request.Policy);
    }

    [Fact]
    public void Parse_RemoteWipeAcknowledgement_ReadsStatus()
    {
        ProvisionRequest request = Parse("""<Provision xmlns="Provision:"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>""");

        Assert.Equal(ProvisionRequestKind.RemoteWipeAcknowledgement, request.Kind);
        Assert.Equal(RemoteWipeStatus.Success, request.RemoteWipeStatus);
    }

    [Fact]
    public void Parse_AccountOnlyRemoteWipeAcknowledgement_ReadsStatus()
    {
        ProvisionRequest request = Parse("""<Provision xmlns="Provision:"><AccountOnlyRemoteWipe><Status>2</Status></AccountOnlyRemoteWipe></Provision>""");

        Assert.Equal(ProvisionRequestKind.AccountOnlyRemoteWipeAcknowledgement, request.Kind);
        Assert.Equal(RemoteWipeStatus.Failure, request.AccountOnlyRemoteWipeStatus);
    }

    [Fact]
    public void Parse_EmptyProvision_IsEmptyKind()
    {
        // MS-ASPROV_R622: after a wipe status the client sends an empty Provision.
        Assert.Equal(ProvisionRequestKind.Empty, Parse("""<Provision xmlns="Provision:"/>""").Kind);
    }

    [Fact]
    public void Parse_UnknownPolicyType_IsNotMalformed()
    {
        ProvisionRequest request = Parse("""<Provision xmlns="Provision:"><Policies><Policy><PolicyType>X-Other</PolicyType></Policy></Policies></Provision>""");

        Assert.False(PolicyTypes.IsKnown(request.Policy!.PolicyType));
    }

    public static TheoryData<string, string> HostileXml() => new()
    {
        { "wrong root", """<Settings xmlns="Settings:"/>""" },
        { "Policies without Policy", """<Provision xmlns="Provision:"><Policies/></Provision>""" },
        { "two Policy", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType>a</PolicyType></Policy><Policy><PolicyType>b</PolicyType></Policy></Policies></Provision>""" },
        { "Policy without PolicyType", """<Provision xmlns="Provision:"><Policies><Policy><PolicyKey>1</PolicyKey><Status>1</Status></Policy></Policies></Provision>""" },
        { "empty PolicyType", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType/></Policy></Policies></Provision>""" },
        { "PolicyKey without Status", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><PolicyKey>1</PolicyKey></Policy></Policies></Provision>""" },
        { "Status without PolicyKey", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><Status>1</Status></Policy></Policies></Provision>""" },
        { "PolicyKey of 65 characters", $"""<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><PolicyKey>{new string('1', 65)}</PolicyKey><Status>1</Status></Policy></Policies></Provision>""" },
        { "Status not a number", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><PolicyKey>1</PolicyKey><Status>ok</Status></Policy></Policies></Provision>""" },
        { "Status over a byte", """<Provision xmlns="Provision:"><RemoteWipe><Status>256</Status></RemoteWipe></Provision>""" },
        { "RemoteWipe without Status", """<Provision xmlns="Provision:"><RemoteWipe/></Provision>""" },
        { "two RemoteWipe", """<Provision xmlns="Provision:"><RemoteWipe><Status>1</Status></RemoteWipe><RemoteWipe><Status>1</Status></RemoteWipe></Provision>""" },
        { "wipe and account wipe", """<Provision xmlns="Provision:"><RemoteWipe><Status>1</Status></RemoteWipe><AccountOnlyRemoteWipe><Status>1</Status></AccountOnlyRemoteWipe></Provision>""" },
        { "policies and wipe", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType>a</PolicyType></Policy></Policies><RemoteWipe><Status>1</Status></RemoteWipe></Provision>""" },
        { "DeviceInformation without Set", """<Provision xmlns="Provision:"><DeviceInformation xmlns="Settings:"/></Provision>""" },
        { "EnableOutboundSMS 2", """<Provision xmlns="Provision:"><DeviceInformation xmlns="Settings:"><Set><EnableOutboundSMS>2</EnableOutboundSMS></Set></DeviceInformation></Provision>""" },
        { "Model over 1024", $"""<Provision xmlns="Provision:"><DeviceInformation xmlns="Settings:"><Set><Model>{new string('m', 1025)}</Model></Set></DeviceInformation></Provision>""" },
        { "repeated Model", """<Provision xmlns="Provision:"><DeviceInformation xmlns="Settings:"><Set><Model>a</Model><Model>b</Model></Set></DeviceInformation></Provision>""" },
        { "text at the root", """<Provision xmlns="Provision:">x</Provision>""" },
        { "element in PolicyType", """<Provision xmlns="Provision:"><Policies><Policy><PolicyType><Status>1</Status></PolicyType></Policy></Policies></Provision>""" },
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
        byte[] body = Encode("""<Provision xmlns="Provision:"><Policies><Policy><PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><PolicyKey>1</PolicyKey><Status>1</Status></Policy></Policies></Provision>""");
        for (int length = 0; length < body.Length; length++)
        {
            AssertRejected(() => Parse(body[..length]));
        }
    }

    [Fact]
    public void Parse_BodyOverTheDocumentLimit_IsBodyTooLarge()
    {
        byte[] body = Encode("""<Provision xmlns="Provision:"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>""");

        AssertRejected(() => ProvisionRequestParser.Parse(body, new WbxmlLimits { MaxDocumentSize = body.Length - 1 }), EasProtocolError.BodyTooLarge);
    }
}
