using Pushbox.Commands.Policies;
using Pushbox.Mailbox.Policies;
using Pushbox.Protocol.Commands.AirSyncBase;
using Pushbox.Protocol.Commands.Provision;
using Pushbox.Protocol.Commands.Sync;

namespace Pushbox.Commands.Tests.Policies;

/// <summary>How a policy's settings (MS-ASPROV 2.2.2) turn the options a device asks for into the options served.</summary>
public sealed class PolicyCapsTests
{
    [Theory]
    [InlineData(0, null, null)] // no cap: as asked
    [InlineData(0, 0, 0)]
    [InlineData(3, null, 3)] // absent means all: the policy's window (MS-ASPROV_R257)
    [InlineData(3, 0, 3)] // "all"
    [InlineData(3, 5, 3)] // wider
    [InlineData(3, 4, 3)]
    [InlineData(3, 3, 3)]
    [InlineData(3, 1, 1)] // narrower: kept
    [InlineData(3, 7, 3)] // no email window
    [InlineData(5, 6, 5)]
    public void CapEmailFilterType_NeverWiderThanMaxEmailAgeFilter(int max, int? requested, int? expected)
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailAgeFilter = max });

        Assert.Equal(expected, caps.CapEmailFilterType(requested));
        Assert.Equal(expected, caps.CapEmailFilterType(caps.CapEmailFilterType(requested))); // idempotent: no Status 3 loop
    }

    [Theory]
    [InlineData(0, null, null)] // no cap: as asked
    [InlineData(0, 0, 0)]
    [InlineData(5, null, 5)] // absent means all: the policy's window
    [InlineData(5, 0, 5)] // "all"
    [InlineData(5, 7, 5)] // wider
    [InlineData(5, 6, 5)]
    [InlineData(5, 5, 5)]
    [InlineData(5, 4, 4)] // narrower: kept
    [InlineData(6, 2, 6)] // no calendar window (1 to 3 are email-only)
    [InlineData(7, 8, 7)] // 8 (incomplete tasks) is no calendar window
    public void CapCalendarFilterType_NeverWiderThanMaxCalendarAgeFilter(int max, int? requested, int? expected)
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxCalendarAgeFilter = max });

        Assert.Equal(expected, caps.CapCalendarFilterType(requested));
        Assert.Equal(expected, caps.CapCalendarFilterType(caps.CapCalendarFilterType(requested))); // idempotent: no Status 3 loop
        Assert.Equal(expected, caps.CapCalendar(new SyncOptions(null, requested, null, null, ItemBodyOptions.None)).FilterType);
    }

    [Theory]
    [InlineData(null, 2048L)] // whole body asked: the cap, in KB
    [InlineData(100_000L, 2048L)]
    [InlineData(500L, 500L)] // smaller asked: kept
    public void CapBody_PlainText_CappedByMaxEmailBodyTruncationSizeInKilobytes(long? asked, long expected)
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 2 });

        ItemBodyOptions body = caps.CapBody(Prefs(new BodyPreference(BodyType.PlainText, asked)));

        Assert.Equal([new BodyPreference(BodyType.PlainText, expected)], body.BodyPreferences);
    }

    [Fact]
    public void CapBody_Html_CappedByMaxEmailHTMLBodyTruncationSize_PlainTextByItsOwn()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 1, MaxEmailHTMLBodyTruncationSize = 4 });

        ItemBodyOptions body = caps.CapBody(Prefs(new BodyPreference(BodyType.Html, null, true, 100), new BodyPreference(BodyType.PlainText)));

        Assert.Equal([new BodyPreference(BodyType.Html, 4096, true, 100), new BodyPreference(BodyType.PlainText, 1024)], body.BodyPreferences);
    }

    [Fact]
    public void CapBody_ZeroKilobytes_IsHeadersOnly()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 0 });

        Assert.Equal([new BodyPreference(BodyType.PlainText, 0)], caps.CapBody(Prefs(new BodyPreference(BodyType.PlainText))).BodyPreferences);
    }

    [Fact]
    public void CapBody_HtmlNotAllowed_HtmlAndMimeBecomePlainTextWithThePlainTextCap()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { AllowHTMLEmail = false, MaxEmailBodyTruncationSize = 1 });

        ItemBodyOptions body = caps.CapBody(Prefs(new BodyPreference(BodyType.Html, 50_000), new BodyPreference(BodyType.Mime)) with { MimeSupport = 2 });

        Assert.Equal([new BodyPreference(BodyType.PlainText, 1024), new BodyPreference(BodyType.PlainText, 1024)], body.BodyPreferences);
        Assert.Equal(0, body.MimeSupport);
    }

    [Fact]
    public void CapBody_AttachmentsDisabled_MimeBecomesPlainText()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { AttachmentsEnabled = false });

        ItemBodyOptions body = caps.CapBody(Prefs(new BodyPreference(BodyType.Mime, 10_000)));

        Assert.Equal([new BodyPreference(BodyType.PlainText, 10_000)], body.BodyPreferences);
    }

    [Fact]
    public void CapBody_MimeAllowed_CappedByTheSmallerBodyCap()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 8, MaxEmailHTMLBodyTruncationSize = 2 });

        Assert.Equal([new BodyPreference(BodyType.Mime, 2048)], caps.CapBody(Prefs(new BodyPreference(BodyType.Mime))).BodyPreferences);
    }

    [Fact]
    public void CapBody_NoPreference_GetsPlainTextWithTheCap()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 1 });

        Assert.Equal([new BodyPreference(BodyType.PlainText, 1024)], caps.CapBody(ItemBodyOptions.None).BodyPreferences);
    }

    [Theory]
    [InlineData(null, 2)] // absent: all; 1 KB allows code 2 (1,024 bytes)
    [InlineData(9, 2)]
    [InlineData(8, 2)]
    [InlineData(1, 1)] // 512 bytes fits
    public void CapBody_LegacyTruncationCode_LoweredToTheLargestWithinTheCap(int? asked, int expected)
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailBodyTruncationSize = 1 });

        Assert.Equal(expected, caps.CapBody(ItemBodyOptions.None with { Truncation = asked }).Truncation);
    }

    [Fact]
    public void CapBody_LegacyMimeTruncation_LoweredToTheCap()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailHTMLBodyTruncationSize = 10 });

        ItemBodyOptions body = caps.CapBody(ItemBodyOptions.None with { MimeSupport = 2, MimeTruncation = 8 });

        Assert.Equal((2, 4), (body.MimeSupport, body.MimeTruncation)); // 10,240 bytes: code 4
    }

    [Fact]
    public void NoPolicy_CapsNothing()
    {
        var options = new SyncOptions(null, 0, null, null, Prefs(new BodyPreference(BodyType.Html)));

        Assert.Same(options, PolicyCaps.None.CapEmail(options));
        Assert.Same(options, PolicyCaps.From(new EasProvisionDoc()).CapEmail(options));
        Assert.Null(PolicyCaps.None.Attachment(long.MaxValue));
        Assert.Same(PolicyCaps.None, PolicyCaps.Of(null));
    }

    [Fact]
    public void CapEmail_AppliesFilterAndBody()
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { MaxEmailAgeFilter = 2, MaxEmailBodyTruncationSize = 1 });

        SyncOptions capped = caps.CapEmail(new SyncOptions(null, 0, 1, null, Prefs(new BodyPreference(BodyType.PlainText))));

        Assert.Equal(new SyncOptions(null, 2, 1, null, capped.Body), capped);
        Assert.Equal([new BodyPreference(BodyType.PlainText, 1024)], capped.Body.BodyPreferences);
    }

    [Theory]
    [InlineData(true, null, 1_000_000L, null)]
    [InlineData(false, null, 1L, AttachmentRefusal.Disabled)]
    [InlineData(true, 1000L, 1000L, null)]
    [InlineData(true, 1000L, 1001L, AttachmentRefusal.TooLarge)] // MaxAttachmentSize is in bytes (MS-ASPROV_R738)
    public void Attachment_RefusedWhenDisabledOrLargerThanMaxAttachmentSize(bool enabled, long? max, long size, AttachmentRefusal? expected)
    {
        PolicyCaps caps = PolicyCaps.From(new EasProvisionDoc { AttachmentsEnabled = enabled, MaxAttachmentSize = max });

        Assert.Equal(expected, caps.Attachment(size));
    }

    [Fact]
    public void Of_ReadsTheStoredSettings_UnreadableOnesAreTheStrictest()
    {
        Policy Stored(string json) => new(1, "P", json, 1, true, false, DateTimeOffset.UnixEpoch);

        Assert.Equal(3, PolicyCaps.Of(Stored("{\"MaxEmailAgeFilter\": 3, \"AttachmentsEnabled\": false}")).MaxEmailAgeFilter);
        Assert.False(PolicyCaps.Of(Stored("{\"AttachmentsEnabled\": false}")).AttachmentsEnabled);
        Assert.Same(PolicyCaps.Strictest, PolicyCaps.Of(Stored("not json")));
        Assert.Same(PolicyCaps.Strictest, PolicyCaps.Of(Stored("{\"MaxEmailAgeFilter\": 9}")));
    }

    private static ItemBodyOptions Prefs(params BodyPreference[] preferences) => new(preferences, []);
}
