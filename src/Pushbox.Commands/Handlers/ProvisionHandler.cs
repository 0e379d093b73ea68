using System.Globalization;
using System.Security.Cryptography;
using Pushbox.Commands.Policies;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Wbxml;

namespace Pushbox.Commands.Handlers;

/// <summary>
/// Provision (MS-ASCMD 2.2.1.14, MS-ASPROV 3.2.5.1): the two-step download and acknowledgement of the user's
/// effective policy. A download issues a random temporary key and sends the policy; an acknowledgement that
/// presents the device's outstanding temporary key gets a new final key, which the device then sends with
/// every command (<see cref="ProvisioningGate"/>). Remote wipe is not implemented: an empty request and wipe
/// acknowledgements are answered with Status 1 and never carry a wipe directive.
/// </summary>
internal sealed class ProvisionHandler(IPolicyStore policies, IDeviceStore devices, WbxmlLimits limits) : IEasCommandHandler
{
    /// <summary>Common status 139 (MS-ASPROV 3.1.5.2): the client cannot fully apply the policy and the policy does not allow that.</summary>
    private const int DeviceNotFullyProvisionable = 139;

    public EasCommand Command => EasCommand.Provision;

    /// <summary>Provision is never gated by provisioning (MS-ASPROV: it is how a device gets a key), only by device access (129); the status goes in the Provision Status.</summary>
    public EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Respond(context, new ProvisionResponse((ProvisionStatus)status));
    }

    public async Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProvisionRequest request;
        try
        {
            request = ProvisionRequestParser.Parse(body, limits);
        }
        catch (EasProtocolException e) when (e.Reason == EasProtocolError.MalformedBody)
        {
            return Respond(context, new ProvisionResponse(ProvisionStatus.ProtocolError));
        }

        DeviceInformationStatus? deviceStatus = null;
        if (request.DeviceInformation is { } information && context.Version >= EasVersion.V141)
        {
            await devices.SetDeviceInformationAsync(context.Device.Id, ToStore(information), cancellationToken).ConfigureAwait(false);
            deviceStatus = DeviceInformationStatus.Success;
        }

        ProvisionResponse response = request.Kind switch
        {
            ProvisionRequestKind.Initial => await DownloadAsync(context, request.Policy!, cancellationToken).ConfigureAwait(false),
            ProvisionRequestKind.Acknowledgement => await AcknowledgeAsync(context, request.Policy!, cancellationToken).ConfigureAwait(false),

            // Empty requests and wipe acknowledgements: Pushbox never asks for a wipe, so there is nothing to send (MS-ASPROV_R653).
            _ => new ProvisionResponse(ProvisionStatus.Success),
        };
        return Respond(context, response with { DeviceInformationStatus = deviceStatus });
    }

    private async Task<ProvisionResponse> DownloadAsync(EasRequestContext context, ProvisionRequestPolicy requested, CancellationToken cancellationToken)
    {
        if (requested.PolicyType != PolicyTypes.For(context.Version))
        {
            return WithPolicy(requested.PolicyType, PolicyStatus.UnknownPolicyType);
        }

        Policy? policy = await policies.GetEffectiveAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return WithPolicy(requested.PolicyType, PolicyStatus.NoPolicyForClient);
        }

        if (PolicySettings.Read(policy) is not { } settings)
        {
            return WithPolicy(requested.PolicyType, PolicyStatus.PolicyDataCorrupt);
        }

        uint temporaryKey = NewKey();
        await devices.SetPendingPolicyKeyAsync(context.Device.Id, temporaryKey, cancellationToken).ConfigureAwait(false);
        return new ProvisionResponse(ProvisionStatus.Success)
        {
            Policy = new ProvisionResponsePolicy(requested.PolicyType, PolicyStatus.Success, Format(temporaryKey), settings),
        };
    }

    private async Task<ProvisionResponse> AcknowledgeAsync(EasRequestContext context, ProvisionRequestPolicy acknowledged, CancellationToken cancellationToken)
    {
        if (acknowledged.PolicyType != PolicyTypes.For(context.Version))
        {
            return WithPolicy(acknowledged.PolicyType, PolicyStatus.UnknownPolicyType);
        }

        Policy? policy = await policies.GetEffectiveAsync(context.UserId, cancellationToken).ConfigureAwait(false);
        if (policy is null)
        {
            return WithPolicy(acknowledged.PolicyType, PolicyStatus.NoPolicyForClient);
        }

        bool compliant = acknowledged.Status == PolicyAcknowledgementStatus.Success
            || (policy.AllowNonProvisionableDevices && acknowledged.Status is PolicyAcknowledgementStatus.PartialSuccess
                or PolicyAcknowledgementStatus.NotApplied or PolicyAcknowledgementStatus.ExternallyManaged);
        if (!compliant)
        {
            // MS-ASPROV 3.1.5.2: 139 when the device cannot fully apply a policy that does not allow that. Before 14.0
            // there are no common statuses; 3 ("server misconfiguration", administrator action) is the nearest, and
            // either way no final key is issued, so the device stays refused.
            return new ProvisionResponse(context.Version >= EasVersion.V140 ? (ProvisionStatus)DeviceNotFullyProvisionable : ProvisionStatus.ServerError);
        }

        if (!uint.TryParse(acknowledged.PolicyKey, NumberStyles.None, CultureInfo.InvariantCulture, out uint temporaryKey) || temporaryKey == 0)
        {
            return WithPolicy(acknowledged.PolicyType, PolicyStatus.PolicyKeyMismatch);
        }

        uint finalKey = NewKey();
        bool confirmed = await devices.ConfirmPolicyKeyAsync(context.Device.Id, temporaryKey, finalKey, policy.Id, policy.Version, cancellationToken).ConfigureAwait(false);
        return confirmed
            ? new ProvisionResponse(ProvisionStatus.Success) { Policy = new ProvisionResponsePolicy(acknowledged.PolicyType, PolicyStatus.Success, Format(finalKey)) }
            : WithPolicy(acknowledged.PolicyType, PolicyStatus.PolicyKeyMismatch);
    }

    private static ProvisionResponse WithPolicy(string policyType, PolicyStatus status) =>
        new(ProvisionStatus.Success) { Policy = new ProvisionResponsePolicy(policyType, status) };

    /// <summary>A random policy key other than 0, which means "no key" (MS-ASPROV 2.2.2.42).</summary>
    private static uint NewKey()
    {
        uint key;
        do
        {
            key = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(sizeof(uint)));
        }
        while (key == 0);
        return key;
    }

    private static string Format(uint key) => key.ToString(CultureInfo.InvariantCulture);

    private static DeviceInformation ToStore(ProvisionDeviceInformation information) => new(
        Truncate(information.Model),
        Truncate(information.Imei),
        Truncate(information.FriendlyName),
        Truncate(information.OS),
        Truncate(information.OSLanguage),
        Truncate(information.PhoneNumber),
        Truncate(information.MobileOperator));

    private static string? Truncate(string? value) =>
        value is { Length: > DeviceInformation.MaxFieldLength } ? value[..DeviceInformation.MaxFieldLength] : value;

    private static EasCommandResult Respond(EasRequestContext context, ProvisionResponse response) =>
        EasCommandResult.Ok(writer => ProvisionResponseWriter.Write(writer, response, context.Version));
}
