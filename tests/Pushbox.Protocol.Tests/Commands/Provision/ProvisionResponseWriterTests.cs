using System.Xml.Linq;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Wbxml;
using static Pushbox.Protocol.Tests.Commands.WbxmlTestHelpers;
using Tags = Pushbox.Wbxml.EasCodePages.ProvisionTags;
using XsdValidator = Pushbox.Testing.Eas.XsdValidator;

namespace Pushbox.Protocol.Tests.Commands.Provision;

public class ProvisionResponseWriterTests
{
    // AirSyncBase.xsd refers to every content schema (and to files that are not in spec/xsd), while the
    // response needs only its EmptyTag type; a stub declaring that type alone stands in for it.
    private static readonly string[] Schemas = Pushbox.Testing.Eas.EasSchemas.Provision;

    private static readonly EasProvisionDoc Strict = new()
    {
        DevicePasswordEnabled = true,
        AlphanumericDevicePasswordRequired = true,
        MinDevicePasswordLength = 6,
        MaxInactivityTimeDeviceLock = 900,
        MaxDevicePasswordFailedAttempts = 8,
        MaxAttachmentSize = 10_485_760,
        DevicePasswordExpiration = 90,
        DevicePasswordHistory = 5,
        AllowBluetooth = 1,
        MaxEmailAgeFilter = 3,
        UnapprovedInROMApplicationList = ["Solitaire"],
        ApprovedApplicationList = ["0123456789ABCDEF0123456789ABCDEF01234567"],
    };

    private static byte[] Write(ProvisionResponse response, EasVersion version) =>
        WbxmlTestHelpers.Write(w => ProvisionResponseWriter.Write(w, response, version));

    private static ProvisionResponse Initial(EasVersion version, EasProvisionDoc doc) => new(ProvisionStatus.Success)
    {
        Policy = new ProvisionResponsePolicy(PolicyTypes.For(version), PolicyStatus.Success, "1307199584", doc),
        DeviceInformationStatus = version >= EasVersion.V141 ? DeviceInformationStatus.Success : null,
    };

    public static TheoryData<string> Versions() => AllVersions();

    public static TheoryData<string> EasVersions()
    {
        var data = new TheoryData<string>();
        foreach (EasVersion v in EasVersion.All.Where(v => v >= EasVersion.V120))
        {
            data.Add(v.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EasVersions))]
    public void Write_EveryResponseAtEveryEasVersion_IsValidAgainstTheSchema(string value)
    {
        EasVersion version = Version(value);
        List<ProvisionResponse> responses =
        [
            Initial(version, new EasProvisionDoc()),
            Initial(version, Strict),
            new(ProvisionStatus.Success) { Policy = new(PolicyTypes.EasProvisioningWbxml, PolicyStatus.Success, "3942919513") },
            new(ProvisionStatus.Success) { Policy = new(PolicyTypes.EasProvisioningWbxml, PolicyStatus.PolicyKeyMismatch) },
            new(ProvisionStatus.Success) { Policy = new("X-Other", PolicyStatus.UnknownPolicyType) },
            new(ProvisionStatus.Success) { RemoteWipe = true },
            new(ProvisionStatus.ProtocolError),
            new(ProvisionStatus.ServerError),
        ];
        if (version == EasVersion.V161)
        {
            responses.Add(new(ProvisionStatus.Success) { AccountOnlyRemoteWipe = true });
        }

        foreach (ProvisionResponse response in responses)
        {
            XsdValidator.AssertValidWbxml(Write(response, version), Schemas);
        }
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Write_PolicyDocument_HasExactlyTheSettingsOfTheVersion(string value)
    {
        EasVersion version = Version(value);
        XDocument xml = XDocument.Parse(WbxmlXml.ToXml(Write(Initial(version, Strict), version)));
        XElement data = xml.Descendants().Single(e => e.Name.LocalName == "Data");
        if (version < EasVersion.V120)
        {
            Assert.Empty(data.Elements());
            Assert.StartsWith("<wap-provisioningdoc>", data.Value, StringComparison.Ordinal);
            return;
        }

        string[] written = [.. data.Elements().Single().Elements().Select(e => e.Name.LocalName)];
        string[] expected = [.. EasProvisionDocWriter.SettingTags.Where(t => EasProvisionDocWriter.Since(t) <= version).Select(t => EasCodePages.GetName(t)!)];
        Assert.Equal(expected, written);
        Assert.Equal(version == EasVersion.V120 ? 11 : 42, written.Length);
    }

    [Fact]
    public void Write_Version120_GetsOnlyThe120Settings()
    {
        byte[] expected = Encode("""
            <Provision xmlns="Provision:">
              <Status>1</Status>
              <Policies><Policy>
                <PolicyType>MS-EAS-Provisioning-WBXML</PolicyType><Status>1</Status><PolicyKey>1307199584</PolicyKey>
                <Data><EASProvisionDoc>
                  <DevicePasswordEnabled>0</DevicePasswordEnabled>
                  <AlphanumericDevicePasswordRequired>0</AlphanumericDevicePasswordRequired>
                  <PasswordRecoveryEnabled>0</PasswordRecoveryEnabled>
                  <AttachmentsEnabled>1</AttachmentsEnabled>
                  <MinDevicePasswordLength/>
                  <MaxInactivityTimeDeviceLock/>
                  <MaxDevicePasswordFailedAttempts/>
                  <MaxAttachmentSize/>
                  <AllowSimpleDevicePassword>1</AllowSimpleDevicePassword>
                  <DevicePasswordExpiration/>
                  <DevicePasswordHistory>0</DevicePasswordHistory>
                </EASProvisionDoc></Data>
              </Policy></Policies>
            </Provision>
            """);

        AssertSameBytes(expected, Write(Initial(EasVersion.V120, new EasProvisionDoc()), EasVersion.V120));
    }

    [Fact]
    public void Write_DeviceInformationStatus_PrecedesStatus()
    {
        var response = new ProvisionResponse(ProvisionStatus.Success) { DeviceInformationStatus = DeviceInformationStatus.Success };
        byte[] expected = Encode("""
            <Provision xmlns="Provision:"><DeviceInformation xmlns="Settings:"><Status>1</Status></DeviceInformation><Status>1</Status></Provision>
            """);

        AssertSameBytes(expected, Write(response, EasVersion.V141));
    }

    [Fact]
    public void Write_RemoteWipe_IsAnEmptyElement()
    {
        byte[] expected = Encode("""<Provision xmlns="Provision:"><Status>1</Status><RemoteWipe/></Provision>""");

        AssertSameBytes(expected, Write(new ProvisionResponse(ProvisionStatus.Success) { RemoteWipe = true }, EasVersion.V25));
    }

    [Fact]
    public void Write_Version25_CarriesTheWapDocumentAsText()
    {
        byte[] bytes = Write(Initial(EasVersion.V25, Strict), EasVersion.V25);
        XElement data = XDocument.Parse(WbxmlXml.ToXml(bytes)).Descendants().Single(e => e.Name.LocalName == "Data");

        Assert.Equal(WapProvisioningDoc.Render(Strict), data.Value);
        Assert.DoesNotContain(Tags.EASProvisionDoc.ToString("X4"), Convert.ToHexString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WhatTheVersionLacks_Throws()
    {
        Assert.Throws<ArgumentException>(() => Write(new ProvisionResponse(ProvisionStatus.Success) { DeviceInformationStatus = DeviceInformationStatus.Success }, EasVersion.V140));
        Assert.Throws<ArgumentException>(() => Write(new ProvisionResponse(ProvisionStatus.Success) { AccountOnlyRemoteWipe = true }, EasVersion.V160));
        Assert.Throws<ArgumentException>(() => Write(Initial(EasVersion.V25, Strict), EasVersion.V141));
        Assert.Throws<ArgumentException>(() => Write(Initial(EasVersion.V141, Strict), EasVersion.V25));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(new ProvisionResponse((ProvisionStatus)139), EasVersion.V121));
        Assert.Throws<ArgumentOutOfRangeException>(() => Write(Initial(EasVersion.V141, new EasProvisionDoc { MinDevicePasswordLength = 17 }), EasVersion.V141));
        Assert.Throws<ArgumentException>(() => Write(new ProvisionResponse(ProvisionStatus.Success) { Policy = new(PolicyTypes.EasProvisioningWbxml, PolicyStatus.Success, new string('1', 65)) }, EasVersion.V141));
    }

    [Fact]
    public void WapDocument_MatchesTheStructureOfTheSpecExample()
    {
        // MS-ASPROV 2.2.2.24.2: SecurityPolicy parms 4131/4133, then Registry characteristics for the
        // authentication event, LASSD (wipe threshold, codeword frequency) and lap_pw (length, complexity).
        XElement doc = XElement.Parse(WapProvisioningDoc.Render(Strict));

        Assert.Equal("wap-provisioningdoc", doc.Name.LocalName);
        XElement[] top = [.. doc.Elements()];
        Assert.Equal(["SecurityPolicy", "Registry"], top.Select(c => (string?)c.Attribute("type")));
        Assert.Equal([("4131", "0"), ("4133", "0")], Parms(top[0]));
        XElement[] registry = [.. top[1].Elements("characteristic")];
        Assert.Equal(
            [
                @"HKLM\Comm\Security\Policy\LASSD\AE\{50C13377-C66D-400C-889E-C316FC4AB374}",
                @"HKLM\Comm\Security\Policy\LASSD",
                @"HKLM\Comm\Security\Policy\LASSD",
                @"HKLM\Comm\Security\Policy\LASSD\LAP\lap_pw",
                @"HKLM\Comm\Security\Policy\LASSD\LAP\lap_pw",
            ],
            registry.Select(c => (string?)c.Attribute("type")));
        Assert.Equal([("AEFrequencyType", "1"), ("AEFrequencyValue", "15")], Parms(registry[0]));
        Assert.Equal([("DeviceWipeThreshold", "8")], Parms(registry[1]));
        Assert.Equal([("CodewordFrequency", "4")], Parms(registry[2]));
        Assert.Equal([("MinimumPasswordLength", "6")], Parms(registry[3]));
        Assert.Equal([("PasswordComplexity", "0")], Parms(registry[4]));
    }

    [Fact]
    public void WapDocument_WithoutPassword_IsSecurityPolicyAlone()
    {
        Assert.Equal(
            """<wap-provisioningdoc><characteristic type="SecurityPolicy"><parm name="4131" value="1"/><parm name="4133" value="0"/></characteristic></wap-provisioningdoc>""",
            WapProvisioningDoc.Render(new EasProvisionDoc()));
    }

    private static (string?, string?)[] Parms(XElement characteristic) =>
        [.. characteristic.Elements("parm").Select(p => ((string?)p.Attribute("name"), (string?)p.Attribute("value")))];
}
