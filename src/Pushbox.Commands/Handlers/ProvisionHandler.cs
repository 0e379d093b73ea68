using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
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
/// every command (<see cref="ProvisioningGate"/>). While a remote wipe waits for the device
/// (<see cref="EasRequestContext.WipePending"/>), every Provision but a wipe acknowledgement is answered with the
/// directive alone, RemoteWipe or (16.1) AccountOnlyRemoteWipe, and no policy or key (MS-ASPROV 3.2.5.1.1); the
/// acknowledgement's Status and time are recorded, and a failure is answered with Status 2 and the directive again
/// (MS-ASPROV 3.2.5.1.2.2, 3.2.5.1.2.3). A directive is never sent to a device no wipe was ordered for (MS-ASPROV_R653).
/// </summary>
internal sealed partial class ProvisionHandler(
    IPolicyStore policies,
    IDeviceStore devices,
    ProvisioningCounters counters,
    WbxmlLimits limits,
    ILogger<ProvisionHandler> logger) : IEasCommandHandler
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
            ProvisionRequestKind.RemoteWipeAcknowledgement =>
                await AcknowledgeWipeAsync(context, RemoteWipeKind.Full, request.RemoteWipeStatus!.Value, cancellationToken).ConfigureAwait(false),
            ProvisionRequestKind.AccountOnlyRemoteWipeAcknowledgement =>
                await AcknowledgeWipeAsync(context, RemoteWipeKind.AccountOnly, request.AccountOnlyRemoteWipeStatus!.Value, cancellationToken).ConfigureAwait(false),
            _ when context.WipePending => await DirectiveAsync(context, ProvisionStatus.Success, cancellationToken).ConfigureAwait(false),
            ProvisionRequestKind.Initial => await DownloadAsync(context, request.Policy!, cancellationToken).ConfigureAwait(false),
            ProvisionRequestKind.Acknowledgement => await AcknowledgeAsync(context, request.Policy!, cancellationToken).ConfigureAwait(false),

            // An empty request from a device no wipe was ordered for: there is nothing to send (MS-ASPROV_R653).
            _ => new ProvisionResponse(ProvisionStatus.Success),
        };
        return Respond(context, response with { DeviceInformationStatus = deviceStatus });
    }

    /// <summary>The wipe directive of the device's pending wipe, recorded as sent.</summary>
    private async Task<ProvisionResponse> DirectiveAsync(EasRequestContext context, ProvisionStatus status, CancellationToken cancellationToken)
    {
        // The dispatcher lets a device with an account-only wipe through only at 16.1 (DeviceAccessGate).
        RemoteWipeKind kind = context.Device.Wipe?.Kind ?? RemoteWipeKind.Full;
        await devices.MarkWipeSentAsync(context.Device.Id, cancellationToken).ConfigureAwait(false);
        counters.Add(ProvisioningEvent.WipeSent);
        LogWipeSent(context.Device.DeviceId, context.UserAddress, kind);
        return new ProvisionResponse(status)
        {
            RemoteWipe = kind == RemoteWipeKind.Full,
            AccountOnlyRemoteWipe = kind == RemoteWipeKind.AccountOnly,
        };
    }

    /// <summary>
    /// Records the device's acknowledgement of a wipe of <paramref name="kind"/>: success is answered with Status 1
    /// (from then on the device is refused), failure with Status 2 and the directive again. An acknowledgement of a
    /// wipe nobody ordered changes nothing and gets Status 1, with no directive.
    /// </summary>
    private async Task<ProvisionResponse> AcknowledgeWipeAsync(EasRequestContext context, RemoteWipeKind kind, RemoteWipeStatus status, CancellationToken cancellationToken)
    {
        bool recorded = context.Device.Wipe is { Completed: false } wipe && wipe.Kind == kind
            && await devices.RecordWipeAcknowledgementAsync(context.Device.Id, kind, (int)status, cancellationToken).ConfigureAwait(false);
        if (!recorded)
        {
            LogUnexpectedWipeAcknowledgement(context.Device.DeviceId, context.UserAddress, kind, (int)status);
            return new ProvisionResponse(ProvisionStatus.Success);
        }

        counters.Add(ProvisioningEvent.WipeAcknowledged);
        LogWipeAcknowledged(context.Device.DeviceId, context.UserAddress, kind, (int)status);
        if (status == RemoteWipeStatus.Success)
        {
            return new ProvisionResponse(ProvisionStatus.Success);
        }

        // Status 2 of the Provision element here means "the wipe failed, here it is again" (MS-ASPROV 3.2.5.1.2.2).
        return await DirectiveAsync(context, ProvisionStatus.ProtocolError, cancellationToken).ConfigureAwait(false);
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
        counters.Add(ProvisioningEvent.PolicyDownloaded);
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
            counters.Add(ProvisioningEvent.PolicyRefused);
            LogPolicyRefused(context.Device.DeviceId, context.UserAddress, (int?)acknowledged.Status ?? 0);
            return new ProvisionResponse(context.Version >= EasVersion.V140 ? (ProvisionStatus)DeviceNotFullyProvisionable : ProvisionStatus.ServerError);
        }

        if (!uint.TryParse(acknowledged.PolicyKey, NumberStyles.None, CultureInfo.InvariantCulture, out uint temporaryKey) || temporaryKey == 0)
        {
            return WithPolicy(acknowledged.PolicyType, PolicyStatus.PolicyKeyMismatch);
        }

        uint finalKey = NewKey();
        bool confirmed = await devices.ConfirmPolicyKeyAsync(context.Device.Id, temporaryKey, finalKey, policy.Id, policy.Version, cancellationToken).ConfigureAwait(false);
        counters.Add(confirmed ? ProvisioningEvent.PolicyAcknowledged : ProvisioningEvent.PolicyRefused);
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

    [LoggerMessage(EventId = 2511, Level = LogLevel.Warning, Message = "Device {DeviceId} of {User}: {Kind} remote wipe directive sent")]
    private partial void LogWipeSent(string deviceId, string user, RemoteWipeKind kind);

    [LoggerMessage(EventId = 2512, Level = LogLevel.Warning, Message = "Device {DeviceId} of {User}: {Kind} remote wipe acknowledged with status {Status} (1 wiped, 2 failed)")]
    private partial void LogWipeAcknowledged(string deviceId, string user, RemoteWipeKind kind, int status);

    [LoggerMessage(EventId = 2513, Level = LogLevel.Information, Message = "Device {DeviceId} of {User}: {Kind} remote wipe acknowledgement with status {Status}, but no such wipe is outstanding; ignored")]
    private partial void LogUnexpectedWipeAcknowledgement(string deviceId, string user, RemoteWipeKind kind, int status);

    [LoggerMessage(EventId = 2514, Level = LogLevel.Information, Message = "Device {DeviceId} of {User}: policy acknowledgement with status {Status} refused (the policy does not allow non-provisionable devices)")]
    private partial void LogPolicyRefused(string deviceId, string user, int status);
}
