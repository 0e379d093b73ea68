namespace Pushbox.Mailbox.Devices;

/// <summary>The organisation's device access settings: the level a device no rule matches gets, and the rules.</summary>
/// <param name="DefaultAccess">The access level of a device no per-device decision or rule covers (Exchange's DefaultAccessLevel).</param>
/// <param name="Rules">The rules, oldest first.</param>
public sealed record DeviceAccessRules(DeviceAccessState DefaultAccess, IReadOnlyList<DeviceAccessRule> Rules)
{
    /// <summary>Every device allowed, no rules.</summary>
    public static DeviceAccessRules AllowAll { get; } = new(DeviceAccessState.Allowed, []);

    /// <summary>
    /// The device's access, in Exchange's order: the administrator's decision for this device; else the rules that
    /// match it, the most restrictive winning (a block rule over a quarantine rule over an allow rule); else the
    /// default access level. An unknown level anywhere counts as blocked (fail closed).
    /// </summary>
    public DeviceAccessState Decide(Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.AccessOverride is { } decided)
        {
            return Known(decided);
        }

        DeviceAccessState? strictest = null;
        foreach (DeviceAccessRule rule in Rules)
        {
            string? value = rule.Characteristic switch
            {
                DeviceCharacteristic.DeviceType => device.DeviceType,
                DeviceCharacteristic.Model => device.Information.Model,
                DeviceCharacteristic.UserAgent => device.UserAgent,
                DeviceCharacteristic.OS => device.Information.OS,
                _ => null,
            };
            if (rule.Matches(value))
            {
                DeviceAccessState access = Known(rule.Access);
                strictest = strictest is null || Severity(access) > Severity(strictest.Value) ? access : strictest;
            }
        }

        return strictest ?? Known(DefaultAccess);
    }

    private static DeviceAccessState Known(DeviceAccessState access) => Enum.IsDefined(access) ? access : DeviceAccessState.Blocked;

    private static int Severity(DeviceAccessState access) => access switch
    {
        DeviceAccessState.Allowed => 0,
        DeviceAccessState.Quarantined => 1,
        _ => 2,
    };
}
