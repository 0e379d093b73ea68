namespace Pushbox.Protocol.Tests;

public class EasVersionTests
{
    public static TheoryData<string, byte, int, int> Versions => new()
    {
        // MS-ASHTTP 2.2.1.1.2.6 spellings; 2.2.1.1.1.1 protocol version byte = the version without its dot.
        { "2.5", 25, 2, 5 },
        { "12.0", 120, 12, 0 },
        { "12.1", 121, 12, 1 },
        { "14.0", 140, 14, 0 },
        { "14.1", 141, 14, 1 },
        { "16.0", 160, 16, 0 },
        { "16.1", 161, 16, 1 },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void Version_ParsesPrintsAndMapsItsQueryByte_BothWays(string text, byte queryByte, int major, int minor)
    {
        Assert.True(EasVersion.TryParse(text, out EasVersion parsed));
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(major, parsed.Major);
        Assert.Equal(minor, parsed.Minor);
        Assert.Equal(queryByte, parsed.ToQueryByte());
        Assert.True(EasVersion.TryFromQueryByte(queryByte, out EasVersion fromByte));
        Assert.Equal(parsed, fromByte);
    }

    [Fact]
    public void StaticProperties_AreTheSevenVersions_InAscendingOrder()
    {
        Assert.Equal(
            [EasVersion.V25, EasVersion.V120, EasVersion.V121, EasVersion.V140, EasVersion.V141, EasVersion.V160, EasVersion.V161],
            EasVersion.All);
        Assert.Equal(["2.5", "12.0", "12.1", "14.0", "14.1", "16.0", "16.1"], EasVersion.All.Select(v => v.ToString()));
        Assert.Equal(EasVersion.All.Order(), EasVersion.All);
        Assert.Equal(EasVersion.V161, EasVersion.Latest);
    }

    [Fact]
    public void Ordering_FollowsMajorThenMinor_NotTheString()
    {
        for (int i = 0; i < EasVersion.All.Count; i++)
        {
            for (int j = 0; j < EasVersion.All.Count; j++)
            {
                EasVersion a = EasVersion.All[i];
                EasVersion b = EasVersion.All[j];
                Assert.Equal(i.CompareTo(j), Math.Sign(a.CompareTo(b)));
                Assert.Equal(i < j, a < b);
                Assert.Equal(i <= j, a <= b);
                Assert.Equal(i > j, a > b);
                Assert.Equal(i >= j, a >= b);
                Assert.Equal(i == j, a == b);
                Assert.Equal(i != j, a != b);
                Assert.Equal(i == j, a.Equals((object)b));
                Assert.Equal(i == j, a.GetHashCode() == b.GetHashCode());
            }
        }

        // "2.5" > "16.1" as strings; as versions it is the oldest.
        Assert.True(EasVersion.V25 < EasVersion.V161);
    }

    [Fact]
    public void SupportedHeaderValue_ListsAllVersionsAscending_SoClientsPickTheLast()
    {
        Assert.Equal("2.5,12.0,12.1,14.0,14.1,16.0,16.1", EasVersion.SupportedHeaderValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("14")]
    [InlineData("14.")]
    [InlineData("14.10")]
    [InlineData("014.1")]
    [InlineData(" 14.1")]
    [InlineData("14.1 ")]
    [InlineData("2.50")]
    [InlineData("2.0")]
    [InlineData("2.1")]
    [InlineData("16.2")]
    [InlineData("14,1")]
    [InlineData("141")]
    [InlineData("v14.1")]
    public void TryParse_AnythingButTheSpecSpelling_IsFalse(string? text)
    {
        Assert.False(EasVersion.TryParse(text, out EasVersion version));
        Assert.Equal(default, version);
    }

    [Fact]
    public void TryFromQueryByte_EveryOtherByte_IsFalse()
    {
        byte[] valid = [25, 120, 121, 140, 141, 160, 161];
        for (int b = 0; b <= byte.MaxValue; b++)
        {
            Assert.Equal(valid.Contains((byte)b), EasVersion.TryFromQueryByte((byte)b, out _));
        }
    }

    [Theory]
    [InlineData("2.5", false)]
    [InlineData("12.0", false)]
    [InlineData("12.1", true)]
    [InlineData("14.0", true)]
    [InlineData("14.1", true)]
    [InlineData("16.0", true)]
    [InlineData("16.1", true)]
    public void SupportsBase64Query_From121On_PerMsAsHttp221111(string text, bool expected)
    {
        Assert.True(EasVersion.TryParse(text, out EasVersion version));
        Assert.Equal(expected, version.SupportsBase64Query);
    }

    [Fact]
    public void Default_IsNoProtocolVersion_AndSortsFirst()
    {
        EasVersion none = default;
        Assert.Equal("0.0", none.ToString());
        Assert.Equal(0, none.ToQueryByte());
        Assert.DoesNotContain(none, EasVersion.All);
        Assert.True(none < EasVersion.V25);
    }
}
