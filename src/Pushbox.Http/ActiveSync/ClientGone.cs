using Microsoft.AspNetCore.Connections;

namespace Pushbox.Http.ActiveSync;

/// <summary>Recognises a client that hung up mid-request (reset, closed, aborted): not an error of ours, and not a success.</summary>
internal static class ClientGone
{
    /// <summary>The status recorded in metrics for such a request (nginx's "client closed request").</summary>
    public const int StatusCode = 499;

    public static bool Is(Exception e, CancellationToken requestAborted) =>
        e is ConnectionResetException or ConnectionAbortedException
        || (e is IOException && requestAborted.IsCancellationRequested)
        || (e is OperationCanceledException && requestAborted.IsCancellationRequested)
        || (e is Microsoft.AspNetCore.Http.BadHttpRequestException bad && bad.InnerException is ConnectionResetException or ConnectionAbortedException);
}
