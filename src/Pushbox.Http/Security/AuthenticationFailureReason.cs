namespace Pushbox.Http.Security;

/// <summary>
/// Why a sign-in did not succeed, for logs and metrics only: the device is never told more than
/// <see cref="AuthenticationOutcome"/> (an unknown user looks exactly like a wrong password).
/// </summary>
public enum AuthenticationFailureReason
{
    /// <summary>It succeeded.</summary>
    None,

    /// <summary>No Basic credentials (<see cref="AuthenticationOutcome.Missing"/>).</summary>
    NoCredentials,

    /// <summary>The Authorization header was not valid Basic credentials within the limits.</summary>
    MalformedCredentials,

    /// <summary>The user name made no address (a bare name without a default domain, or invalid).</summary>
    UnresolvableUserName,

    /// <summary>No user has that address.</summary>
    UnknownUser,

    /// <summary>The password did not match.</summary>
    WrongPassword,

    /// <summary>The user is disabled.</summary>
    Disabled,

    /// <summary>The user is locked out after repeated failures.</summary>
    UserLockedOut,

    /// <summary>The source address is locked out after repeated failures.</summary>
    AddressLockedOut,

    /// <summary>The verification queue was full.</summary>
    Overloaded,
}
