using System.Buffers;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol;
using Pushbox.Protocol.Query;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Tests;

/// <summary>Provision, the provisioning gate and the device access gate through the dispatcher, on a real SQLite store (MS-ASPROV 3.2.5, MS-ASCMD 2.2.2).</summary>
public sealed class ProvisionCommandTests : IAsyncLifetime
{
    private const string EasType = "MS-EAS-Provisioning-WBXML";
    private const string WapType = "MS-WAP-Provisioning-XML";
    private const string FolderSyncXml = "<FolderSync xmlns=\"FolderHierarchy:\"><SyncKey>0</SyncKey></FolderSync>";
    private static readonly XNamespace P = "Provision:";
    private static readonly XNamespace FH = "FolderHierarchy:";
    private static readonly XNamespace S = "Settings:";
    private SqliteMailbox _mailbox = null!;
    private EasDispatcher _dispatcher = null!;

    public async Task InitializeAsync()
    {
        _mailbox = await SqliteMailbox.CreateAsync();
        var services = new ServiceCollection();
        _mailbox.AddTo(services);
        services.AddPushboxCommands();
        _dispatcher = services.BuildServiceProvider().GetRequiredService<EasDispatcher>();
    }

    public async Task DisposeAsync() => await _mailbox.DisposeAsync();

    [Fact]
    public async Task Provision_MalformedBody_IsProtocolError()
    {
        XElement response = await ProvisionAsync("14.1", "<Provision xmlns=\"Provision:\"><Policies/></Provision>");

        Assert.Equal("2", response.Element(P + "Status")!.Value);
    }

    [Theory]
    [InlineData("<Provision xmlns=\"Provision:\"/>")]
    [InlineData("<Provision xmlns=\"Provision:\"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>")]
    public async Task Provision_EmptyOrWipeAcknowledgement_IsSuccessWithoutWipe(string xml)
    {
        XElement response = await ProvisionAsync("14.1", xml);

        Assert.Equal("1", response.Element(P + "Status")!.Value);
        Assert.Null(response.Element(P + "RemoteWipe"));
    }

    [Fact]
    public async Task Provision_AccountOnlyWipeAcknowledgement_IsSuccess()
    {
        XElement response = await ProvisionAsync("16.1", "<Provision xmlns=\"Provision:\"><AccountOnlyRemoteWipe><Status>1</Status></AccountOnlyRemoteWipe></Provision>");

        Assert.Equal("1", response.Element(P + "Status")!.Value);
    }

    [Fact]
    public async Task Provision_NoEffectivePolicy_IsNoPolicyForClient_AndNothingIsGated()
    {
        XElement response = await ProvisionAsync("14.1", Initial(EasType));

        Assert.Equal(("1", "2"), (response.Element(P + "Status")!.Value, PolicyStatus(response)));
        Assert.Null(Policy(response).Element(P + "PolicyKey"));
        Assert.Equal("1", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
    }

    [Theory]
    [InlineData("14.1", WapType)]
    [InlineData("2.5", EasType)]
    [InlineData("16.1", "MS-Unknown")]
    public async Task Provision_PolicyTypeNotOfTheVersion_IsUnknownPolicyType(string version, string type)
    {
        await DefaultPolicyAsync();

        XElement response = await ProvisionAsync(version, Initial(type));

        Assert.Equal("3", PolicyStatus(response));
        Assert.Equal(type, Policy(response).Element(P + "PolicyType")!.Value);
        Assert.Null((await CurrentDeviceAsync()).PendingPolicyKey);
    }

    [Fact]
    public async Task Provision_Download_IssuesTemporaryKeyAndTheDocument()
    {
        await DefaultPolicyAsync("{\"DevicePasswordEnabled\": true, \"MinDevicePasswordLength\": 6}");

        XElement response = await ProvisionAsync("14.1", Initial(EasType));

        Assert.Equal(("1", "1"), (response.Element(P + "Status")!.Value, PolicyStatus(response)));
        uint key = uint.Parse(Policy(response).Element(P + "PolicyKey")!.Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(0u, key);
        XElement doc = Policy(response).Element(P + "Data")!.Element(P + "EASProvisionDoc")!;
        Assert.Equal("1", doc.Element(P + "DevicePasswordEnabled")!.Value);
        Assert.Equal("6", doc.Element(P + "MinDevicePasswordLength")!.Value);
        Device device = await CurrentDeviceAsync();
        Assert.Equal(key, device.PendingPolicyKey);
        Assert.Null(device.PolicyKey);
    }

    [Fact]
    public async Task Provision_DownloadIn25_SendsAWapProvisioningDoc()
    {
        await DefaultPolicyAsync();

        XElement response = await ProvisionAsync("2.5", Initial(WapType));

        Assert.Equal("1", PolicyStatus(response));
        Assert.StartsWith("<wap-provisioningdoc>", Policy(response).Element(P + "Data")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"MinDevicePasswordLength\": 99}")]
    [InlineData("null")]
    public async Task Provision_CorruptSettings_IsPolicyDataCorrupt(string settings)
    {
        await DefaultPolicyAsync(settings);

        XElement response = await ProvisionAsync("14.1", Initial(EasType));

        Assert.Equal("4", PolicyStatus(response));
        Assert.Null(Policy(response).Element(P + "PolicyKey"));
        Assert.Null((await CurrentDeviceAsync()).PendingPolicyKey);
    }

    [Fact]
    public async Task Provision_DeviceInformationIn141_IsStoredAndAcknowledged()
    {
        string model = new('M', 1024);
        XElement response = await ProvisionAsync("14.1", $"""
            <Provision xmlns="Provision:">
              <DeviceInformation xmlns="Settings:"><Set><Model>{model}</Model><IMEI>0123</IMEI><OS>TestOS</OS><MobileOperator>Fabrikam</MobileOperator></Set></DeviceInformation>
              <Policies><Policy><PolicyType>{EasType}</PolicyType></Policy></Policies>
            </Provision>
            """);

        Assert.Equal("1", response.Element(S + "DeviceInformation")!.Element(S + "Status")!.Value);
        Assert.Equal(new DeviceInformation(model, "0123", null, "TestOS", null, null, "Fabrikam"), (await CurrentDeviceAsync()).Information);
    }

    [Fact]
    public async Task Provision_Acknowledgement_ConfirmsANewFinalKey()
    {
        Policy policy = await DefaultPolicyAsync();
        uint temporary = await DownloadAsync("14.1");

        XElement response = await ProvisionAsync("14.1", Acknowledge(EasType, temporary, 1));

        Assert.Equal(("1", "1"), (response.Element(P + "Status")!.Value, PolicyStatus(response)));
        uint final = uint.Parse(Policy(response).Element(P + "PolicyKey")!.Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(temporary, final);
        Assert.Null(Policy(response).Element(P + "Data"));
        Device device = await CurrentDeviceAsync();
        Assert.Equal((final, policy.Id, policy.Version, (uint?)null), (device.PolicyKey, device.PolicyId, device.PolicyVersion, device.PendingPolicyKey));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0")]
    [InlineData("not-a-number")]
    public async Task Provision_AcknowledgementOfAnotherKey_IsPolicyKeyMismatch(string presented)
    {
        await DefaultPolicyAsync();
        await DownloadAsync("14.1");

        XElement response = await ProvisionAsync("14.1", $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{EasType}</PolicyType><PolicyKey>{presented}</PolicyKey><Status>1</Status></Policy></Policies></Provision>");

        Assert.Equal("5", PolicyStatus(response));
        Assert.Null(Policy(response).Element(P + "PolicyKey"));
        Assert.Null((await CurrentDeviceAsync()).PolicyKey);
    }

    [Fact]
    public async Task Provision_SecondAcknowledgementOfTheSameTemporaryKey_IsPolicyKeyMismatch()
    {
        await DefaultPolicyAsync();
        uint temporary = await DownloadAsync("14.1");
        await ProvisionAsync("14.1", Acknowledge(EasType, temporary, 1));

        XElement again = await ProvisionAsync("14.1", Acknowledge(EasType, temporary, 1));

        Assert.Equal("5", PolicyStatus(again));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Provision_NonCompliantAcknowledgement_WhenPolicyAllowsIt_GetsAFinalKey(int status)
    {
        await DefaultPolicyAsync(allowNonProvisionable: true);
        uint temporary = await DownloadAsync("14.1");

        XElement response = await ProvisionAsync("14.1", Acknowledge(EasType, temporary, status));

        Assert.Equal("1", PolicyStatus(response));
        Assert.NotNull((await CurrentDeviceAsync()).PolicyKey);
    }

    [Theory]
    [InlineData("14.1", 2, "139")]
    [InlineData("14.0", 3, "139")]
    [InlineData("16.1", 9, "139")]
    [InlineData("12.1", 2, "3")]
    public async Task Provision_NonCompliantAcknowledgement_WhenPolicyRefusesIt_GetsNoKey(string version, int status, string provisionStatus)
    {
        await DefaultPolicyAsync(allowNonProvisionable: false);
        uint temporary = await DownloadAsync(version);

        XElement response = await ProvisionAsync(version, Acknowledge(EasType, temporary, status));

        Assert.Equal(provisionStatus, response.Element(P + "Status")!.Value);
        Assert.Null(response.Element(P + "Policies"));
        Assert.Null((await CurrentDeviceAsync()).PolicyKey);
    }

    [Theory]
    [InlineData("14.0")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Gate_WithPolicyAndNoKey_IsStatus142(string version)
    {
        await DefaultPolicyAsync();

        Assert.Equal("142", (await FolderSyncAsync(version, null)).Element(FH + "Status")!.Value);
        Assert.Equal("142", (await FolderSyncAsync(version, 0)).Element(FH + "Status")!.Value);
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public async Task Gate_WithPolicyBefore140_IsHttp449WithoutBody(string version)
    {
        await DefaultPolicyAsync();

        EasCommandResult result = await DispatchAsync(EasCommand.FolderSync, version, FolderSyncXml, null);

        Assert.Equal((449, false), (result.HttpStatus, result.Body is not null));
    }

    [Fact]
    public async Task Gate_GetHierarchyIn25_Is449()
    {
        await DefaultPolicyAsync();

        Assert.Equal(449, (await DispatchAsync(EasCommand.GetHierarchy, "2.5", null, null)).HttpStatus);
    }

    [Fact]
    public async Task Gate_EveryFolderCommand_AnswersItsOwnStatus142()
    {
        await DefaultPolicyAsync();
        (EasCommand Command, string Xml)[] requests =
        [
            (EasCommand.FolderCreate, "<FolderCreate xmlns=\"FolderHierarchy:\"><SyncKey>1</SyncKey><ParentId>0</ParentId><DisplayName>X</DisplayName><Type>12</Type></FolderCreate>"),
            (EasCommand.FolderUpdate, "<FolderUpdate xmlns=\"FolderHierarchy:\"><SyncKey>1</SyncKey><ServerId>1</ServerId><ParentId>0</ParentId><DisplayName>X</DisplayName></FolderUpdate>"),
            (EasCommand.FolderDelete, "<FolderDelete xmlns=\"FolderHierarchy:\"><SyncKey>1</SyncKey><ServerId>1</ServerId></FolderDelete>"),
        ];
        foreach ((EasCommand command, string xml) in requests)
        {
            XElement response = Read(await DispatchAsync(command, "16.1", xml, null));
            Assert.Equal((EasCommands.GetName(command), "142"), (response.Name.LocalName, response.Element(FH + "Status")!.Value));
        }
    }

    [Fact]
    public async Task Gate_AfterProvisioning_TheFinalKeyPasses_AnyOtherKeyIs144()
    {
        await DefaultPolicyAsync();
        uint final = await ProvisionFullyAsync("14.1");

        Assert.Equal("1", (await FolderSyncAsync("14.1", final)).Element(FH + "Status")!.Value);
        Assert.Equal("144", (await FolderSyncAsync("14.1", unchecked(final + 1))).Element(FH + "Status")!.Value);
        Assert.Equal(449, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, unchecked(final + 1))).HttpStatus);
        Assert.Equal(200, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, final)).HttpStatus);
    }

    [Fact]
    public async Task Gate_TheTemporaryKey_DoesNotPass()
    {
        await DefaultPolicyAsync();
        uint temporary = await DownloadAsync("14.1");

        Assert.Equal("142", (await FolderSyncAsync("14.1", temporary)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task Gate_AfterThePolicyChanges_TheOldKeyIs144UntilProvisionedAgain()
    {
        await DefaultPolicyAsync();
        uint final = await ProvisionFullyAsync("14.1");

        await _mailbox.Policies.SaveAsync("Staff", "{\"DevicePasswordEnabled\": true}", false, CancellationToken.None);

        Assert.Equal("144", (await FolderSyncAsync("14.1", final)).Element(FH + "Status")!.Value);
        uint again = await ProvisionFullyAsync("14.1");
        Assert.Equal("1", (await FolderSyncAsync("14.1", again)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task Gate_AfterAnotherPolicyBecomesEffective_TheOldKeyIs144()
    {
        await DefaultPolicyAsync();
        uint final = await ProvisionFullyAsync("14.1");

        await _mailbox.Policies.SaveAsync("Strict", "{}", false, CancellationToken.None);
        await _mailbox.Policies.AssignAsync(_mailbox.User.Id, "Strict", CancellationToken.None);

        Assert.Equal("144", (await FolderSyncAsync("14.1", final)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task Gate_Provision_IsNeverGated()
    {
        await DefaultPolicyAsync();

        XElement response = await ProvisionAsync("14.1", Initial(EasType), policyKey: 777);

        Assert.Equal("1", PolicyStatus(response));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("12.0")]
    [InlineData("12.1")]
    public async Task Access_BlockedBefore140_IsHttp403WithoutBody(string version)
    {
        await SetAccessAsync(DeviceAccessState.Blocked);

        EasCommandResult result = await DispatchAsync(EasCommand.FolderSync, version, FolderSyncXml, null);

        Assert.Equal((403, false), (result.HttpStatus, result.Body is not null));
    }

    [Theory]
    [InlineData("14.0")]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Access_BlockedFrom140_IsTheCommandsOwnResponseWithStatus129(string version)
    {
        await SetAccessAsync(DeviceAccessState.Blocked);

        XElement response = await FolderSyncAsync(version, null);

        Assert.Equal(("FolderSync", "129"), (response.Name.LocalName, response.Element(FH + "Status")!.Value));
    }

    [Fact]
    public async Task Access_Blocked_IsCheckedBeforeProvisioning_EvenWithAValidKey()
    {
        await DefaultPolicyAsync();
        uint final = await ProvisionFullyAsync("14.1");
        await SetAccessAsync(DeviceAccessState.Blocked);

        Assert.Equal("129", (await FolderSyncAsync("14.1", final)).Element(FH + "Status")!.Value);
        Assert.Equal("129", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
        Assert.Equal(403, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, null)).HttpStatus);
    }

    [Fact]
    public async Task Access_Quarantined_MayFolderSync_ButOtherCommandsAre129Or403()
    {
        await SetAccessAsync(DeviceAccessState.Quarantined);

        Assert.Equal("1", (await FolderSyncAsync("16.1", null)).Element(FH + "Status")!.Value);
        Assert.Equal(403, (await DispatchAsync(EasCommand.GetHierarchy, "2.5", null, null)).HttpStatus);
        Assert.Equal(403, (await DispatchAsync(EasCommand.MoveItems, "12.1", "<MoveItems xmlns=\"Move:\"/>", null)).HttpStatus);
    }

    [Fact]
    public async Task Access_QuarantinedDevice_MayProvision()
    {
        await DefaultPolicyAsync();
        await SetAccessAsync(DeviceAccessState.Quarantined);

        uint key = await ProvisionFullyAsync("14.1");

        Assert.Equal("1", (await FolderSyncAsync("14.1", key)).Element(FH + "Status")!.Value);
    }

    [Theory]
    [InlineData("14.1")]
    [InlineData("16.1")]
    public async Task Wipe_Pending_Is140_ProvisionSendsTheDirective_AndTheAcknowledgementIsRecorded(string version)
    {
        await DefaultPolicyAsync();
        uint key = await ProvisionFullyAsync(version);
        await _mailbox.Devices.RequestWipeAsync((await CurrentDeviceAsync()).Id, RemoteWipeKind.Full, CancellationToken.None);

        Assert.Equal("140", (await FolderSyncAsync(version, key)).Element(FH + "Status")!.Value);
        XElement directive = await ProvisionAsync(version, "<Provision xmlns=\"Provision:\"/>");
        Assert.Equal("1", directive.Element(P + "Status")!.Value);
        Assert.NotNull(directive.Element(P + "RemoteWipe"));
        Assert.Null(directive.Element(P + "Policies"));
        Assert.Equal(DeviceWipeState.Sent, (await CurrentDeviceAsync()).WipeState);

        XElement acknowledged = await ProvisionAsync(version, "<Provision xmlns=\"Provision:\"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>");

        Assert.Equal("1", acknowledged.Element(P + "Status")!.Value);
        Assert.Null(acknowledged.Element(P + "RemoteWipe"));
        Device wiped = await CurrentDeviceAsync();
        Assert.Equal((DeviceWipeState.Wiped, 1), (wiped.WipeState, wiped.Wipe!.AcknowledgementStatus));
        Assert.NotNull(wiped.Wipe.AcknowledgedAt);
        Assert.Equal("129", (await FolderSyncAsync(version, key)).Element(FH + "Status")!.Value);
        Assert.Equal("129", (await ProvisionAsync(version, Initial(EasType))).Element(P + "Status")!.Value);
    }

    [Fact]
    public async Task Wipe_Before140_Is449_ThenTheDirective_ThenRefusedWith403()
    {
        await DefaultPolicyAsync();
        await _mailbox.Devices.RequestWipeAsync((await CurrentDeviceAsync()).Id, RemoteWipeKind.Full, CancellationToken.None);

        Assert.Equal(449, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, null)).HttpStatus);
        XElement directive = await ProvisionAsync("12.1", Initial("MS-EAS-Provisioning-WBXML"));
        Assert.NotNull(directive.Element(P + "RemoteWipe"));
        Assert.Null(directive.Element(P + "Policies"));
        await ProvisionAsync("12.1", "<Provision xmlns=\"Provision:\"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>");

        Assert.Equal(403, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, null)).HttpStatus);
        Assert.Equal(403, (await DispatchAsync(EasCommand.Provision, "12.1", Initial("MS-EAS-Provisioning-WBXML"), null)).HttpStatus);
    }

    [Fact]
    public async Task Wipe_ReportedFailed_IsStatus2WithTheDirectiveAgain_AndStaysPending()
    {
        await _mailbox.Devices.RequestWipeAsync((await CurrentDeviceAsync()).Id, RemoteWipeKind.Full, CancellationToken.None);
        await ProvisionAsync("14.1", "<Provision xmlns=\"Provision:\"/>");

        XElement failed = await ProvisionAsync("14.1", "<Provision xmlns=\"Provision:\"><RemoteWipe><Status>2</Status></RemoteWipe></Provision>");

        Assert.Equal("2", failed.Element(P + "Status")!.Value);
        Assert.NotNull(failed.Element(P + "RemoteWipe"));
        Assert.Equal(DeviceWipeState.Failed, (await CurrentDeviceAsync()).WipeState);
        Assert.Equal("140", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task AccountOnlyWipe_At161_SendsAccountOnlyRemoteWipe_AndBelow161_Is129()
    {
        await _mailbox.Devices.RequestWipeAsync((await CurrentDeviceAsync()).Id, RemoteWipeKind.AccountOnly, CancellationToken.None);

        Assert.Equal("129", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
        Assert.Equal("140", (await FolderSyncAsync("16.1", null)).Element(FH + "Status")!.Value);
        XElement directive = await ProvisionAsync("16.1", "<Provision xmlns=\"Provision:\"/>");
        Assert.NotNull(directive.Element(P + "AccountOnlyRemoteWipe"));
        Assert.Null(directive.Element(P + "RemoteWipe"));

        // A full-wipe acknowledgement does not settle an account-only wipe.
        await ProvisionAsync("16.1", "<Provision xmlns=\"Provision:\"><RemoteWipe><Status>1</Status></RemoteWipe></Provision>");
        Assert.Equal(DeviceWipeState.Sent, (await CurrentDeviceAsync()).WipeState);
        await ProvisionAsync("16.1", "<Provision xmlns=\"Provision:\"><AccountOnlyRemoteWipe><Status>1</Status></AccountOnlyRemoteWipe></Provision>");
        Assert.Equal(DeviceWipeState.Wiped, (await CurrentDeviceAsync()).WipeState);

        await _mailbox.Devices.SetAccessOverrideAsync((await CurrentDeviceAsync()).Id, DeviceAccessState.Allowed, CancellationToken.None);
        Assert.Equal(DeviceWipeState.None, (await CurrentDeviceAsync()).WipeState);
        Assert.Equal("1", (await FolderSyncAsync("16.1", null)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task EmptyProvision_WithoutAWipe_CarriesNoDirective()
    {
        XElement response = await ProvisionAsync("14.1", "<Provision xmlns=\"Provision:\"/>");

        Assert.Equal("1", response.Element(P + "Status")!.Value);
        Assert.Null(response.Element(P + "RemoteWipe"));
        Assert.Equal(DeviceWipeState.None, (await CurrentDeviceAsync()).WipeState);
    }

    [Fact]
    public async Task Rules_BlockADeviceType_AndAPerDeviceAllowOverridesThem()
    {
        await _mailbox.Devices.SaveAccessRuleAsync(DeviceCharacteristic.DeviceType, (await CurrentDeviceAsync()).DeviceType, DeviceAccessState.Blocked, CancellationToken.None);

        Assert.Equal("129", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
        Assert.Equal(DeviceAccessState.Blocked, (await CurrentDeviceAsync()).AccessState);

        await SetAccessAsync(DeviceAccessState.Allowed);

        Assert.Equal("1", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
    }

    [Fact]
    public async Task Access_AllowedAgain_AnswersNormally()
    {
        await SetAccessAsync(DeviceAccessState.Blocked);
        Assert.Equal("129", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);

        await SetAccessAsync(DeviceAccessState.Allowed);

        Assert.Equal("1", (await FolderSyncAsync("14.1", null)).Element(FH + "Status")!.Value);
        Assert.Equal(200, (await DispatchAsync(EasCommand.FolderSync, "12.1", FolderSyncXml, null)).HttpStatus);
    }

    [Fact]
    public async Task Access_ProvisionOfABlockedDevice_IsStatus129AndIssuesNoKey()
    {
        await DefaultPolicyAsync();
        await SetAccessAsync(DeviceAccessState.Blocked);

        XElement response = await ProvisionAsync("14.1", Initial(EasType));

        Assert.Equal("129", response.Element(P + "Status")!.Value);
        Assert.Null(response.Element(P + "Policies"));
        Assert.Null((await CurrentDeviceAsync()).PendingPolicyKey);
        Assert.Equal(403, (await DispatchAsync(EasCommand.Provision, "12.1", Initial(EasType), null)).HttpStatus);
    }

    private static string Initial(string type) =>
        $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{type}</PolicyType></Policy></Policies></Provision>";

    private static string Acknowledge(string type, uint key, int status) =>
        $"<Provision xmlns=\"Provision:\"><Policies><Policy><PolicyType>{type}</PolicyType><PolicyKey>{key}</PolicyKey><Status>{status}</Status></Policy></Policies></Provision>";

    private static XElement Policy(XElement response) => response.Element(P + "Policies")!.Element(P + "Policy")!;

    private static string PolicyStatus(XElement response) => Policy(response).Element(P + "Status")!.Value;

    private async Task<Policy> DefaultPolicyAsync(string settings = "{}", bool allowNonProvisionable = false)
    {
        Policy policy = await _mailbox.Policies.SaveAsync("Staff", settings, allowNonProvisionable, CancellationToken.None);
        await _mailbox.Policies.SetDefaultAsync("Staff", CancellationToken.None);
        return policy;
    }

    private async Task<uint> DownloadAsync(string version)
    {
        string type = version == "2.5" ? WapType : EasType;
        XElement response = await ProvisionAsync(version, Initial(type));
        return uint.Parse(Policy(response).Element(P + "PolicyKey")!.Value, CultureInfo.InvariantCulture);
    }

    private async Task<uint> ProvisionFullyAsync(string version)
    {
        uint temporary = await DownloadAsync(version);
        XElement response = await ProvisionAsync(version, Acknowledge(EasType, temporary, 1));
        return uint.Parse(Policy(response).Element(P + "PolicyKey")!.Value, CultureInfo.InvariantCulture);
    }

    private async Task SetAccessAsync(DeviceAccessState state) =>
        await _mailbox.Devices.SetAccessOverrideAsync((await CurrentDeviceAsync()).Id, state, CancellationToken.None);

    /// <summary>The device as the HTTP layer records it at each request.</summary>
    private Task<Device> CurrentDeviceAsync() => _mailbox.AddDeviceAsync(_mailbox.Device.DeviceId);

    private async Task<XElement> ProvisionAsync(string version, string xml, uint? policyKey = null) =>
        Read(await DispatchAsync(EasCommand.Provision, version, xml, policyKey));

    private async Task<XElement> FolderSyncAsync(string version, uint? policyKey) =>
        Read(await DispatchAsync(EasCommand.FolderSync, version, FolderSyncXml, policyKey));

    private async Task<EasCommandResult> DispatchAsync(EasCommand command, string version, string? xml, uint? policyKey)
    {
        Assert.True(EasVersion.TryParse(version, out EasVersion easVersion));
        Device device = await CurrentDeviceAsync();
        var query = new EasQuery { Command = command, DeviceId = device.DeviceId, DeviceType = device.DeviceType };
        var context = new EasRequestContext(_mailbox.User.Id, _mailbox.User.Address, device, easVersion, query) { PolicyKey = policyKey };
        return await _dispatcher.DispatchAsync(context, xml is null ? [] : WbxmlXml.FromXml(xml), CancellationToken.None);
    }

    private static XElement Read(EasCommandResult result)
    {
        Assert.Equal(200, result.HttpStatus);
        var output = new ArrayBufferWriter<byte>();
        result.Body!(new WbxmlWriter(output));
        return XDocument.Parse(WbxmlXml.ToXml(output.WrittenMemory)).Root!;
    }
}
