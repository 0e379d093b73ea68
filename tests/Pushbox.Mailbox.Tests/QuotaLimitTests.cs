using Pushbox.Mailbox.Quotas;

namespace Pushbox.Mailbox.Tests;

/// <summary>Sizes as administrators write them (binary units, as Exchange counts), and the level a mailbox is at.</summary>
public sealed class QuotaLimitTests
{
    [Theory]
    [InlineData("500MB", 500L * 1024 * 1024)]
    [InlineData("2GB", 2L * 1024 * 1024 * 1024)]
    [InlineData("1.5gb", 1536L * 1024 * 1024)]
    [InlineData(" 750 KB ", 750L * 1024)]
    [InlineData("1TB", 1L << 40)]
    [InlineData("4096", 4096L)]
    [InlineData("10B", 10L)]
    [InlineData("0", 0L)]
    public void TryParse_Sizes_AreBytes(string text, long bytes)
    {
        Assert.True(QuotaLimit.TryParse(text, out QuotaLimit limit));
        Assert.Equal(bytes, limit.Bytes);
        Assert.False(limit.IsUnlimited || limit.IsDefault);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("-5MB")]
    [InlineData("GB")]
    [InlineData("5 XB")]
    [InlineData("2048TB")]
    [InlineData("1e3")]
    public void TryParse_NotASize_IsRefused(string text) => Assert.False(QuotaLimit.TryParse(text, out _));

    [Fact]
    public void TryParse_UnlimitedAndDefault_AndTheirStoredForms()
    {
        Assert.True(QuotaLimit.TryParse("Unlimited", out QuotaLimit unlimited));
        Assert.True(QuotaLimit.TryParse("DEFAULT", out QuotaLimit byDefault));

        Assert.True(unlimited.IsUnlimited);
        Assert.True(byDefault.IsDefault);
        Assert.Equal((-1L, (long?)null, 123L), (unlimited.ToStored()!.Value, byDefault.ToStored(), QuotaLimit.Of(123).ToStored()!.Value));
        Assert.Equal([unlimited, byDefault, QuotaLimit.Of(123)], new long?[] { -1, null, 123 }.Select(QuotaLimit.FromStored));
    }

    [Theory]
    [InlineData(2L * 1024 * 1024 * 1024, "2GB")]
    [InlineData(1536L * 1024 * 1024, "1.5GB")]
    [InlineData(512L * 1024, "512KB")]
    [InlineData(17L, "17B")]
    public void ToString_ReadsBackAsTheSameSize(long bytes, string text)
    {
        Assert.Equal(text, QuotaLimit.Of(bytes).ToString());
        Assert.True(QuotaLimit.TryParse(text, out QuotaLimit back));
        Assert.Equal(bytes, back.Bytes);
    }

    [Fact]
    public void UserQuota_Or_TakesTheDefaultOnlyWhereTheUserHasNone()
    {
        var defaults = new UserQuota(QuotaLimit.Of(100), QuotaLimit.Of(200), QuotaLimit.Of(300));
        var own = new UserQuota(QuotaLimit.Default, QuotaLimit.Unlimited, QuotaLimit.Of(50));

        Assert.Equal(new UserQuota(QuotaLimit.Of(100), QuotaLimit.Unlimited, QuotaLimit.Of(50)), own.Or(defaults));
    }

    [Theory]
    [InlineData(99, QuotaLevel.Normal, false, false)]
    [InlineData(100, QuotaLevel.Warning, false, false)]
    [InlineData(200, QuotaLevel.ProhibitSend, true, false)]
    [InlineData(300, QuotaLevel.ProhibitSendReceive, true, true)]
    public void QuotaStatus_Level_IsTheHighestLimitReached(long bytes, QuotaLevel level, bool sendProhibited, bool receiveProhibited)
    {
        var status = new QuotaStatus(bytes, new UserQuota(QuotaLimit.Of(100), QuotaLimit.Of(200), QuotaLimit.Of(300)));

        Assert.Equal((level, sendProhibited, receiveProhibited), (status.Level, status.SendProhibited, status.ReceiveProhibited));
        Assert.Equal(QuotaLevel.Normal, new QuotaStatus(long.MaxValue, UserQuota.Unlimited).Level);
    }

    [Fact]
    public void QuotaOptions_Validate_NamesTheBadSetting_AndDefaultIsNotAServerValue()
    {
        Assert.Empty(new QuotaOptions().Validate());
        Assert.Equal(UserQuota.Unlimited, new QuotaOptions().Defaults);
        var bad = new QuotaOptions { WarningSize = "1.9GB", ProhibitSendSize = "two gigs", ProhibitSendReceiveSize = "default" };

        IReadOnlyList<string> errors = bad.Validate();

        Assert.Equal(2, errors.Count);
        Assert.Contains("Quota:ProhibitSendSize", errors[0], StringComparison.Ordinal);
        Assert.Contains("Quota:ProhibitSendReceiveSize", errors[1], StringComparison.Ordinal);
    }
}
