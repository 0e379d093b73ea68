using Microsoft.Extensions.Logging;
using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp;

/// <summary>
/// Every log line of the SMTP intake, with stable event ids 4000–4099. Message bodies, headers and
/// command lines are never logged; addresses are, as in every mail log.
/// </summary>
internal static partial class SmtpLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Listening for {Protocol} on {EndPoint}")]
    public static partial void Listening(this ILogger logger, string protocol, string endPoint);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Accepting a connection on {EndPoint} failed")]
    public static partial void AcceptFailed(this ILogger logger, string endPoint, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Session {SessionId}: {Protocol} from {Remote}")]
    public static partial void SessionStarted(this ILogger logger, string sessionId, string protocol, string remote);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Session {SessionId} ended after {Messages} message(s)")]
    public static partial void SessionEnded(this ILogger logger, string sessionId, int messages);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Refused a connection from {Remote}: {Limit} sessions already open")]
    public static partial void TooManySessions(this ILogger logger, string remote, int limit);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Session {SessionId}: message {MessageId} ({Bytes} bytes) from <{Sender}> delivered to {Mailboxes} mailbox(es)")]
    public static partial void MessageAccepted(this ILogger logger, string sessionId, string messageId, long bytes, int mailboxes, string sender);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Session {SessionId}: message {MessageId} was longer than the limit of {Limit} bytes; read to its end, dropped, answered 552")]
    public static partial void MessageTooLarge(this ILogger logger, string sessionId, string messageId, long limit);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "Session {SessionId}: storing message {MessageId} failed; answered 451")]
    public static partial void StoreFailed(this ILogger logger, string sessionId, string messageId, Exception exception);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Session {SessionId}: delivering message {MessageId} failed; answered 451")]
    public static partial void DeliveryFailed(this ILogger logger, string sessionId, string messageId, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Session {SessionId}: recipient <{Recipient}> is not local; answered 550")]
    public static partial void RecipientRejected(this ILogger logger, string sessionId, string recipient);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "Session {SessionId}: looking up a recipient failed; answered 451")]
    public static partial void RecipientLookupFailed(this ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Session {SessionId} timed out in state {State}")]
    public static partial void SessionTimedOut(this ILogger logger, string sessionId, SessionState state);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Session {SessionId} from {Remote} closed after {BadCommands} refused commands")]
    public static partial void TooManyBadCommands(this ILogger logger, string sessionId, string remote, int badCommands);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Debug, Message = "Session {SessionId}: TLS started ({Tls})")]
    public static partial void TlsStarted(this ILogger logger, string sessionId, string tls);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Session {SessionId} from {Remote}: TLS handshake failed")]
    public static partial void TlsFailed(this ILogger logger, string sessionId, string remote, Exception exception);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning, Message = "Session {SessionId} from {Remote} pipelined commands after STARTTLS; closed")]
    public static partial void StartTlsPipelined(this ILogger logger, string sessionId, string remote);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Error, Message = "Session {SessionId} failed; answered 421")]
    public static partial void SessionFailed(this ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Debug, Message = "Session {SessionId}: the client went away")]
    public static partial void ClientGone(this ILogger logger, string sessionId, Exception? exception);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Error, Message = "Session {SessionId}: the blob store stopped reading message {MessageId} before its end; answered 451")]
    public static partial void StoreReadShort(this ILogger logger, string sessionId, string messageId);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Information, Message = "Stopping: no longer accepting; waiting up to {Timeout} for {Sessions} session(s)")]
    public static partial void Stopping(this ILogger logger, TimeSpan timeout, int sessions);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Stopping: cut off {Sessions} session(s) still running; their senders will retry")]
    public static partial void SessionsAborted(this ILogger logger, int sessions);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information, Message = "Session {SessionId}: MAIL declared SIZE={Size}, over the limit of {Limit} bytes; answered 552")]
    public static partial void DeclaredSizeTooLarge(this ILogger logger, string sessionId, string size, long limit);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Removed a stale Unix socket at {Path}")]
    public static partial void StaleSocketRemoved(this ILogger logger, string path);
}
