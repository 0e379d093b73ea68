namespace Pushbox.Mailbox.Devices;

/// <summary>
/// An organisation-wide rule giving every device with a characteristic an access level. The pattern matches the
/// whole value, ignoring case; a pattern ending in <c>*</c> matches every value that starts with what precedes it.
/// </summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="Characteristic">What the rule looks at.</param>
/// <param name="Pattern">The value matched, as the administrator wrote it.</param>
/// <param name="Access">The access level a matching device gets.</param>
/// <param name="CreatedAt">When the rule was added.</param>
public sealed record DeviceAccessRule(long Id, DeviceCharacteristic Characteristic, string Pattern, DeviceAccessState Access, DateTimeOffset CreatedAt)
{
    /// <summary>The longest pattern kept, in UTF-16 code units.</summary>
    public const int MaxPatternLength = 256;

    /// <summary>Whether <paramref name="value"/> (null: the device never reported it) matches the pattern.</summary>
    public bool Matches(string? value)
    {
        if (value is null)
        {
            return false;
        }

        return Pattern.EndsWith('*')
            ? value.StartsWith(Pattern.AsSpan(0, Pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
            : string.Equals(value, Pattern, StringComparison.OrdinalIgnoreCase);
    }
}
