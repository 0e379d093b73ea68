using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>
/// Routes a request to its command's handler after checking the catalogue: a command Pushbox has no
/// handler for is <see cref="IsImplemented">not implemented</see> (the HTTP layer answers 501); a
/// command the request's protocol version does not have is a malformed request.
/// </summary>
public sealed class EasDispatcher
{
    private readonly Dictionary<EasCommand, IEasCommandHandler> _handlers;

    /// <summary>Creates the dispatcher over the registered handlers.</summary>
    public EasDispatcher(IEnumerable<IEasCommandHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
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
    public Task<EasCommandResult> DispatchAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        EasCommand command = context.Query.Command;
        if (!_handlers.TryGetValue(command, out IEasCommandHandler? handler))
        {
            throw new NotSupportedException($"{EasCommands.GetName(command)} is not implemented.");
        }

        if (CommandCatalogue.All.TryGetValue(command, out CommandInfo? info) && !info.IsIn(context.Version))
        {
            throw new EasProtocolException(
                EasProtocolError.CommandNotSupportedByVersion,
                $"{EasCommands.GetName(command)} is not part of protocol version {context.Version}.");
        }

        return handler.HandleAsync(context, body, cancellationToken);
    }
}
