using Microsoft.Extensions.Logging;

namespace Pushbox.Commands.Email;

/// <summary>The email renderer's log events (61xx). Never logs content: ids and hashes only.</summary>
internal static partial class EmailRenderLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Email item {ItemId}: its content blob {BlobHash} is missing; sent its summary with an empty body")]
    public static partial void BlobMissing(ILogger logger, long itemId, string? blobHash);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Email item {ItemId}: its MIME could not be read; sent its summary with an empty body")]
    public static partial void Unreadable(ILogger logger, long itemId, Exception exception);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Email item {ItemId}: reading its body failed part-way; the body sent is cut short")]
    public static partial void BodyCutShort(ILogger logger, long itemId, Exception exception);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Email item {ItemId}: its body could not be prepared; sent an empty body")]
    public static partial void BodyFailed(ILogger logger, long itemId, Exception exception);
}
