using Pushbox.Mailbox.Users;

namespace Pushbox.Mailbox.Tests;

public class EmailAddressTests
{
    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("  Alice.Smith@EXAMPLE.Com ", "Alice.Smith@example.com")]
    [InlineData("bob+tag@mail.example.org", "bob+tag@mail.example.org")]
    [InlineData("root@localhost", "root@localhost")]
    [InlineData("jörg@bücher.example", "jörg@xn--bcher-kva.example")]
    public void Normalize_ValidAddress_KeepsLocalPartAndLowersDomain(string input, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(input));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@example")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com, bob@example.com")]
    [InlineData("al ice@example.com")]
    [InlineData("alice@exa\u0001mple.com")]
    public void Normalize_NotOnePlainAddress_IsRefusedWithInvalidAddress(string input)
    {
        var e = Assert.Throws<MailboxException>(() => EmailAddress.Normalize(input));

        Assert.Equal(MailboxErrorReason.InvalidAddress, e.Reason);
        Assert.False(EmailAddress.TryNormalize(input, out _));
    }

    [Fact]
    public void Normalize_TooLong_IsRefused()
    {
        Assert.False(EmailAddress.TryNormalize(new string('a', 250) + "@example.com", out _));
    }
}
