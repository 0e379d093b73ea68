using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Pushbox.Http.Operations;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Users;

namespace Pushbox.Http.Security;

/// <summary>
/// Checks the Basic credentials of an EAS request. Every call reads the user's credentials from the
/// directory (an index lookup), so a password change or disabling counts from the next request; the
/// password itself is hashed only when no fresh cached verification matches, on dedicated threads
/// behind a bounded queue. Repeated failures lock out the user and the source address for a while.
/// Thread-safe; one instance serves the process (it owns the verifier threads: dispose of it at shutdown).
/// </summary>
public sealed class EasAuthenticator : IDisposable
{
    private static readonly TimeSpan OverloadLogInterval = TimeSpan.FromSeconds(10);

    private readonly IDirectory directory;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly EasMetrics? metrics;
    private readonly UserNameResolver resolver;
    private readonly VerificationCache cache;

    // Verifications under way, by user, credential version and password digest: concurrent sign-ins share one.
    private readonly ConcurrentDictionary<string, Task<bool>> inFlight = new(StringComparer.Ordinal);
    private readonly VerificationQueue queue;
    private readonly FailureTracker userFailures;
    private readonly FailureTracker addressFailures;
    private readonly string dummyHash;
    private readonly int verifierThreads;
    private readonly TimeSpan failureWindow;
    private readonly TimeSpan lockoutDuration;
    private readonly TimeSpan overloadedRetryAfter;
    private long lastOverloadLog = long.MinValue;

    /// <summary>Creates the authenticator and starts its verifier threads.</summary>
    /// <param name="directory">Where credentials are looked up.</param>
    /// <param name="options">The settings; validated and copied now.</param>
    /// <param name="time">The clock of the cache and the lock-outs.</param>
    /// <param name="logger">Receives failed sign-ins and lock-outs (events 2000–2099).</param>
    /// <param name="metrics">When given, failed sign-ins are counted by reason.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public EasAuthenticator(IDirectory directory, AuthenticationOptions options, TimeProvider time, ILogger<EasAuthenticator> logger, EasMetrics? metrics = null)
        : this(directory, options, time, logger, metrics, PasswordHasher.Verify, DefaultDummyHash)
    {
    }

    /// <summary>For tests: a different verification function and the hash unknown users are checked against.</summary>
    internal EasAuthenticator(IDirectory directory, AuthenticationOptions options, TimeProvider time, ILogger logger, EasMetrics? metrics, Func<string, string, bool> verify, string dummyHash)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        IReadOnlyList<string> errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid authentication settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)), nameof(options));
        }

        this.directory = directory;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
        this.dummyHash = dummyHash;
        resolver = new UserNameResolver(options.DefaultDomain);
        cache = new VerificationCache(options.CacheLifetime, options.MaxCachedUsers);
        userFailures = new FailureTracker(options.MaxFailuresPerUser, options.FailureWindow, options.LockoutDuration, options.MaxTrackedFailureKeys);
        addressFailures = new FailureTracker(options.MaxFailuresPerAddress, options.FailureWindow, options.LockoutDuration, options.MaxTrackedFailureKeys);
        failureWindow = options.FailureWindow;
        lockoutDuration = options.LockoutDuration;
        overloadedRetryAfter = options.OverloadedRetryAfter;
        verifierThreads = options.MaxConcurrentVerifications;
        Challenge = $"Basic realm=\"{options.Realm}\", charset=\"UTF-8\"";
        queue = new VerificationQueue(options.MaxConcurrentVerifications, options.MaxQueuedVerifications, verify);
    }

    /// <summary>The <c>WWW-Authenticate</c> value to send with a 401: <c>Basic realm="…", charset="UTF-8"</c>.</summary>
    public string Challenge { get; }

    /// <summary>
    /// A well-formed hash with today's cost that no password is expected to match: an unknown user's
    /// password is verified against it, so that the answer takes as long as for a known user.
    /// </summary>
    internal static string DefaultDummyHash { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"$pbkdf2-sha512$i={PasswordHasher.DefaultIterations}${Convert.ToBase64String(new byte[16])}${Convert.ToBase64String(new byte[32])}");

    /// <summary>The password verifications begun (for tests: a cache hit begins none).</summary>
    internal long VerificationsStarted => queue.Started;

    /// <summary>The verifications waiting for a thread.</summary>
    internal int QueuedVerifications => queue.Queued;

    /// <summary>
    /// Decides whether the request may proceed. Never throws for bad credentials: the outcome says what
    /// to answer. Neither the header nor the password is logged.
    /// </summary>
    /// <param name="authorizationHeader">The request's Authorization header, as received; null when absent.</param>
    /// <param name="remoteAddress">The client's address (after forwarded-header processing behind a proxy); null when unknown, which skips the per-address lock-out.</param>
    /// <param name="cancellationToken">The request's token.</param>
    /// <exception cref="OperationCanceledException">The request was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The authenticator was disposed of.</exception>
    /// <remarks>The directory's own exceptions (an unreachable database) are not caught: that is a server error, not a failed sign-in.</remarks>
    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, IPAddress? remoteAddress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        BasicParseStatus status = BasicCredentials.Parse(authorizationHeader, out BasicCredentials? credentials);
        if (status is BasicParseStatus.Absent or BasicParseStatus.OtherScheme)
        {
            return AuthenticationResult.Missing();
        }

        string remote = remoteAddress?.ToString() ?? "(unknown)";
        string? addressKey = AddressKey(remoteAddress);
        string shownName = credentials?.UserName ?? "(unreadable)";
        DateTimeOffset now = time.GetUtcNow();
        if (addressKey is not null && addressFailures.IsLockedOut(addressKey, now, out TimeSpan addressRemaining))
        {
            return RefuseLockedOut(AuthenticationFailureReason.AddressLockedOut, credentials?.UserName, remote, addressRemaining);
        }

        if (credentials is null)
        {
            return Fail(AuthenticationFailureReason.MalformedCredentials, userKey: null, addressKey, shownName, remote);
        }

        // A known user is counted by identifier, so that the address, an alias and a bare name share one
        // count; an unknown one by the name tried, which bounds guessing at non-existent names too.
        UserCredentials? stored = null;
        string userKey;
        if (resolver.TryResolve(credentials.UserName, out string? address))
        {
            stored = await directory.FindCredentialsAsync(address, cancellationToken).ConfigureAwait(false);
            userKey = stored is null ? address.ToUpperInvariant() : "#" + stored.UserId.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            userKey = "?" + credentials.UserName.ToUpperInvariant();
        }

        if (userFailures.IsLockedOut(userKey, now, out TimeSpan userRemaining))
        {
            return RefuseLockedOut(AuthenticationFailureReason.UserLockedOut, credentials.UserName, remote, userRemaining);
        }

        byte[] digest = cache.Digest(credentials.Password);
        if (stored is { Enabled: true } && cache.Contains(stored, digest, now))
        {
            return Succeed(credentials, stored, userKey, remote, fromCache: true);
        }

        // Unknown users are checked against a dummy hash of the same cost, so the time taken does not
        // tell whether the user exists; disabled users are checked too, for the same reason.
        bool matches;
        string? shared = stored is null ? null : string.Create(CultureInfo.InvariantCulture, $"{stored.UserId}:{stored.CredentialVersion}:{Convert.ToHexString(digest)}");
        while (true)
        {
            // A user's devices signing in at the same moment with the same password (after a restart, say)
            // share one check. It runs under the token of the request that started it; should that request
            // go away first, the others start their own.
            if (shared is null || !inFlight.TryGetValue(shared, out Task<bool>? verification))
            {
                if (!queue.TryEnqueue(credentials.Password, stored?.PasswordHash ?? dummyHash, cancellationToken, out verification))
                {
                    return Overloaded(credentials.UserName);
                }

                if (shared is not null)
                {
                    verification = inFlight.GetOrAdd(shared, verification);
                    string key = shared;
                    _ = verification.ContinueWith(done => inFlight.TryRemove(new KeyValuePair<string, Task<bool>>(key, done)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }

            try
            {
                matches = await verification.WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The request whose check this was went away; this one checks for itself.
            }
        }
        if (stored is null)
        {
            AuthenticationFailureReason reason = address is null ? AuthenticationFailureReason.UnresolvableUserName : AuthenticationFailureReason.UnknownUser;
            return Fail(reason, userKey, addressKey, credentials.UserName, remote);
        }

        if (!stored.Enabled)
        {
            return Fail(AuthenticationFailureReason.Disabled, userKey, addressKey, credentials.UserName, remote);
        }

        if (!matches)
        {
            return Fail(AuthenticationFailureReason.WrongPassword, userKey, addressKey, credentials.UserName, remote);
        }

        cache.Add(stored, digest, time.GetUtcNow());
        return Succeed(credentials, stored, userKey, remote, fromCache: false);
    }

    /// <summary>Stops the verifier threads; verifications still queued are cancelled.</summary>
    public void Dispose() => queue.Dispose();

    /// <summary>The lock-out key of a source: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 network, which one subscriber usually holds whole.</summary>
    internal static string? AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        byte[] bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private AuthenticationResult Succeed(BasicCredentials credentials, UserCredentials stored, string userKey, string remote, bool fromCache)
    {
        userFailures.Reset(userKey, time.GetUtcNow());
        logger.SignedIn(stored.Address, credentials.UserName, remote, fromCache);
        return AuthenticationResult.Success(
            credentials.UserName,
            stored.UserId,
            stored.Address,
            stored.CredentialVersion,
            PasswordHasher.NeedsRehash(stored.PasswordHash),
            fromCache);
    }

    private AuthenticationResult Fail(AuthenticationFailureReason reason, string? userKey, string? addressKey, string userName, string remote)
    {
        DateTimeOffset now = time.GetUtcNow();
        logger.SignInFailed(userName, remote, reason);
        metrics?.RecordFailedLogin(reason);
        if (userKey is not null && userFailures.RecordFailure(userKey, now, out int userCount))
        {
            logger.UserLockedOut(userName, lockoutDuration, userCount, failureWindow, remote);
        }

        if (addressKey is not null && addressFailures.RecordFailure(addressKey, now, out int addressCount))
        {
            logger.AddressLockedOut(addressKey, lockoutDuration, addressCount, failureWindow, userName);
        }

        return AuthenticationResult.Invalid(reason, reason == AuthenticationFailureReason.MalformedCredentials ? null : userName);
    }

    private AuthenticationResult RefuseLockedOut(AuthenticationFailureReason reason, string? userName, string remote, TimeSpan remaining)
    {
        logger.RefusedLockedOut(userName ?? "(unreadable)", remote, reason, remaining);
        metrics?.RecordFailedLogin(reason);
        return AuthenticationResult.LockedOut(reason, userName, remaining);
    }

    private AuthenticationResult Overloaded(string userName)
    {
        metrics?.RecordFailedLogin(AuthenticationFailureReason.Overloaded);
        long nowTicks = time.GetTimestamp();
        long last = Interlocked.Read(ref lastOverloadLog);
        if ((last == long.MinValue || time.GetElapsedTime(last, nowTicks) >= OverloadLogInterval)
            && Interlocked.CompareExchange(ref lastOverloadLog, nowTicks, last) == last)
        {
            logger.Overloaded(queue.Queued, verifierThreads);
        }

        return AuthenticationResult.Overloaded(userName, overloadedRetryAfter);
    }
}
