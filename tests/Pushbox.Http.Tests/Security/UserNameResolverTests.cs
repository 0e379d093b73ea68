using Pushbox.Http.Security;

namespace Pushbox.Http.Tests.Security;

public sealed class UserNameResolverTests
{
    [Theory]
    [InlineData("alice@example.com", "example.com", "alice@example.com")]
    [InlineData("alice@EXAMPLE.com", null, "alice@example.com")]
    [InlineData("  alice@example.com ", null, "alice@example.com")]
    [InlineData(@"EXAMPLE\alice", "example.com", "alice@example.com")]
    [InlineData(@"corp.example.com\alice", "example.org", "alice@example.org")]
    [InlineData(@"EXAMPLE\alice@example.net", null, "alice@example.net")]
    [InlineData("alice", "example.com", "alice@example.com")]
    [InlineData("alice", "EXAMPLE.COM", "alice@example.com")]
    [InlineData("alice", "@example.com", "alice@example.com")]
    public void TryResolve_KnownForms_GiveTheAddress(string userName, string? defaultDomain, string expected)
    {
        var resolver = new UserNameResolver(defaultDomain);

        Assert.True(resolver.TryResolve(userName, out string? address));
        Assert.Equal(expected, address);
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData(@"EXAMPLE\alice", null)]
    [InlineData("", "example.com")]
    [InlineData(@"EXAMPLE\", "example.com")]
    [InlineData(@"A\B\alice", "example.com")]
    [InlineData("not an address@", "example.com")]
    [InlineData("a b", "example.com")]
    [InlineData("Alice <alice@example.com>", null)]
    public void TryResolve_Unusable_IsFalse(string userName, string? defaultDomain)
    {
        var resolver = new UserNameResolver(defaultDomain);

        Assert.False(resolver.TryResolve(userName, out string? address));
        Assert.Null(address);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("a@b.com")]
    public void Constructor_BadDefaultDomain_Throws(string domain) =>
        Assert.Throws<ArgumentException>(() => new UserNameResolver(domain));

    [Fact]
    public void DefaultDomain_IsNormalised() =>
        Assert.Equal("example.com", new UserNameResolver(" Example.COM ").DefaultDomain);
}
