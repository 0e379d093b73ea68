using Pushbox.Commands.Policies;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>
/// Routes a request to its command's handler after checking the catalogue: a command Pushbox has no
/// handler for is <see cref="IsImplemented">not implemented</see> (the HTTP layer answers 501); a
/// command the request's protocol version does not have is a malformed request; any command, Provision
/// included, from a device that is not allowed, or that must first fetch a pending remote wipe (<see cref="DeviceAccess"/>
/// decides its access at every request, <see cref="DeviceAccessGate"/> what that means for the command) is refused
/// with HTTP 403 or 449 before protocol 14.0 and with the command's own response and common status 129 or 140 from
/// 14.0; a quarantined device runs its few commands with <see cref="EasRequestContext.Quarantined"/>; a command the catalogue
/// marks <see cref="CommandInfo.NeedsProvisioning"/> is refused, when the user has an effective policy,
/// unless the device presents its current policy key (<see cref="ProvisioningGate"/>): with HTTP 449 before
/// protocol 14.0, with the command's own response and common status 142 or 144 from 14.0 (MS-ASPROV 3.2.5.2).
/// The effective policy is read at every gated request, never cached, so a policy change applies at once; what it
/// caps goes to the handler in <see cref="EasRequestContext.Caps"/>.
/// </summary>
public sealed class EasDispatcher
{
    private readonly Dictionary<EasCommand, IEasCommandHandler> _handlers;
    private readonly IPolicyStore _policies;
    private readonly DeviceAccess _access;

    /// <summary>Creates the dispatcher over the registered handlers.</summary>
    public EasDispatcher(IEnumerable<IEasCommandHandler> handlers, IPolicyStore policies, DeviceAccess access)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(access);
        _policies = policies;
        _access = access;
        _handlers = handlers.ToDictionary(h => h.Command);
        ImplementedCommands = [.. CommandCatalogue.All.Keys.Where(_handlers.ContainsKey).Order()];
    }

    /// <summary>The commands Pushbox answers, in code order (for the MS-ASProtocolCommands header).</summary>
    public IReadOnlyList<EasCommand> ImplementedCommands { get; }

    /// <summary>Whether a handler exists for <paramref name="command"/>.</summary>
    public bool IsImplemented(EasCommand command) => _handlers.ContainsKey(command);

    /// <summary>Runs the command.</summary>
    /// <exception cref="EasProtocolException"><see cref="EasProtocolError.CommandNotSupportedByVersion"/>.</exception>
    /// <exception cref="NotSupportedException">No handler: check <see cref="IsImplemented"/> first.</exception>
    public async Task<EasCommandResult> DispatchAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        EasCommand command = context.Query.Command;
        if (!_handlers.TryGetValue(command, out IEasCommandHandler? handler))
        {
            throw new NotSupportedException($"{EasCommands.GetName(command)} is not implemented.");
        }

        CommandInfo? info = CommandCatalogue.All.GetValueOrDefault(command);
        if (info is not null && !info.IsIn(context.Version))
        {
            throw new EasProtocolException(
                EasProtocolError.CommandNotSupportedByVersion,
                $"{EasCommands.GetName(command)} is not part of protocol version {context.Version}.");
        }

        Device device = await _access.DecideAsync(context.Device, cancellationToken).ConfigureAwait(false);
        DeviceAdmission admission = DeviceAccessGate.Check(device, device.AccessState, command, context.Version);
        context = context with { Device = device, Quarantined = admission.Quarantined, WipePending = admission.WipePending };
        if (admission.RefusalStatus is int accessStatus)
        {
            _access.Refused(device, EasCommands.GetName(command), accessStatus);
            return Refuse(handler, context, accessStatus);
        }

        if (info is { NeedsProvisioning: true })
        {
            Policy? policy = await _policies.GetEffectiveAsync(context.UserId, cancellationToken).ConfigureAwait(false);
            if (ProvisioningGate.Check(context.Device, policy, context.PolicyKey) is int status)
            {
                return Refuse(handler, context, status);
            }

            context = context with { Caps = PolicyCaps.Of(policy) };
        }

        return await handler.HandleAsync(context, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses with a common status in the command's own response from 14.0, and with the HTTP status the older
    /// versions get instead (<see cref="DeviceAccessGate.LegacyHttpStatus"/>).
    /// </summary>
    internal static EasCommandResult Refuse(IEasCommandHandler handler, EasRequestContext context, int status) =>
        context.Version < EasVersion.V140
            ? EasCommandResult.Status(DeviceAccessGate.LegacyHttpStatus(status))
            : handler.RefuseWithCommonStatus(context, status);
}
