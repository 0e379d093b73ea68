using Pushbox.Protocol;

namespace Pushbox.Commands;

/// <summary>Handles one EAS command. Business outcomes are statuses in the response body; a malformed request throws <see cref="EasProtocolException"/>.</summary>
public interface IEasCommandHandler
{
    /// <summary>The command handled.</summary>
    EasCommand Command { get; }

    /// <summary>Handles a request whose body (possibly empty) is <paramref name="body"/>.</summary>
    Task<EasCommandResult> HandleAsync(EasRequestContext context, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);

    /// <summary>
    /// The command's own response carrying only a common status code of MS-ASCMD 2.2.2 (e.g. 142, 144) in
    /// its Status element, for a request the dispatcher refuses before the handler runs. Called only for
    /// protocol 14.0 and later, the first versions that have common status codes.
    /// </summary>
    EasCommandResult RefuseWithCommonStatus(EasRequestContext context, int status);
}
