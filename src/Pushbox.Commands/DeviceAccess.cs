using Microsoft.Extensions.Logging;
using Pushbox.Commands.Policies;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;

namespace Pushbox.Commands;

/// <summary>
/// Decides a device's access at a request (<see cref="DeviceAccessRules.Decide"/>: per-device decision, then the
/// rules, then the default) from the store as it is now, so an administrator's change applies at the device's next
/// request, and records the decision when it changed. A device put into or let out of quarantine forgets its
/// synchronisation state in the same write: its next FolderSync (Status 9) and Sync (Status 3) make it start over
/// cleanly, with the quarantine notice (<see cref="Sync.QuarantineSync"/>) or with the real mailbox.
/// </summary>
public sealed partial class DeviceAccess(IDeviceStore devices, ProvisioningCounters counters, ILogger<DeviceAccess> logger)
{
    /// <summary>The device's access now, recorded on the device when it changed; the returned device carries it.</summary>
    public async Task<Device> DecideAsync(Device device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);

        // A per-device decision settles it without reading the rules.
        DeviceAccessRules rules = device.AccessOverride is null
            ? await devices.GetAccessRulesAsync(cancellationToken).ConfigureAwait(false)
            : DeviceAccessRules.AllowAll;
        DeviceAccessState access = rules.Decide(device);
        if (access == device.AccessState)
        {
            return device;
        }

        // Into or out of quarantine the device starts over: what it holds is either the mailbox it must no longer see
        // or the notice (QuarantineSync).
        bool startOver = (device.AccessState == DeviceAccessState.Quarantined) != (access == DeviceAccessState.Quarantined);
        await devices.SetAccessStateAsync(device.Id, access, forgetSyncState: startOver, cancellationToken).ConfigureAwait(false);
        LogAccessChanged(device.DeviceId, device.UserId, device.AccessState, access);
        if (access == DeviceAccessState.Quarantined)
        {
            counters.Add(ProvisioningEvent.Quarantined);
        }

        return device with { AccessState = access };
    }

    /// <summary>
    /// For a request held open (Ping, hanging Sync) woken by a change of its user's hierarchy, which is also how an
    /// administrator's wipe, block, quarantine, allow or removal of the device is announced: null when the device's
    /// access is as it was when the request came in; otherwise the answer to give now — the refusal the device would
    /// get at a new request (140 to fetch a wipe, 129 blocked; their HTTP statuses before 14.0), or for a device put
    /// into or let out of quarantine, or removed, the handler's <paramref name="folderSyncRequired"/> answer so that it
    /// resynchronises its folders and starts over.
    /// </summary>
    internal async Task<EasCommandResult?> RecheckAsync(EasRequestContext context, IEasCommandHandler handler, Func<EasCommandResult> folderSyncRequired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(folderSyncRequired);
        if (await devices.GetDeviceAsync(context.Device.Id, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return folderSyncRequired();
        }

        Device device = await DecideAsync(stored, cancellationToken).ConfigureAwait(false);
        DeviceAdmission admission = DeviceAccessGate.Check(device, device.AccessState, handler.Command, context.Version);
        if (admission.RefusalStatus is int status)
        {
            Refused(device, Protocol.EasCommands.GetName(handler.Command), status);
            return EasDispatcher.Refuse(handler, context with { Device = device }, status);
        }

        return admission.Quarantined != context.Quarantined ? folderSyncRequired() : null;
    }

    /// <summary>Logs and counts a refusal by <see cref="DeviceAccessGate"/>.</summary>
    public void Refused(Device device, string command, int status)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (status == DeviceAccessGate.RemoteWipeRequested)
        {
            counters.Add(ProvisioningEvent.WipeRequested);
            LogWipeRequested(device.DeviceId, device.UserId, command);
        }
        else
        {
            counters.Add(ProvisioningEvent.AccessRefused);
            LogAccessRefused(device.DeviceId, device.UserId, command, device.AccessState, device.WipeState);
        }
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Device {DeviceId} of user {UserId}: access changed from {Old} to {New}")]
    private partial void LogAccessChanged(string deviceId, long userId, DeviceAccessState old, DeviceAccessState @new);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Device {DeviceId} of user {UserId}: {Command} refused (access {Access}, wipe {Wipe})")]
    private partial void LogAccessRefused(string deviceId, long userId, string command, DeviceAccessState access, DeviceWipeState wipe);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Device {DeviceId} of user {UserId}: {Command} told a remote wipe is pending")]
    private partial void LogWipeRequested(string deviceId, long userId, string command);
}
