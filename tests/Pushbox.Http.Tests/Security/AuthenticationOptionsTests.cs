using Pushbox.Http.Security;

namespace Pushbox.Http.Tests.Security;

public sealed class AuthenticationOptionsTests
{
    [Fact]
    public void Defaults_AreValidAndAsDocumented()
    {
        var options = new AuthenticationOptions();

        Assert.Empty(options.Validate());
        Assert.Equal("Pushbox", options.Realm);
        Assert.Null(options.DefaultDomain);
        Assert.Equal(TimeSpan.FromMinutes(5), options.CacheLifetime);
        Assert.Equal(10, options.MaxFailuresPerUser);
        Assert.Equal(30, options.MaxFailuresPerAddress);
        Assert.Equal(TimeSpan.FromMinutes(15), options.FailureWindow);
        Assert.Equal(TimeSpan.FromMinutes(15), options.LockoutDuration);
        Assert.Equal(Environment.ProcessorCount, options.MaxConcurrentVerifications);
        Assert.Equal(1000, options.MaxQueuedVerifications);
    }

    public static TheoryData<Action<AuthenticationOptions>, string> Invalid => new()
    {
        { o => o.Realm = "", "Realm" },
        { o => o.Realm = "a\"b", "Realm" },
        { o => o.DefaultDomain = "not a domain", "DefaultDomain" },
        { o => o.CacheLifetime = TimeSpan.FromSeconds(-1), "CacheLifetime" },
        { o => o.FailureWindow = TimeSpan.Zero, "FailureWindow" },
        { o => o.LockoutDuration = TimeSpan.FromDays(2), "LockoutDuration" },
        { o => o.MaxFailuresPerUser = -1, "MaxFailuresPerUser" },
        { o => o.MaxFailuresPerAddress = -1, "MaxFailuresPerAddress" },
        { o => o.MaxConcurrentVerifications = 0, "MaxConcurrentVerifications" },
        { o => o.MaxQueuedVerifications = 0, "MaxQueuedVerifications" },
        { o => o.MaxTrackedFailureKeys = 1, "MaxTrackedFailureKeys" },
        { o => o.MaxCachedUsers = 0, "MaxCachedUsers" },
        { o => o.OverloadedRetryAfter = TimeSpan.Zero, "OverloadedRetryAfter" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadSetting_IsNamed(Action<AuthenticationOptions> change, string setting)
    {
        var options = new AuthenticationOptions();
        change(options);

        Assert.Contains(options.Validate(), e => e.StartsWith("Authentication:" + setting, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ZeroTurnsFeaturesOff()
    {
        var options = new AuthenticationOptions { CacheLifetime = TimeSpan.Zero, MaxFailuresPerUser = 0, MaxFailuresPerAddress = 0 };

        Assert.Empty(options.Validate());
    }
}
