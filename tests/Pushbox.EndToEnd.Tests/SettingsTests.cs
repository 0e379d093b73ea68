using System.Xml.Linq;
using Pushbox.Testing.Eas;

namespace Pushbox.EndToEnd.Tests;

/// <summary>
/// The Settings command over HTTPS at 12.1, 14.1 and 16.1 (MS-ASCMD 2.2.1.18): Oof round trips, the user's addresses,
/// device information and the recovery password recorded, and the status of every kind of bad request. Each response
/// is validated against SettingsResponse.xsd.
/// </summary>
public sealed class SettingsTests(SettingsServerFixture fixture) : IClassFixture<SettingsServerFixture>, IAsyncLifetime
{
    private static readonly XNamespace S = "Settings:";
    private static readonly XNamespace RM = "RightsManagement:";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.AssertServerHealthy();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Settings_OofSetThenGet_RoundTrips(string version)
    {
        string user = await fixture.NewUserAsync();
        using EasClient client = await fixture.ProvisionedClientAsync(user, version);

        XElement set = await SettingsAsync(client, version, """
            <Settings xmlns="Settings:"><Oof><Set>
              <OofState>1</OofState>
              <OofMessage><AppliesToInternal/><Enabled>1</Enabled><ReplyMessage>Back on Monday.</ReplyMessage><BodyType>Text</BodyType></OofMessage>
              <OofMessage><AppliesToExternalUnknown/><Enabled>1</Enabled><ReplyMessage>&lt;p&gt;I am away &amp; back soon.&lt;/p&gt;</ReplyMessage><BodyType>HTML</BodyType></OofMessage>
            </Set></Oof></Settings>
            """);
        Assert.Equal("1", set.Element(S + "Oof")!.Element(S + "Status")!.Value);

        XElement get = (await SettingsAsync(client, version, OofGet("Text"))).Element(S + "Oof")!;
        Assert.Equal("1", get.Element(S + "Status")!.Value);
        XElement result = get.Element(S + "Get")!;
        Assert.Equal("1", result.Element(S + "OofState")!.Value);
        Assert.Null(result.Element(S + "StartTime"));
        XElement[] messages = [.. result.Elements(S + "OofMessage")];
        Assert.Equal(3, messages.Length); // one per audience, even the empty one (MS-ASCMD_R3504, R3505)
        XElement internalMessage = messages.Single(m => m.Element(S + "AppliesToInternal") is not null);
        Assert.Equal(("1", "Back on Monday.", "Text"), (internalMessage.Element(S + "Enabled")!.Value, internalMessage.Element(S + "ReplyMessage")!.Value, internalMessage.Element(S + "BodyType")!.Value));
        XElement known = messages.Single(m => m.Element(S + "AppliesToExternalKnown") is not null);
        Assert.Equal("0", known.Element(S + "Enabled")!.Value);
        Assert.Null(known.Element(S + "ReplyMessage"));
        XElement unknown = messages.Single(m => m.Element(S + "AppliesToExternalUnknown") is not null);
        Assert.Contains("I am away & back soon.", unknown.Element(S + "ReplyMessage")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", unknown.Element(S + "ReplyMessage")!.Value, StringComparison.Ordinal);

        // Asked for HTML, the HTML message comes as stored and the text one as escaped HTML.
        XElement html = (await SettingsAsync(client, version, OofGet("HTML"))).Element(S + "Oof")!.Element(S + "Get")!;
        XElement[] htmlMessages = [.. html.Elements(S + "OofMessage")];
        Assert.Equal("<p>I am away & back soon.</p>", htmlMessages.Single(m => m.Element(S + "AppliesToExternalUnknown") is not null).Element(S + "ReplyMessage")!.Value);
        XElement internalHtml = htmlMessages.Single(m => m.Element(S + "AppliesToInternal") is not null);
        Assert.Contains("Back on Monday.", internalHtml.Element(S + "ReplyMessage")!.Value, StringComparison.Ordinal);
        Assert.Equal("HTML", internalHtml.Element(S + "BodyType")!.Value);
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("16.1")]
    public async Task Settings_OofScheduled_KeepsItsPeriod_AndAStateChangeAloneKeepsTheMessages(string version)
    {
        string user = await fixture.NewUserAsync();
        using EasClient client = await fixture.ProvisionedClientAsync(user, version);

        XElement set = await SettingsAsync(client, version, """
            <Settings xmlns="Settings:"><Oof><Set>
              <OofState>2</OofState><StartTime>2030-07-01T08:00:00.000Z</StartTime><EndTime>2030-07-15T17:30:00.000Z</EndTime>
              <OofMessage><AppliesToInternal/><Enabled>1</Enabled><ReplyMessage>On leave.</ReplyMessage><BodyType>Text</BodyType></OofMessage>
            </Set></Oof></Settings>
            """);
        Assert.Equal("1", set.Element(S + "Oof")!.Element(S + "Status")!.Value);
        XElement get = (await SettingsAsync(client, version, OofGet("Text"))).Element(S + "Oof")!.Element(S + "Get")!;
        Assert.Equal(("2", "2030-07-01T08:00:00.000Z", "2030-07-15T17:30:00.000Z"), (get.Element(S + "OofState")!.Value, get.Element(S + "StartTime")!.Value, get.Element(S + "EndTime")!.Value));

        await SettingsAsync(client, version, "<Settings xmlns=\"Settings:\"><Oof><Set><OofState>0</OofState></Set></Oof></Settings>");
        XElement off = (await SettingsAsync(client, version, OofGet("Text"))).Element(S + "Oof")!.Element(S + "Get")!;
        Assert.Equal("0", off.Element(S + "OofState")!.Value);
        Assert.Null(off.Element(S + "StartTime"));
        Assert.Equal("On leave.", off.Elements(S + "OofMessage").Single(m => m.Element(S + "AppliesToInternal") is not null).Element(S + "ReplyMessage")!.Value);
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Settings_UserInformation_ListsTheAddressesAndAliases(string version)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.Away, version);

        XElement info = (await SettingsAsync(client, version, "<Settings xmlns=\"Settings:\"><UserInformation><Get/></UserInformation></Settings>")).Element(S + "UserInformation")!;

        Assert.Equal("1", info.Element(S + "Status")!.Value);
        XElement get = info.Element(S + "Get")!;
        string[] expected = [SettingsServerFixture.Away, .. SettingsServerFixture.AwayAliases];
        if (version == "12.1")
        {
            Assert.Null(get.Element(S + "Accounts"));
            Assert.Equal(expected.Order(), get.Element(S + "EmailAddresses")!.Elements(S + "SMTPAddress").Select(e => e.Value).Order());
        }
        else
        {
            Assert.Null(get.Element(S + "EmailAddresses"));
            XElement account = Assert.Single(get.Element(S + "Accounts")!.Elements(S + "Account"));
            Assert.Null(account.Element(S + "AccountId")); // the primary account has none (MS-ASCMD_R729)
            Assert.Equal(SettingsServerFixture.AwayName, account.Element(S + "UserDisplayName")!.Value);
            XElement addresses = account.Element(S + "EmailAddresses")!;
            Assert.Equal(expected.Order(), addresses.Elements(S + "SMTPAddress").Select(e => e.Value).Order());
            Assert.Equal(SettingsServerFixture.Away, addresses.Element(S + "PrimarySmtpAddress")!.Value);
        }
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Settings_DeviceInformation_IsRecordedOnTheDevice(string version)
    {
        string user = await fixture.NewUserAsync();
        string deviceId = ServerFixture.NewDeviceId();
        using EasClient client = await fixture.ProvisionedClientAsync(user, version, deviceId);

        XElement response = await SettingsAsync(client, version, """
            <Settings xmlns="Settings:"><DeviceInformation><Set>
              <Model>Pixel 9</Model><IMEI>356938035643809</IMEI><FriendlyName>Work phone</FriendlyName><OS>Android 16</OS>
              <OSLanguage>English</OSLanguage><PhoneNumber>+15551234567</PhoneNumber><UserAgent>E2E/1.0</UserAgent>
              <EnableOutboundSMS>0</EnableOutboundSMS><MobileOperator>Example Mobile</MobileOperator>
            </Set></DeviceInformation></Settings>
            """);

        Assert.Equal("1", response.Element(S + "DeviceInformation")!.Element(S + "Status")!.Value);
        string shown = await fixture.CliAsync("device", "show", user, deviceId);
        foreach (string value in new[] { "Pixel 9", "356938035643809", "Work phone", "Android 16", "English", "+15551234567", "Example Mobile" })
        {
            Assert.Contains(value, shown, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("12.1")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Settings_DevicePassword_IsStoredSealed_AndAnAdministratorCanReadItBack(string version)
    {
        string user = await fixture.NewUserAsync();
        string deviceId = ServerFixture.NewDeviceId();
        using EasClient client = await fixture.ProvisionedClientAsync(user, version, deviceId);
        string password = "Recover-" + deviceId;

        XElement response = await SettingsAsync(client, version, $"<Settings xmlns=\"Settings:\"><DevicePassword><Set><Password>{password}</Password></Set></DevicePassword></Settings>");

        Assert.Equal("1", response.Element(S + "DevicePassword")!.Element(S + "Status")!.Value);
        Assert.Equal(password, (await fixture.CliAsync("device", "recovery-password", user, deviceId)).Trim());
        Assert.Contains("stored", await fixture.CliAsync("device", "show", user, deviceId), StringComparison.Ordinal);
        byte[] database = await File.ReadAllBytesAsync(Path.Combine(fixture.Server.DataDirectory, "pushbox.db"));
        Assert.True(database.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(password)) < 0, "The recovery password is in the database in clear.");

        // An empty Password clears it (MS-ASCMD_R3661).
        XElement cleared = await SettingsAsync(client, version, "<Settings xmlns=\"Settings:\"><DevicePassword><Set><Password/></Set></DevicePassword></Settings>");
        Assert.Equal("1", cleared.Element(S + "DevicePassword")!.Element(S + "Status")!.Value);
        Assert.Contains("none", await fixture.CliAsync("device", "show", user, deviceId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_DevicePassword_WhenThePolicyDoesNotEnableRecovery_IsDeniedByPolicy()
    {
        string deviceId = ServerFixture.NewDeviceId();
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.NoRecovery, "14.1", deviceId);

        XElement response = await SettingsAsync(client, "14.1", "<Settings xmlns=\"Settings:\"><DevicePassword><Set><Password>secret-1234</Password></Set></DevicePassword></Settings>");

        Assert.Equal("7", response.Element(S + "DevicePassword")!.Element(S + "Status")!.Value);
        Assert.Contains("none", await fixture.CliAsync("device", "show", SettingsServerFixture.NoRecovery, deviceId), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Settings_RightsManagementInformation_HasNoTemplates(string version)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.Away, version);

        XElement rights = (await SettingsAsync(client, version, "<Settings xmlns=\"Settings:\"><RightsManagementInformation><Get/></RightsManagementInformation></Settings>")).Element(S + "RightsManagementInformation")!;

        Assert.Equal("1", rights.Element(S + "Status")!.Value);
        XElement templates = rights.Element(S + "Get")!.Element(RM + "RightsManagementTemplates")!;
        Assert.Empty(templates.Elements());
    }

    [Theory]
    [InlineData("Oof", "<Oof><Get/></Oof>", "2")] // Get without BodyType (MS-ASCMD_R824)
    [InlineData("Oof", "<Oof><Get><BodyType>RTF</BodyType></Get></Oof>", "5")]
    [InlineData("Oof", "<Oof><Get><BodyType>Text</BodyType></Get><Set><OofState>1</OofState></Set></Oof>", "2")]
    [InlineData("Oof", "<Oof><Set><OofState>2</OofState><StartTime>2030-01-01T00:00:00.000Z</StartTime></Set></Oof>", "2")] // MS-ASCMD_R3992
    [InlineData("Oof", "<Oof><Set><OofState>2</OofState><StartTime>next week</StartTime><EndTime>2030-01-01T00:00:00.000Z</EndTime></Set></Oof>", "2")]
    [InlineData("Oof", "<Oof><Set><OofState>7</OofState></Set></Oof>", "5")]
    [InlineData("Oof", "<Oof><Set><OofState>2</OofState></Set></Oof>", "5")] // a period that was never given
    [InlineData("Oof", "<Oof><Set><OofState>2</OofState><StartTime>2030-02-01T00:00:00.000Z</StartTime><EndTime>2030-01-01T00:00:00.000Z</EndTime></Set></Oof>", "6")]
    [InlineData("Oof", "<Oof><Set><OofMessage><AppliesToInternal/><Enabled>1</Enabled></OofMessage><OofMessage><AppliesToInternal/><Enabled>0</Enabled></OofMessage></Set></Oof>", "6")] // MS-ASCMD_R3526
    [InlineData("Oof", "<Oof><Set><OofMessage><Enabled>1</Enabled></OofMessage></Set></Oof>", "2")] // no audience
    [InlineData("Oof", "<Oof><Set><OofMessage><AppliesToInternal/><ReplyMessage>Away</ReplyMessage></OofMessage></Set></Oof>", "2")] // no BodyType (MS-ASCMD_R3785)
    [InlineData("Oof", "<Oof><Set><OofMessage><AppliesToInternal/><Enabled>yes</Enabled></OofMessage></Set></Oof>", "2")]
    [InlineData("Oof", "<Oof><Set><OofMessage><AppliesToInternal/><Enabled>3</Enabled></OofMessage></Set></Oof>", "5")]
    [InlineData("DeviceInformation", "<DeviceInformation/>", "2")]
    [InlineData("DeviceInformation", "<DeviceInformation><Set><EnableOutboundSMS>2</EnableOutboundSMS></Set></DeviceInformation>", "5")]
    [InlineData("DevicePassword", "<DevicePassword><Set/></DevicePassword>", "2")]
    [InlineData("UserInformation", "<UserInformation/>", "2")]
    [InlineData("RightsManagementInformation", "<RightsManagementInformation/>", "2")] // MS-ASCMD_R3867
    public async Task Settings_BadProperty_GetsItsStatus_AndTheOthersStillSucceed(string property, string xml, string status)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.Away, "16.1");

        XElement response = await SettingsAsync(client, "16.1", $"<Settings xmlns=\"Settings:\">{xml}<UserInformation><Get/></UserInformation></Settings>".Replace("<UserInformation/><UserInformation><Get/></UserInformation>", "<UserInformation/>", StringComparison.Ordinal));

        Assert.Equal("1", response.Element(S + "Status")!.Value);
        XElement answer = response.Element(S + property)!;
        Assert.Equal(status, answer.Element(S + "Status")!.Value);
        Assert.Equal(S + "Status", answer.Elements().First().Name); // the property's Status comes first (MS-ASCMD_R486)
        if (property != "UserInformation")
        {
            Assert.Equal("1", response.Element(S + "UserInformation")!.Element(S + "Status")!.Value);
        }
    }

    [Fact]
    public async Task Settings_DevicePasswordTooLong_IsInvalidArguments()
    {
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.Away, "14.1");

        XElement response = await SettingsAsync(client, "14.1", $"<Settings xmlns=\"Settings:\"><DevicePassword><Set><Password>{new string('p', 256)}</Password></Set></DevicePassword></Settings>");

        Assert.Equal("5", response.Element(S + "DevicePassword")!.Element(S + "Status")!.Value); // MS-ASCMD_R4400
    }

    [Theory]
    [InlineData("12.1", "<Settings xmlns=\"Settings:\"><RightsManagementInformation><Get/></RightsManagementInformation></Settings>")] // not in 12.1 (MS-ASCMD_R7083)
    [InlineData("14.1", "<Settings xmlns=\"Settings:\"><Oof><Get><BodyType>Text</BodyType></Get></Oof><Oof><Get><BodyType>Text</BodyType></Get></Oof></Settings>")] // MS-ASCMD_R477
    [InlineData("16.1", "<Ping xmlns=\"Ping:\"><HeartbeatInterval>60</HeartbeatInterval></Ping>")]
    public async Task Settings_MalformedRequest_IsProtocolErrorWithNoPropertyResponses(string version, string xml)
    {
        using EasClient client = await fixture.ProvisionedClientAsync(SettingsServerFixture.Away, version);

        XElement response = await SettingsAsync(client, version, xml);

        Assert.Equal("2", response.Element(S + "Status")!.Value); // MS-ASCMD_R483
        Assert.Single(response.Elements());
    }

    private static string OofGet(string bodyType) => $"<Settings xmlns=\"Settings:\"><Oof><Get><BodyType>{bodyType}</BodyType></Get></Oof></Settings>";

    private static async Task<XElement> SettingsAsync(EasClient client, string version, string xml)
    {
        EasResponse response = await client.SendAsync("Settings", xml, version);
        Assert.True(response.StatusCode == 200 && response.Xml is not null, response.ToString());
        XsdValidator.AssertValidWbxml(response.Body, EasSchemas.Settings);
        XElement root = response.Xml!.Root!;
        Assert.Equal(S + "Settings", root.Name);
        return root;
    }
}
