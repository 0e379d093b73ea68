using System.Globalization;

namespace Pushbox.Http.Security;

/// <summary>
/// How devices sign in (configuration section <c>Authentication</c>): the Basic realm, the domain of bare
/// user names, the cache of verified passwords, lock-out after repeated failures and the bounds of the
/// password verification queue. <see cref="Validate"/> runs when <see cref="EasAuthenticator"/> is
/// created, so a bad setting stops the process at start with a message naming the setting.
/// </summary>
public sealed class AuthenticationOptions
{
    /// <summary>The longest <see cref="Realm"/> accepted.</summary>
    public const int MaxRealmLength = 64;

    /// <summary>The longest <see cref="CacheLifetime"/>, <see cref="FailureWindow"/> and <see cref="LockoutDuration"/> accepted.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    /// <summary>The realm named in the <c>WWW-Authenticate: Basic</c> challenge; printable ASCII without quotes or backslashes. Default "Pushbox".</summary>
    public string Realm { get; set; } = "Pushbox";

    /// <summary>
    /// The domain that completes a bare user name (<c>alice</c> → <c>alice@example.com</c>), also after a
    /// <c>DOMAIN\</c> prefix. Null (the default): devices must sign in with their full address.
    /// </summary>
    public string? DefaultDomain { get; set; }

    /// <summary>
    /// How long a successful password verification is reused without hashing again (default 5 minutes;
    /// zero turns the cache off). A cached verification is dropped at once when the user's password or
    /// enabled flag changes, since every request reads the user's credential version.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most users whose verification is cached (default 100,000); above it the cache sheds entries.</summary>
    public int MaxCachedUsers { get; set; } = 100_000;

    /// <summary>Failed sign-ins for one user within <see cref="FailureWindow"/> that lock the user out (default 10; 0 turns this lock-out off).</summary>
    public int MaxFailuresPerUser { get; set; } = 10;

    /// <summary>
    /// Failed sign-ins from one source address within <see cref="FailureWindow"/> that lock the address
    /// out (default 30; 0 turns this lock-out off). IPv6 sources count per /64 network. Behind a reverse
    /// proxy the caller must pass the client's address (forwarded headers), or the proxy itself is locked out.
    /// </summary>
    public int MaxFailuresPerAddress { get; set; } = 30;

    /// <summary>The sliding window in which failures are counted (default 15 minutes).</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a user or address stays locked out; during it sign-ins are refused without checking the password (default 15 minutes).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The most users and the most source addresses whose failures are remembered (default 100,000 each);
    /// beyond it the least recently failing are forgotten, which bounds memory under a spray of names.
    /// </summary>
    public int MaxTrackedFailureKeys { get; set; } = 100_000;

    /// <summary>The dedicated threads that verify passwords (default: the processor count). Verification never runs on the thread pool.</summary>
    public int MaxConcurrentVerifications { get; set; } = Environment.ProcessorCount;

    /// <summary>Verifications that may wait for a free thread (default 1,000); when the queue is full, sign-ins answer <see cref="AuthenticationOutcome.Overloaded"/>.</summary>
    public int MaxQueuedVerifications { get; set; } = 1000;

    /// <summary>The Retry-After suggested with <see cref="AuthenticationOutcome.Overloaded"/> (default 10 seconds).</summary>
    public TimeSpan OverloadedRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The problems with these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrEmpty(Realm) || Realm.Length > MaxRealmLength || Realm.Any(c => c is < ' ' or > '~' or '"' or '\\'))
        {
            errors.Add($"Authentication:Realm must be 1 to {MaxRealmLength} printable ASCII characters without quotes or backslashes.");
        }

        if (!string.IsNullOrWhiteSpace(DefaultDomain) && !UserNameResolver.TryNormalizeDomain(DefaultDomain, out _))
        {
            errors.Add($"Authentication:DefaultDomain '{DefaultDomain}' is not a mail domain (expected a name such as example.com).");
        }

        CheckDuration(errors, "CacheLifetime", CacheLifetime, allowZero: true);
        CheckDuration(errors, "FailureWindow", FailureWindow, allowZero: false);
        CheckDuration(errors, "LockoutDuration", LockoutDuration, allowZero: false);
        CheckRange(errors, "MaxCachedUsers", MaxCachedUsers, 1, 10_000_000);
        CheckRange(errors, "MaxFailuresPerUser", MaxFailuresPerUser, 0, 10_000);
        CheckRange(errors, "MaxFailuresPerAddress", MaxFailuresPerAddress, 0, 100_000);
        CheckRange(errors, "MaxTrackedFailureKeys", MaxTrackedFailureKeys, 100, 10_000_000);
        CheckRange(errors, "MaxConcurrentVerifications", MaxConcurrentVerifications, 1, 256);
        CheckRange(errors, "MaxQueuedVerifications", MaxQueuedVerifications, 1, 1_000_000);
        if (OverloadedRetryAfter < TimeSpan.FromSeconds(1) || OverloadedRetryAfter > TimeSpan.FromHours(1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Authentication:OverloadedRetryAfter must be between 1 second and 1 hour; it is {OverloadedRetryAfter}."));
        }

        return errors;
    }

    private static void CheckDuration(List<string> errors, string name, TimeSpan value, bool allowZero)
    {
        TimeSpan least = allowZero ? TimeSpan.Zero : TimeSpan.FromSeconds(1);
        if (value < least || value > MaxDuration)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Authentication:{name} must be between {least} and {MaxDuration}; it is {value}."));
        }
    }

    private static void CheckRange(List<string> errors, string name, int value, int least, int most)
    {
        if (value < least || value > most)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Authentication:{name} must be between {least} and {most}; it is {value}."));
        }
    }
}
