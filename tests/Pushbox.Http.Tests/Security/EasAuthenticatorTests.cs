using System.Net;
using System.Text;
using Prometheus;
using Pushbox.Http.Operations;
using Pushbox.Http.Security;
using Pushbox.Http.Tests.Support;
using Pushbox.Mailbox.Users;

namespace Pushbox.Http.Tests.Security;

public sealed class EasAuthenticatorTests : IAsyncLifetime
{
    private static readonly IPAddress Phone = IPAddress.Parse("203.0.113.10");
    private static readonly IPAddress OtherPhone = IPAddress.Parse("198.51.100.20");
    private static readonly string CheapDummyHash = PasswordHasher.Hash("dummy-" + Guid.NewGuid(), iterations: 1000);

    private readonly ManualTimeProvider time = new();
    private readonly ListLogger logger = new();
    private TestDirectory store = null!;
    private User alice = null!;

    public async Task InitializeAsync()
    {
        store = await TestDirectory.CreateAsync();
        alice = await store.CreateUserAsync("alice@example.com", "correct horse");
    }

    public async Task DisposeAsync() => await store.DisposeAsync();

    private static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    private EasAuthenticator Create(AuthenticationOptions? options = null, EasMetrics? metrics = null, Func<string, string, bool>? verify = null) =>
        new(store.Directory, options ?? new AuthenticationOptions { DefaultDomain = "example.com" }, time, logger, metrics, verify ?? PasswordHasher.Verify, CheapDummyHash);

    private static Task<AuthenticationResult> SignInAsync(EasAuthenticator authenticator, string user, string password, IPAddress? from = null) =>
        authenticator.AuthenticateAsync(Basic(user, password), from ?? Phone, CancellationToken.None);

    [Fact]
    public async Task AuthenticateAsync_RightPassword_Succeeds()
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.Equal(AuthenticationOutcome.Succeeded, result.Outcome);
        Assert.True(result.Succeeded);
        Assert.Equal(alice.Id, result.UserId);
        Assert.Equal("alice@example.com", result.Address);
        Assert.Equal(alice.CredentialVersion, result.CredentialVersion);
        Assert.Equal(AuthenticationFailureReason.None, result.FailureReason);
        Assert.False(result.FromCache);
        Assert.Equal(1, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_DevicesOfOneUserSigningInTogether_ShareOneVerification()
    {
        using var release = new ManualResetEventSlim();
        int calls = 0;
        using EasAuthenticator authenticator = Create(verify: (password, hash) =>
        {
            Interlocked.Increment(ref calls);
            release.Wait(TimeSpan.FromSeconds(10));
            return PasswordHasher.Verify(password, hash);
        });

        Task<AuthenticationResult>[] devices = [.. Enumerable.Range(0, 6).Select(_ => SignInAsync(authenticator, "alice@example.com", "correct horse"))];
        Task<AuthenticationResult> wrong = SignInAsync(authenticator, "alice@example.com", "wrong horse");
        await WaitUntilAsync(() => authenticator.VerificationsStarted >= 2);
        release.Set();
        AuthenticationResult[] results = await Task.WhenAll(devices);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.False((await wrong).Succeeded);
        Assert.Equal(2, Volatile.Read(ref calls)); // one for the six, one for the other password
    }

    [Fact]
    public async Task AuthenticateAsync_TheRequestThatStartedASharedCheckGoesAway_TheOthersStillSignIn()
    {
        using var release = new ManualResetEventSlim();
        using EasAuthenticator authenticator = Create(
            new AuthenticationOptions { DefaultDomain = "example.com", MaxConcurrentVerifications = 1, MaxQueuedVerifications = 5 },
            verify: (password, hash) =>
            {
                release.Wait(TimeSpan.FromSeconds(10));
                return PasswordHasher.Verify(password, hash);
            });
        Task<AuthenticationResult> blocker = SignInAsync(authenticator, "alice@example.com", "occupies the thread");
        await WaitUntilAsync(() => authenticator.VerificationsStarted == 1);
        using var gone = new CancellationTokenSource();
        Task<AuthenticationResult> first = authenticator.AuthenticateAsync(Basic("alice@example.com", "correct horse"), Phone, gone.Token);
        await WaitUntilAsync(() => authenticator.QueuedVerifications == 1);
        Task<AuthenticationResult> second = SignInAsync(authenticator, "alice@example.com", "correct horse");

        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        release.Set();

        Assert.True((await second).Succeeded);
        Assert.False((await blocker).Succeeded);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData(@"EXAMPLE\alice")]
    [InlineData("ALICE@Example.COM")]
    public async Task AuthenticateAsync_OtherUserNameForms_Succeed(string userName)
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await SignInAsync(authenticator, userName, "correct horse");

        Assert.True(result.Succeeded);
        Assert.Equal(alice.Id, result.UserId);
        Assert.Equal(userName, result.UserName);
    }

    [Fact]
    public async Task AuthenticateAsync_Alias_SucceedsWithThePrimaryAddress()
    {
        await store.Directory.AddAliasAsync(alice.Id, "a.smith@example.com", CancellationToken.None);
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await SignInAsync(authenticator, "a.smith@example.com", "correct horse");

        Assert.True(result.Succeeded);
        Assert.Equal("alice@example.com", result.Address);
    }

    [Fact]
    public async Task AuthenticateAsync_SecondRequest_IsServedFromTheCacheWithoutHashing()
    {
        using EasAuthenticator authenticator = Create();
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        AuthenticationResult second = await SignInAsync(authenticator, "alice", "correct horse");

        Assert.True(second.Succeeded);
        Assert.True(second.FromCache);
        Assert.Equal(1, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_CachedUserWrongPassword_IsVerifiedAndFails()
    {
        using EasAuthenticator authenticator = Create();
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "wrong");

        Assert.Equal(AuthenticationOutcome.Invalid, result.Outcome);
        Assert.Equal(AuthenticationFailureReason.WrongPassword, result.FailureReason);
        Assert.Equal(2, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_CacheLifetimeOver_HashesAgain()
    {
        using EasAuthenticator authenticator = Create();
        await SignInAsync(authenticator, "alice@example.com", "correct horse");
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.True(result.Succeeded);
        Assert.False(result.FromCache);
        Assert.Equal(2, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_CacheOff_HashesEveryTime()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { CacheLifetime = TimeSpan.Zero });
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.False(result.FromCache);
        Assert.Equal(2, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_PasswordChanged_OldPasswordFailsAtOnceAndNewOneIsVerified()
    {
        using EasAuthenticator authenticator = Create();
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        await store.Directory.SetPasswordHashAsync(alice.Id, PasswordHasher.Hash("battery staple", 1000), CancellationToken.None);
        AuthenticationResult old = await SignInAsync(authenticator, "alice@example.com", "correct horse");
        AuthenticationResult fresh = await SignInAsync(authenticator, "alice@example.com", "battery staple");

        Assert.Equal(AuthenticationOutcome.Invalid, old.Outcome);
        Assert.Equal(AuthenticationFailureReason.WrongPassword, old.FailureReason);
        Assert.True(fresh.Succeeded);
        Assert.False(fresh.FromCache);
        Assert.True(fresh.CredentialVersion > alice.CredentialVersion);
    }

    [Fact]
    public async Task AuthenticateAsync_UserDisabled_IsInvalidEvenWithTheRightCachedPassword()
    {
        using EasAuthenticator authenticator = Create();
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        await store.Directory.SetEnabledAsync(alice.Id, false, CancellationToken.None);
        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.Equal(AuthenticationOutcome.Invalid, result.Outcome);
        Assert.Equal(AuthenticationFailureReason.Disabled, result.FailureReason);
        Assert.Equal(0, result.UserId);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownUser_IsInvalidAfterADummyVerification()
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await SignInAsync(authenticator, "mallory@example.com", "anything");

        Assert.Equal(AuthenticationOutcome.Invalid, result.Outcome);
        Assert.Equal(AuthenticationFailureReason.UnknownUser, result.FailureReason);
        Assert.Equal(1, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_BareNameWithoutDefaultDomain_IsInvalid()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions());

        AuthenticationResult result = await SignInAsync(authenticator, "alice", "correct horse");

        Assert.Equal(AuthenticationOutcome.Invalid, result.Outcome);
        Assert.Equal(AuthenticationFailureReason.UnresolvableUserName, result.FailureReason);
        Assert.Equal(1, authenticator.VerificationsStarted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer token")]
    public async Task AuthenticateAsync_NoBasicCredentials_IsMissing(string? header)
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await authenticator.AuthenticateAsync(header, Phone, CancellationToken.None);

        Assert.Equal(AuthenticationOutcome.Missing, result.Outcome);
        Assert.Equal(0, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_MalformedBasic_IsInvalidWithoutVerification()
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await authenticator.AuthenticateAsync("Basic %%%", Phone, CancellationToken.None);

        Assert.Equal(AuthenticationOutcome.Invalid, result.Outcome);
        Assert.Equal(AuthenticationFailureReason.MalformedCredentials, result.FailureReason);
        Assert.Equal(0, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_WeakStoredHash_ReportsNeedsRehash()
    {
        using EasAuthenticator authenticator = Create();

        AuthenticationResult result = await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.True(result.NeedsRehash);
    }

    [Fact]
    public async Task AuthenticateAsync_UserFailsTooOften_IsLockedOutWithoutVerifyingUntilTheLockOutEnds()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { DefaultDomain = "example.com", MaxFailuresPerUser = 3, MaxFailuresPerAddress = 100 });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(AuthenticationOutcome.Invalid, (await SignInAsync(authenticator, "alice@example.com", "guess" + i, IPAddress.Parse("192.0.2." + (i + 1)))).Outcome);
        }

        long verifications = authenticator.VerificationsStarted;
        AuthenticationResult locked = await SignInAsync(authenticator, "alice", "correct horse", OtherPhone);

        Assert.Equal(AuthenticationOutcome.LockedOut, locked.Outcome);
        Assert.Equal(AuthenticationFailureReason.UserLockedOut, locked.FailureReason);
        Assert.Equal(TimeSpan.FromMinutes(15), locked.RetryAfter);
        Assert.Equal(verifications, authenticator.VerificationsStarted);
        Assert.True(logger.Has(2002));

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse", OtherPhone)).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_FailuresUnderAliasAndBareName_CountForTheSameUser()
    {
        await store.Directory.AddAliasAsync(alice.Id, "a.smith@example.com", CancellationToken.None);
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { DefaultDomain = "example.com", MaxFailuresPerUser = 3, MaxFailuresPerAddress = 100 });
        await SignInAsync(authenticator, "alice@example.com", "x");
        await SignInAsync(authenticator, "a.smith@example.com", "x");
        await SignInAsync(authenticator, @"EXAMPLE\alice", "x");

        AuthenticationResult result = await SignInAsync(authenticator, "alice", "correct horse");

        Assert.Equal(AuthenticationOutcome.LockedOut, result.Outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownNameFailingTooOften_IsLockedOutToo()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 2, MaxFailuresPerAddress = 100 });
        await SignInAsync(authenticator, "ghost@example.com", "x");
        await SignInAsync(authenticator, "ghost@example.com", "x");
        long verifications = authenticator.VerificationsStarted;

        AuthenticationResult result = await SignInAsync(authenticator, "ghost@example.com", "x");

        Assert.Equal(AuthenticationOutcome.LockedOut, result.Outcome);
        Assert.Equal(verifications, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_Success_ResetsTheUsersFailureCount()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 3, MaxFailuresPerAddress = 100 });
        await SignInAsync(authenticator, "alice@example.com", "wrong");
        await SignInAsync(authenticator, "alice@example.com", "wrong");
        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse")).Succeeded);

        await SignInAsync(authenticator, "alice@example.com", "wrong");
        await SignInAsync(authenticator, "alice@example.com", "wrong");

        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse")).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_FailuresOutsideTheWindow_DoNotLockOut()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 3, MaxFailuresPerAddress = 100 });
        await SignInAsync(authenticator, "alice@example.com", "wrong");
        await SignInAsync(authenticator, "alice@example.com", "wrong");
        time.Advance(TimeSpan.FromMinutes(16));
        await SignInAsync(authenticator, "alice@example.com", "wrong");

        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse")).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_AddressFailsTooOften_LocksOutThatAddressOnly()
    {
        await store.CreateUserAsync("bob@example.com", "bob's password");
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 100, MaxFailuresPerAddress = 3 });
        await SignInAsync(authenticator, "carol@example.com", "x");
        await SignInAsync(authenticator, "dave@example.com", "x");
        await SignInAsync(authenticator, "alice@example.com", "x");
        long verifications = authenticator.VerificationsStarted;

        AuthenticationResult fromAttacker = await SignInAsync(authenticator, "bob@example.com", "bob's password");
        AuthenticationResult fromElsewhere = await SignInAsync(authenticator, "bob@example.com", "bob's password", OtherPhone);

        Assert.Equal(AuthenticationOutcome.LockedOut, fromAttacker.Outcome);
        Assert.Equal(AuthenticationFailureReason.AddressLockedOut, fromAttacker.FailureReason);
        Assert.True(fromElsewhere.Succeeded);
        Assert.Equal(verifications + 1, authenticator.VerificationsStarted);
        Assert.True(logger.Has(2003));

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse")).Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_IPv6SourcesOfOneNetwork_CountTogether()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 100, MaxFailuresPerAddress = 2 });
        await SignInAsync(authenticator, "alice@example.com", "x", IPAddress.Parse("2001:db8:1:2::10"));
        await SignInAsync(authenticator, "alice@example.com", "x", IPAddress.Parse("2001:db8:1:2::20"));

        AuthenticationResult sameNetwork = await SignInAsync(authenticator, "alice@example.com", "correct horse", IPAddress.Parse("2001:db8:1:2:ffff::1"));
        AuthenticationResult otherNetwork = await SignInAsync(authenticator, "alice@example.com", "correct horse", IPAddress.Parse("2001:db8:1:3::1"));

        Assert.Equal(AuthenticationOutcome.LockedOut, sameNetwork.Outcome);
        Assert.True(otherNetwork.Succeeded);
    }

    [Theory]
    [InlineData("203.0.113.10", "203.0.113.10")]
    [InlineData("::ffff:203.0.113.10", "203.0.113.10")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    public void AddressKey_GroupsSources(string address, string key) =>
        Assert.Equal(key, EasAuthenticator.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public async Task AuthenticateAsync_NoRemoteAddress_SkipsTheAddressLockOut()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxFailuresPerUser = 100, MaxFailuresPerAddress = 1 });
        await authenticator.AuthenticateAsync(Basic("alice@example.com", "x"), null, CancellationToken.None);

        AuthenticationResult result = await authenticator.AuthenticateAsync(Basic("alice@example.com", "correct horse"), null, CancellationToken.None);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AuthenticateAsync_QueueFull_IsOverloadedAndQueuedWorkStillCompletes()
    {
        using var release = new ManualResetEventSlim();
        bool Blocking(string password, string hash)
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return PasswordHasher.Verify(password, hash);
        }

        var metrics = new EasMetrics(Metrics.NewCustomRegistry());
        using EasAuthenticator authenticator = Create(
            new AuthenticationOptions { MaxConcurrentVerifications = 1, MaxQueuedVerifications = 1, OverloadedRetryAfter = TimeSpan.FromSeconds(7) },
            metrics,
            Blocking);

        Task<AuthenticationResult> running = SignInAsync(authenticator, "alice@example.com", "correct horse");
        await WaitUntilAsync(() => authenticator.VerificationsStarted == 1);
        Task<AuthenticationResult> queued = SignInAsync(authenticator, "alice@example.com", "wrong");
        await WaitUntilAsync(() => authenticator.QueuedVerifications == 1);

        // Another password: the same one as a check under way would share it instead of queueing.
        AuthenticationResult refused = await SignInAsync(authenticator, "alice@example.com", "yet another");

        Assert.Equal(AuthenticationOutcome.Overloaded, refused.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(7), refused.RetryAfter);
        Assert.True(logger.Has(2005));
        release.Set();
        Assert.True((await running).Succeeded);
        Assert.Equal(AuthenticationOutcome.Invalid, (await queued).Outcome);
    }

    [Fact]
    public async Task AuthenticateAsync_CallerCancelsWhileQueued_IsCancelledAndSkipped()
    {
        using var release = new ManualResetEventSlim();
        bool Blocking(string password, string hash)
        {
            release.Wait(TimeSpan.FromSeconds(30));
            return PasswordHasher.Verify(password, hash);
        }

        using EasAuthenticator authenticator = Create(new AuthenticationOptions { MaxConcurrentVerifications = 1, MaxQueuedVerifications = 5 }, verify: Blocking);
        Task<AuthenticationResult> running = SignInAsync(authenticator, "alice@example.com", "correct horse");
        await WaitUntilAsync(() => authenticator.VerificationsStarted == 1);
        using var cancel = new CancellationTokenSource();
        Task<AuthenticationResult> queued = authenticator.AuthenticateAsync(Basic("alice@example.com", "x"), Phone, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.Set();
        Assert.True((await running).Succeeded);
        await WaitUntilAsync(() => authenticator.QueuedVerifications == 0);
        Assert.Equal(1, authenticator.VerificationsStarted);
    }

    [Fact]
    public async Task AuthenticateAsync_VerificationRunsOnDedicatedThreads()
    {
        string? threadName = null;
        bool? poolThread = null;
        bool Recording(string password, string hash)
        {
            threadName = Thread.CurrentThread.Name;
            poolThread = Thread.CurrentThread.IsThreadPoolThread;
            return PasswordHasher.Verify(password, hash);
        }

        using EasAuthenticator authenticator = Create(verify: Recording);
        await SignInAsync(authenticator, "alice@example.com", "correct horse");

        Assert.False(poolThread);
        Assert.StartsWith("pushbox-password-verifier-", threadName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthenticateAsync_Failures_AreLoggedWithUserAndAddressButNeverThePassword()
    {
        var metrics = new EasMetrics(Metrics.NewCustomRegistry());
        using EasAuthenticator authenticator = Create(metrics: metrics);

        await SignInAsync(authenticator, "alice@example.com", "Tr0ub4dor&3");
        await SignInAsync(authenticator, "nobody@example.com", "Tr0ub4dor&3");

        LogLine failed = Assert.Single(logger.Lines, l => l.EventId == 2001 && l.Message.Contains("alice", StringComparison.Ordinal));
        Assert.Contains("203.0.113.10", failed.Message, StringComparison.Ordinal);
        Assert.Contains("WrongPassword", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Tr0ub4dor", logger.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("alice@example.com:Tr0ub4dor&3")), logger.AllText, StringComparison.Ordinal);
        string exported = await ExportAsync(metrics);
        Assert.Contains("pushbox_eas_failed_logins_total{reason=\"wrong_password\"} 1", exported, StringComparison.Ordinal);
        Assert.Contains("pushbox_eas_failed_logins_total{reason=\"unknown_user\"} 1", exported, StringComparison.Ordinal);
    }

    [Fact]
    public void Challenge_NamesTheRealm()
    {
        using EasAuthenticator authenticator = Create(new AuthenticationOptions { Realm = "Mail" });

        Assert.Equal("Basic realm=\"Mail\", charset=\"UTF-8\"", authenticator.Challenge);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EasAuthenticator(store.Directory, new AuthenticationOptions { MaxQueuedVerifications = 0 }, time, new ListLogger<EasAuthenticator>()));
    }

    [Fact]
    public async Task PublicConstructor_UsesTheRealHasher()
    {
        using var authenticator = new EasAuthenticator(store.Directory, new AuthenticationOptions(), time, new ListLogger<EasAuthenticator>());

        Assert.True((await SignInAsync(authenticator, "alice@example.com", "correct horse")).Succeeded);
        Assert.Equal(AuthenticationOutcome.Invalid, (await SignInAsync(authenticator, "alice@example.com", "nope")).Outcome);
    }

    [Fact]
    public void DefaultDummyHash_HasTodaysCost() =>
        Assert.False(PasswordHasher.NeedsRehash(EasAuthenticator.DefaultDummyHash));

    private static async Task<string> ExportAsync(EasMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
