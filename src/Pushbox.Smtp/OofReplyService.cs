using Microsoft.Extensions.Hosting;
using Pushbox.Mailbox.OutOfOffice;

namespace Pushbox.Smtp;

/// <summary>Runs the <see cref="OofResponder"/> for the life of the host: Out of Office replies to mail taken in.</summary>
internal sealed class OofReplyService(OofResponder responder) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await responder.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: replies not yet sent stay pending in the store and are sent after the restart (or by another server).
        }
    }
}
