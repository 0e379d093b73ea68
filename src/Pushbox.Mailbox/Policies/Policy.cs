namespace Pushbox.Mailbox.Policies;

/// <summary>
/// A named EAS provisioning policy (MS-ASPROV). The store never reads <see cref="SettingsJson"/>; the
/// protocol layer owns its schema (the policy settings of an EASProvisionDoc).
/// </summary>
/// <param name="Id">Store-assigned identifier; never reused, so a deleted and re-created policy is a different policy.</param>
/// <param name="Name">The name as last saved; unique case-insensitively.</param>
/// <param name="SettingsJson">The policy settings, opaque to the store.</param>
/// <param name="Version">
/// Starts at 1 and grows by one on every save. A device whose confirmed policy key was issued for another
/// (<see cref="Id"/>, <see cref="Version"/>) than its user's effective policy must provision again.
/// </param>
/// <param name="IsDefault">Whether this policy applies to users who have none assigned; at most one policy is the default.</param>
/// <param name="AllowNonProvisionableDevices">Whether devices that cannot enforce every setting may still synchronise (MS-ASPROV AllowNonProvisionableDevices).</param>
/// <param name="UpdatedAt">Last save.</param>
public sealed record Policy(
    long Id,
    string Name,
    string SettingsJson,
    long Version,
    bool IsDefault,
    bool AllowNonProvisionableDevices,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The longest policy name, in UTF-16 code units, after trimming.</summary>
    public const int MaxNameLength = 64;
}
