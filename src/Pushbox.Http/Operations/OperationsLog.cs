using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Operations;

/// <summary>Log lines of the health and metrics endpoints, event ids 2300–2399.</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "Health check failed: it answered unhealthy")]
    public static partial void Unhealthy(this ILogger logger);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Health check failed: no answer within {Timeout}")]
    public static partial void HealthTimedOut(this ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Health check failed with an exception")]
    public static partial void HealthThrew(this ILogger logger, Exception exception);
}
