namespace Pushbox.Http.Security;

/// <summary>The answer of <see cref="EasAuthenticator.AuthenticateAsync"/>.</summary>
public sealed class AuthenticationResult
{
    private AuthenticationResult(
        AuthenticationOutcome outcome,
        AuthenticationFailureReason failureReason,
        string? userName,
        long userId = 0,
        string? address = null,
        long credentialVersion = 0,
        bool needsRehash = false,
        bool fromCache = false,
        TimeSpan? retryAfter = null)
    {
        Outcome = outcome;
        FailureReason = failureReason;
        UserName = userName;
        UserId = userId;
        Address = address;
        CredentialVersion = credentialVersion;
        NeedsRehash = needsRehash;
        FromCache = fromCache;
        RetryAfter = retryAfter;
    }

    /// <summary>What to answer.</summary>
    public AuthenticationOutcome Outcome { get; }

    /// <summary>Whether <see cref="Outcome"/> is <see cref="AuthenticationOutcome.Succeeded"/>.</summary>
    public bool Succeeded => Outcome == AuthenticationOutcome.Succeeded;

    /// <summary>Why it did not succeed, for logs and metrics; never tell the device.</summary>
    public AuthenticationFailureReason FailureReason { get; }

    /// <summary>The user name as the device sent it; null when none could be read.</summary>
    public string? UserName { get; }

    /// <summary>The signed-in user; 0 unless <see cref="Succeeded"/>.</summary>
    public long UserId { get; }

    /// <summary>The signed-in user's primary address (also when the device used an alias or a bare name); null unless <see cref="Succeeded"/>.</summary>
    public string? Address { get; }

    /// <summary>The credential version the verification was made against; 0 unless <see cref="Succeeded"/>.</summary>
    public long CredentialVersion { get; }

    /// <summary>
    /// Whether the stored hash is weaker than today's (<c>PasswordHasher.NeedsRehash</c>): the caller may
    /// store a new hash of the password it holds in the request's header, provided the user's credential
    /// version is still <see cref="CredentialVersion"/>.
    /// </summary>
    public bool NeedsRehash { get; }

    /// <summary>Whether a cached verification was reused (no hashing).</summary>
    public bool FromCache { get; }

    /// <summary>How long the caller should tell the device to wait, for <see cref="AuthenticationOutcome.LockedOut"/> and <see cref="AuthenticationOutcome.Overloaded"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    internal static AuthenticationResult Success(string userName, long userId, string address, long credentialVersion, bool needsRehash, bool fromCache) =>
        new(AuthenticationOutcome.Succeeded, AuthenticationFailureReason.None, userName, userId, address, credentialVersion, needsRehash, fromCache);

    internal static AuthenticationResult Missing() =>
        new(AuthenticationOutcome.Missing, AuthenticationFailureReason.NoCredentials, userName: null);

    internal static AuthenticationResult Invalid(AuthenticationFailureReason reason, string? userName) =>
        new(AuthenticationOutcome.Invalid, reason, userName);

    internal static AuthenticationResult LockedOut(AuthenticationFailureReason reason, string? userName, TimeSpan retryAfter) =>
        new(AuthenticationOutcome.LockedOut, reason, userName, retryAfter: retryAfter);

    internal static AuthenticationResult Overloaded(string? userName, TimeSpan retryAfter) =>
        new(AuthenticationOutcome.Overloaded, AuthenticationFailureReason.Overloaded, userName, retryAfter: retryAfter);
}
