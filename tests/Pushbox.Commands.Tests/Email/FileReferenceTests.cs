using Pushbox.Commands.Email;

namespace Pushbox.Commands.Tests.Email;

public class FileReferenceTests
{
    [Fact]
    public void FileReference_RoundTrips()
    {
        var reference = new EmailFileReference(12, 3456, 7);

        Assert.Equal("12:3456:7", reference.ToString());
        Assert.Equal("12:3456", reference.ServerId);
        Assert.True(EmailFileReference.TryParse("12:3456:7", out EmailFileReference parsed));
        Assert.Equal(reference, parsed);
    }

    [Fact]
    public void FileReference_LargestValues_RoundTrip()
    {
        var reference = new EmailFileReference(long.MaxValue, long.MaxValue, int.MaxValue);

        Assert.True(EmailFileReference.TryParse(reference.ToString(), out EmailFileReference parsed));
        Assert.Equal(reference, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1:2")]
    [InlineData("1:2:3:4")]
    [InlineData("-1:2:3")]
    [InlineData("+1:2:3")]
    [InlineData(" 1:2:3")]
    [InlineData("1:2:3 ")]
    [InlineData("1::3")]
    [InlineData("a:b:c")]
    [InlineData("1:2:2147483648")]
    [InlineData("1:9223372036854775808:0")]
    [InlineData("１:2:3")]
    [InlineData("00000000000000000000000000000000000000000000001:2:3")]
    public void FileReference_Malformed_IsRefused(string? text) => Assert.False(EmailFileReference.TryParse(text, out _));
}
