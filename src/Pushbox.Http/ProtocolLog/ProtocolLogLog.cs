using Microsoft.Extensions.Logging;

namespace Pushbox.Http.ProtocolLog;

/// <summary>Log lines of the device protocol log, event ids 2200–2299.</summary>
internal static partial class ProtocolLogLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Protocol log of device {DeviceId} of {User} not written: the names are not safe as file names")]
    public static partial void UnsafeName(this ILogger logger, string deviceId, string user);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Writing the protocol log {Path} failed")]
    public static partial void WriteFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Protocol log {Path} reached {Bytes} bytes; rotated to {Previous}")]
    public static partial void Rotated(this ILogger logger, string path, long bytes, string previous);
}
