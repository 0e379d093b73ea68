namespace Pushbox.Http.Security;

/// <summary>What the caller answers a request with, decided by <see cref="EasAuthenticator"/>.</summary>
public enum AuthenticationOutcome
{
    /// <summary>The credentials are valid: serve the request as <see cref="AuthenticationResult.UserId"/>.</summary>
    Succeeded,

    /// <summary>No Basic credentials were sent: answer 401 with <see cref="EasAuthenticator.Challenge"/>.</summary>
    Missing,

    /// <summary>
    /// Wrong password, unknown or disabled user, or an unreadable header, deliberately not told apart:
    /// answer 401 with <see cref="EasAuthenticator.Challenge"/>.
    /// </summary>
    Invalid,

    /// <summary>
    /// The user or the source address failed too often and is locked out for
    /// <see cref="AuthenticationResult.RetryAfter"/>; the password was not checked. Answer 401 (devices then
    /// show a sign-in error rather than retrying at once) or 429 with Retry-After.
    /// </summary>
    LockedOut,

    /// <summary>The password verification queue is full: answer 503 with Retry-After <see cref="AuthenticationResult.RetryAfter"/>.</summary>
    Overloaded,
}
