using System.Text;
using Pushbox.Http.Security;

namespace Pushbox.Http.Tests.Security;

public sealed class BasicCredentialsTests
{
    private static string Basic(string pair, Encoding? encoding = null) =>
        "Basic " + Convert.ToBase64String((encoding ?? Encoding.UTF8).GetBytes(pair));

    public static TheoryData<string, string, string> Parsed => new()
    {
        { Basic("alice@example.com:secret"), "alice@example.com", "secret" },
        { "basic " + Convert.ToBase64String("a:b"u8.ToArray()), "a", "b" },
        { "BASIC   " + Convert.ToBase64String("a:b"u8.ToArray()) + "  ", "a", "b" },
        { Basic(@"EXAMPLE\alice:pa:ss:word"), @"EXAMPLE\alice", "pa:ss:word" },
        { Basic("alice:"), "alice", string.Empty },
        { Basic("jürgen:pässwörd"), "jürgen", "pässwörd" },
        { Basic("jürgen:pässwörd", Encoding.Latin1), "jürgen", "pässwörd" },
        { Basic("ab:cd").TrimEnd('='), "ab", "cd" },
        { Basic("a:😀"), "a", "😀" },
    };

    [Theory]
    [MemberData(nameof(Parsed))]
    public void TryParse_ValidHeader_ReadsUserAndPassword(string header, string user, string password)
    {
        Assert.True(BasicCredentials.TryParse(header, out BasicCredentials? credentials));
        Assert.Equal(user, credentials.UserName);
        Assert.Equal(password, credentials.Password);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NoHeader_IsAbsent(string? header) =>
        Assert.Equal(BasicParseStatus.Absent, BasicCredentials.Parse(header, out _));

    [Theory]
    [InlineData("Bearer abc.def")]
    [InlineData("NTLM TlRMTVNTUAABAAAA")]
    [InlineData("Negotiate xyz")]
    [InlineData("Basicx YTpi")]
    public void Parse_OtherScheme_IsOtherScheme(string header) =>
        Assert.Equal(BasicParseStatus.OtherScheme, BasicCredentials.Parse(header, out _));

    public static TheoryData<string> Malformed => new()
    {
        "Basic",
        "Basic ",
        "Basic !!!notbase64!!!",
        "Basic YQ", // "a": no colon
        "Basic " + Convert.ToBase64String(":password"u8.ToArray()), // empty user
        "Basic " + Convert.ToBase64String("   :password"u8.ToArray()), // blank user
        "Basic " + Convert.ToBase64String("al\nice:pw"u8.ToArray()), // control character in the user name
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('u', 513) + ":pw")), // user too long
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + new string('p', 1025))), // password too long
        "Basic " + new string('A', 8200), // header too long
        "Basic YWJj=", // bad length
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_MalformedBasic_IsMalformed(string header)
    {
        Assert.Equal(BasicParseStatus.Malformed, BasicCredentials.Parse(header, out BasicCredentials? credentials));
        Assert.Null(credentials);
        Assert.False(BasicCredentials.TryParse(header, out _));
    }

    [Fact]
    public void Parse_LongestAllowedUserAndPassword_IsParsed()
    {
        string header = Basic(new string('u', BasicCredentials.MaxUserNameLength) + ":" + new string('p', BasicCredentials.MaxPasswordLength));

        Assert.True(BasicCredentials.TryParse(header, out BasicCredentials? credentials));
        Assert.Equal(BasicCredentials.MaxPasswordLength, credentials.Password.Length);
    }

    [Fact]
    public void ToString_NeverShowsThePassword()
    {
        Assert.True(BasicCredentials.TryParse(Basic("alice:hunter2"), out BasicCredentials? credentials));

        Assert.DoesNotContain("hunter2", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("alice", credentials.ToString(), StringComparison.Ordinal);
    }
}
