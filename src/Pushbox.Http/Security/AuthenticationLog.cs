using Microsoft.Extensions.Logging;

namespace Pushbox.Http.Security;

/// <summary>
/// Log lines of device sign-in, event ids 2000–2099. User names and source addresses are logged;
/// passwords and Authorization headers never are.
/// </summary>
internal static partial class AuthenticationLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Signed in {Address} as {UserName} from {Remote} (cached: {Cached})")]
    public static partial void SignedIn(this ILogger logger, string address, string userName, string remote, bool cached);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Failed sign-in as {UserName} from {Remote}: {Reason}")]
    public static partial void SignInFailed(this ILogger logger, string userName, string remote, AuthenticationFailureReason reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Locked out user {UserName} for {Lockout} after {Failures} failed sign-ins within {Window} (last from {Remote})")]
    public static partial void UserLockedOut(this ILogger logger, string userName, TimeSpan lockout, int failures, TimeSpan window, string remote);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Locked out source {Remote} for {Lockout} after {Failures} failed sign-ins within {Window} (last as {UserName})")]
    public static partial void AddressLockedOut(this ILogger logger, string remote, TimeSpan lockout, int failures, TimeSpan window, string userName);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Refused sign-in as {UserName} from {Remote} without checking the password: {Reason} for another {Remaining}")]
    public static partial void RefusedLockedOut(this ILogger logger, string userName, string remote, AuthenticationFailureReason reason, TimeSpan remaining);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "The password verification queue is full ({Queued} waiting for {Threads} threads); sign-ins are answered 503 until it drains")]
    public static partial void Overloaded(this ILogger logger, int queued, int threads);
}
