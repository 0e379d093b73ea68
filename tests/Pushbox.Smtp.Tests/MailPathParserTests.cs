using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Tests;

public sealed class MailPathParserTests
{
    [Theory]
    [InlineData("FROM:<alice@example.com>", "alice@example.com")]
    [InlineData("from:<alice@example.com>", "alice@example.com")]
    [InlineData("FROM: <alice@example.com>", "alice@example.com")]
    [InlineData("FROM:alice@example.com", "alice@example.com")]
    [InlineData("FROM:<@a.test,@b.test:alice@example.com>", "alice@example.com")]
    [InlineData("FROM:<\"john doe\"@example.com>", "\"john doe\"@example.com")]
    [InlineData("FROM:<\"a>b\"@example.com>", "\"a>b\"@example.com")]
    [InlineData("FROM:<\"a\\\"b\"@example.com>", "\"a\\\"b\"@example.com")]
    [InlineData("FROM:<user+tag@sub.example.com>", "user+tag@sub.example.com")]
    [InlineData("FROM:<a@[192.0.2.1]>", "a@[192.0.2.1]")]
    [InlineData("FROM:<a@[IPv6:2001:db8::1]>", "a@[IPv6:2001:db8::1]")]
    [InlineData("FROM:<a@localhost>", "a@localhost")]
    [InlineData("TO:<Postmaster>", "Postmaster")]
    public void Parse_ValidPaths(string argument, string address)
    {
        string keyword = argument.StartsWith("TO", StringComparison.OrdinalIgnoreCase) ? "TO" : "FROM";

        Assert.Equal(PathStatus.Ok, MailPathParser.Parse(argument, keyword, out MailPath path, out IReadOnlyList<EsmtpParameter> parameters));

        Assert.Equal(address, path.Address);
        Assert.False(path.IsNull);
        Assert.Empty(parameters);
    }

    [Fact]
    public void Parse_NullPath()
    {
        Assert.Equal(PathStatus.Ok, MailPathParser.Parse("FROM:<>", "FROM", out MailPath path, out _));

        Assert.True(path.IsNull);
        Assert.Equal(string.Empty, path.Address);
    }

    [Fact]
    public void Parse_Parameters()
    {
        Assert.Equal(PathStatus.Ok, MailPathParser.Parse("FROM:<a@b.test>  SIZE=1000 BODY=8BITMIME SMTPUTF8", "FROM", out _, out IReadOnlyList<EsmtpParameter> parameters));

        Assert.Equal([new("SIZE", "1000"), new("BODY", "8BITMIME"), new("SMTPUTF8", null)], parameters);
    }

    [Fact]
    public void Parse_NonAsciiMailbox_IsFlagged()
    {
        Assert.Equal(PathStatus.Ok, MailPathParser.Parse("TO:<jörg@bücher.example>", "TO", out MailPath path, out _));

        Assert.True(path.HasNonAscii);
    }

    [Theory]
    [InlineData("FROM<a@b.test>", nameof(PathStatus.Syntax))]
    [InlineData("TO:<a@b.test>", nameof(PathStatus.Syntax))]
    [InlineData("FROM:", nameof(PathStatus.Syntax))]
    [InlineData("FROM:<a@b.test", nameof(PathStatus.Syntax))]
    [InlineData("FROM:<a@b.test>x", nameof(PathStatus.Syntax))]
    [InlineData("FROM:<a b@c.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a@>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<@b.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a..b@c.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<.a@c.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a@-c.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a@c..test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a@[999.1.1.1]>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<a(comment)@c.test>", nameof(PathStatus.BadAddress))]
    [InlineData("FROM:<\"unterminated@c.test>", nameof(PathStatus.Syntax))]
    [InlineData("FROM:<a@b.test> =x", nameof(PathStatus.BadParameter))]
    [InlineData("FROM:<a@b.test> SIZE=", nameof(PathStatus.BadParameter))]
    [InlineData("FROM:<a@b.test> -X=1", nameof(PathStatus.BadParameter))]
    public void Parse_Invalid(string argument, string expected)
    {
        Assert.Equal(Enum.Parse<PathStatus>(expected), MailPathParser.Parse(argument, "FROM", out _, out _));
    }

    [Fact]
    public void Parse_LocalPartOver64Octets_IsBadAddress()
    {
        Assert.Equal(PathStatus.BadAddress, MailPathParser.Parse($"FROM:<{new string('a', 65)}@b.test>", "FROM", out _, out _));
        Assert.Equal(PathStatus.Ok, MailPathParser.Parse($"FROM:<{new string('a', 64)}@b.test>", "FROM", out _, out _));
    }

    [Fact]
    public void Parse_PathOver256Octets_IsBadAddress()
    {
        string domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4));
        Assert.Equal(PathStatus.BadAddress, MailPathParser.Parse($"FROM:<{new string('a', 20)}@{domain}>", "FROM", out _, out _));
    }
}
