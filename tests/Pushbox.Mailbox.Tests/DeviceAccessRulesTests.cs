using Pushbox.Mailbox.Devices;

namespace Pushbox.Mailbox.Tests;

/// <summary>
/// How a device's access is decided (Exchange's order): the per-device decision, then the matching rules with the
/// most restrictive winning, then the default access level.
/// </summary>
public sealed class DeviceAccessRulesTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decide_NoRuleMatches_IsTheDefault()
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Quarantined, [Rule(DeviceCharacteristic.DeviceType, "Android", DeviceAccessState.Blocked)]);

        Assert.Equal(DeviceAccessState.Quarantined, rules.Decide(Phone()));
        Assert.Equal(DeviceAccessState.Allowed, DeviceAccessRules.AllowAll.Decide(Phone()));
    }

    [Theory]
    [InlineData(DeviceCharacteristic.DeviceType, "iphone")]
    [InlineData(DeviceCharacteristic.DeviceType, "IPHONE")]
    [InlineData(DeviceCharacteristic.Model, "iPhone15,2")]
    [InlineData(DeviceCharacteristic.UserAgent, "Apple-iPhone*")]
    [InlineData(DeviceCharacteristic.OS, "iOS 17*")]
    public void Decide_ARuleMatchingAnyCharacteristic_GivesItsLevel(DeviceCharacteristic characteristic, string pattern)
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Allowed, [Rule(characteristic, pattern, DeviceAccessState.Blocked)]);

        Assert.Equal(DeviceAccessState.Blocked, rules.Decide(Phone()));
    }

    [Theory]
    [InlineData(DeviceCharacteristic.DeviceType, "iPhon")]
    [InlineData(DeviceCharacteristic.UserAgent, "Apple-iPhone")]
    [InlineData(DeviceCharacteristic.UserAgent, "iPhone*")]
    [InlineData(DeviceCharacteristic.Model, "iPhone15,2 Pro")]
    public void Decide_APatternMatchesTheWholeValueOrAPrefixWithStar_NothingElse(DeviceCharacteristic characteristic, string pattern)
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Allowed, [Rule(characteristic, pattern, DeviceAccessState.Blocked)]);

        Assert.Equal(DeviceAccessState.Allowed, rules.Decide(Phone()));
    }

    [Fact]
    public void Decide_ModelAndOSRules_NeverMatchADeviceThatDidNotReportThem()
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Allowed, [Rule(DeviceCharacteristic.Model, "*x", DeviceAccessState.Blocked), Rule(DeviceCharacteristic.OS, "i*", DeviceAccessState.Blocked)]);

        Assert.Equal(DeviceAccessState.Allowed, rules.Decide(Phone() with { Information = DeviceInformation.None }));
    }

    [Theory]
    [InlineData(DeviceAccessState.Allowed, DeviceAccessState.Quarantined, DeviceAccessState.Quarantined)]
    [InlineData(DeviceAccessState.Quarantined, DeviceAccessState.Allowed, DeviceAccessState.Quarantined)]
    [InlineData(DeviceAccessState.Blocked, DeviceAccessState.Quarantined, DeviceAccessState.Blocked)]
    [InlineData(DeviceAccessState.Allowed, DeviceAccessState.Blocked, DeviceAccessState.Blocked)]
    [InlineData(DeviceAccessState.Allowed, DeviceAccessState.Allowed, DeviceAccessState.Allowed)]
    public void Decide_SeveralMatchingRules_TheMostRestrictiveWins_InAnyOrder(DeviceAccessState first, DeviceAccessState second, DeviceAccessState expected)
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Blocked, [Rule(DeviceCharacteristic.DeviceType, "iPhone", first), Rule(DeviceCharacteristic.UserAgent, "Apple*", second)]);

        Assert.Equal(expected, rules.Decide(Phone()));
    }

    [Theory]
    [InlineData(DeviceAccessState.Allowed)]
    [InlineData(DeviceAccessState.Quarantined)]
    [InlineData(DeviceAccessState.Blocked)]
    public void Decide_APerDeviceDecision_OverridesRulesAndDefault(DeviceAccessState decided)
    {
        var rules = new DeviceAccessRules(DeviceAccessState.Quarantined, [Rule(DeviceCharacteristic.DeviceType, "iPhone", DeviceAccessState.Blocked)]);

        Assert.Equal(decided, rules.Decide(Phone() with { AccessOverride = decided }));
    }

    [Fact]
    public void Decide_AnUnknownLevel_IsBlocked()
    {
        Assert.Equal(DeviceAccessState.Blocked, new DeviceAccessRules((DeviceAccessState)9, []).Decide(Phone()));
        Assert.Equal(DeviceAccessState.Blocked, DeviceAccessRules.AllowAll.Decide(Phone() with { AccessOverride = (DeviceAccessState)9 }));
        Assert.Equal(DeviceAccessState.Blocked, new DeviceAccessRules(DeviceAccessState.Allowed, [Rule(DeviceCharacteristic.DeviceType, "iPhone", (DeviceAccessState)7)]).Decide(Phone()));
    }

    private static DeviceAccessRule Rule(DeviceCharacteristic characteristic, string pattern, DeviceAccessState access) =>
        new(1, characteristic, pattern, access, Created);

    private static Device Phone() => new(
        1, 1, "ABC", "iPhone", "Apple-iPhone15C2/2101.1", "16.1", DeviceAccessState.Allowed, false, Created, Created, null, null, null, null,
        new DeviceInformation(Model: "iPhone15,2", OS: "iOS 17.1"));
}
