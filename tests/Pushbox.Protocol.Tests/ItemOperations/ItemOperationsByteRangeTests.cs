using Pushbox.Protocol.Commands.ItemOperations;

namespace Pushbox.Protocol.Tests.ItemOperations;

public class ItemOperationsByteRangeTests
{
    [Theory]
    [InlineData("0-0", 0, 0)]
    [InlineData("0-4095", 0, 4095)]
    [InlineData("4096-8191", 4096, 8191)]
    [InlineData("007-010", 7, 10)]
    [InlineData("999999999-999999999", 999_999_999, 999_999_999)]
    [InlineData(" 1-2\r\n", 1, 2)]
    public void TryParse_SchemaForm_IsRead(string text, long first, long last)
    {
        Assert.True(ItemOperationsByteRange.TryParse(text, out ItemOperationsByteRange range));
        Assert.Equal(first, range.First);
        Assert.Equal(last, range.Last);
        Assert.Equal(last - first + 1, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("0")]
    [InlineData("0-")]
    [InlineData("-5")]
    [InlineData("5-3")]
    [InlineData("1 - 2")]
    [InlineData("1- 2")]
    [InlineData("+1-2")]
    [InlineData("1-+2")]
    [InlineData("-1-2")]
    [InlineData("1-2-3")]
    [InlineData("0x1-2")]
    [InlineData("a-b")]
    [InlineData("1.5-2")]
    [InlineData("0-1000000000")]
    [InlineData("1000000000-1000000001")]
    [InlineData("1–2")]
    [InlineData("１-２")]
    [InlineData("٣-٤")]
    [InlineData("1_000-2_000")]
    public void TryParse_AnythingElse_IsRefused(string text) =>
        Assert.False(ItemOperationsByteRange.TryParse(text, out _));

    [Fact]
    public void ToString_IsTheSchemaForm() =>
        Assert.Equal("12-345", new ItemOperationsByteRange(12, 345).ToString());

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(2, 1)]
    [InlineData(0, 1_000_000_000)]
    public void Constructor_OutOfRange_Throws(long first, long last) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ItemOperationsByteRange(first, last));
}
