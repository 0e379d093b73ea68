using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Tests;

public class PasswordHasherTests
{
    [Fact]
    public void Hash_ThenVerify_AcceptsOnlyTheSamePassword()
    {
        string hash = PasswordHasher.Hash("correct horse", iterations: 1000);

        Assert.StartsWith("$pbkdf2-sha512$i=1000$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct horsE", hash));
        Assert.False(PasswordHasher.Verify(string.Empty, hash));
    }

    [Fact]
    public void Hash_SamePasswordTwice_UsesDifferentSalts()
    {
        Assert.NotEqual(PasswordHasher.Hash("pw", 1000), PasswordHasher.Hash("pw", 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("$pbkdf2-sha512$i=abc$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("$pbkdf2-sha512$i=1000$not base64$AAAA")]
    [InlineData("$pbkdf2-sha512$i=99999999999$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==")]
    public void Verify_MalformedHash_IsFalseNotAnException(string hash)
    {
        Assert.False(PasswordHasher.Verify("pw", hash));
        Assert.True(PasswordHasher.NeedsRehash(hash));
    }

    [Fact]
    public void NeedsRehash_FewerIterationsThanTheDefault_IsTrue()
    {
        Assert.True(PasswordHasher.NeedsRehash(PasswordHasher.Hash("pw", 1000)));
    }

    [Fact]
    public void Hash_EmptyOrHugePassword_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => PasswordHasher.Hash(string.Empty));
        Assert.Throws<ArgumentException>(() => PasswordHasher.Hash(new string('x', PasswordHasher.MaxPasswordLength + 1)));
        Assert.False(PasswordHasher.Verify(new string('x', PasswordHasher.MaxPasswordLength + 1), PasswordHasher.Hash("pw", 1000)));
    }
}
