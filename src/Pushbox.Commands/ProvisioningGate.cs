using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;

namespace Pushbox.Commands;

/// <summary>
/// Whether a device may run a command that needs provisioning (MS-ASPROV 3.2.5.2, MS-ASCMD 2.2.2): with no
/// effective policy, always; otherwise only when the key it presents is its confirmed key and that key was
/// issued for the effective policy at its current version. Pure: the caller loads the device and policy.
/// </summary>
public static class ProvisioningGate
{
    /// <summary>Common status 142, DeviceNotProvisioned: the device sent no key (or 0), or has never provisioned.</summary>
    public const int DeviceNotProvisioned = 142;

    /// <summary>Common status 144, InvalidPolicyKey: the key is not the device's current one, or the policy changed since it was issued.</summary>
    public const int InvalidPolicyKey = 144;

    /// <summary>HTTP 449 Retry After Provisioning: what protocol versions before 14.0 get instead of a common status.</summary>
    public const int RetryAfterProvisioningHttpStatus = 449;

    /// <summary>Null when the request may proceed; otherwise the common status to refuse it with.</summary>
    /// <param name="device">The device as recorded at this request.</param>
    /// <param name="effectivePolicy">The user's effective policy; null when the user has none.</param>
    /// <param name="presentedKey">The key the request carries; null when none.</param>
    public static int? Check(Device device, Policy? effectivePolicy, uint? presentedKey)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (effectivePolicy is null)
        {
            return null;
        }

        if (presentedKey is null or 0 || device.PolicyKey is null)
        {
            return DeviceNotProvisioned;
        }

        return presentedKey == device.PolicyKey && device.PolicyId == effectivePolicy.Id && device.PolicyVersion == effectivePolicy.Version
            ? null
            : InvalidPolicyKey;
    }
}
