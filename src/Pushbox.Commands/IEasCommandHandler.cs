using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>Handles one EAS command. Business outcomes are statuses in the response body; a malformed request throws <see cref="EasProtocolException"/>.</summary>
public interface IEasCommandHandler
{
    /// <summary>The command handled.</summary>
    EasCommand Command { get; }

    /// <summary>Handles a request whose body (possibly empty) is <paramref name="body"/>.</summary>
    Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
