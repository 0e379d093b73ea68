using Pushbox.Commands.Policies;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>
/// Routes a request to its command's handler after checking the catalogue: a command Pushbox has no
/// handler for is <see cref="IsImplemented">not implemented</see> (the HTTP layer answers 501); a
/// command the request's protocol version does not have is a malformed request; any command, Provision
/// included, from a device that is not allowed (<see cref="DeviceAccessGate"/>) is refused with HTTP 403
/// before protocol 14.0 and with the command's own response and common status 129 from 14.0; a command the catalogue
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

    /// <summary>Creates the dispatcher over the registered handlers.</summary>
    public EasDispatcher(IEnumerable<IEasCommandHandler> handlers, IPolicyStore policies)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(policies);
        _policies = policies;
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

        if (DeviceAccessGate.Check(context.Device) is int accessStatus)
        {
            return context.Version < EasVersion.V140
                ? EasCommandResult.Status(DeviceAccessGate.ForbiddenHttpStatus)
                : handler.RefuseWithCommonStatus(context, accessStatus);
        }

        if (info is { NeedsProvisioning: true })
        {
            Policy? policy = await _policies.GetEffectiveAsync(context.UserId, cancellationToken).ConfigureAwait(false);
            if (ProvisioningGate.Check(context.Device, policy, context.PolicyKey) is int status)
            {
                return context.Version < EasVersion.V140
                    ? EasCommandResult.Status(ProvisioningGate.RetryAfterProvisioningHttpStatus)
                    : handler.RefuseWithCommonStatus(context, status);
            }

            context = context with { Caps = PolicyCaps.Of(policy) };
        }

        return await handler.HandleAsync(context, body, cancellationToken).ConfigureAwait(false);
    }
}
