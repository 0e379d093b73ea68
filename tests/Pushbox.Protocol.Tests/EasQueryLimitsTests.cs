using Pushbox.Protocol.Query;

namespace Pushbox.Protocol.Tests;

public class EasQueryLimitsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedValues()
    {
        var limits = new EasQueryLimits();
        Assert.Equal(4096, limits.MaxQueryLength);
        Assert.Equal(32, limits.MaxDeviceIdLength);
        Assert.Equal(64, limits.MaxDeviceTypeLength);
        Assert.Equal(1024, limits.MaxParameterValueLength);
        Assert.Equal(32, limits.MaxParameterCount);
    }

    public static TheoryData<string, int> BadValues => new()
    {
        { nameof(EasQueryLimits.MaxQueryLength), 0 },
        { nameof(EasQueryLimits.MaxQueryLength), -1 },
        { nameof(EasQueryLimits.MaxDeviceIdLength), 0 },
        { nameof(EasQueryLimits.MaxDeviceIdLength), 256 },
        { nameof(EasQueryLimits.MaxDeviceTypeLength), 0 },
        { nameof(EasQueryLimits.MaxParameterValueLength), -5 },
        { nameof(EasQueryLimits.MaxParameterCount), 0 },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Setter_RefusesAnOutOfRangeValue(string property, int value)
    {
        var limits = new EasQueryLimits();
        var setter = typeof(EasQueryLimits).GetProperty(property)!;
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => setter.SetValue(limits, value));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Fact]
    public void RaisedDeviceIdLength_AcceptsALongerId_ButStillOnlyLettersAndDigits()
    {
        var limits = new EasQueryLimits { MaxDeviceIdLength = 64 };
        string id = new('a', 40);
        Assert.Equal(id, EasQueryParser.Parse($"Cmd=Sync&DeviceId={id}&DeviceType=iPhone", limits).DeviceId);

        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse("Cmd=Sync&DeviceId=a-b&DeviceType=iPhone", limits));
        Assert.Equal(EasProtocolError.InvalidDeviceId, e.Reason);
    }

    [Fact]
    public void SmallQueryLength_IsEnforced()
    {
        var limits = new EasQueryLimits { MaxQueryLength = 10 };
        var e = Assert.Throws<EasProtocolException>(() => EasQueryParser.Parse("Cmd=Sync&DeviceId=Dev1&DeviceType=iPhone", limits));
        Assert.Equal(EasProtocolError.QueryTooLong, e.Reason);
    }

    [Fact]
    public void Parse_NullArguments_AreCallerBugs()
    {
        Assert.Throws<ArgumentNullException>(() => EasQueryParser.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => EasQueryParser.Parse("Cmd=Sync", null!));
    }
}
