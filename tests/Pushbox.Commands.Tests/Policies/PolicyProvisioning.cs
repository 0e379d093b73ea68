using Pushbox.Mailbox.Devices;
using Pushbox.Mailbox.Policies;

namespace Pushbox.Commands.Tests.Policies;

/// <summary>Puts the mailbox's device under a default policy, provisioned as the Provision command leaves it.</summary>
public static class PolicyProvisioning
{
    public const uint FinalKey = 4242;

    /// <summary>Saves <paramref name="settingsJson"/> as the default policy and confirms the device's key for it; returns the device as recorded.</summary>
    public static async Task<Device> ProvisionAsync(SqliteMailbox mailbox, string settingsJson)
    {
        CancellationToken none = CancellationToken.None;
        Policy policy = await mailbox.Policies.SaveAsync("Capped", settingsJson, false, none);
        await mailbox.Policies.SetDefaultAsync("Capped", none);
        await mailbox.Devices.SetPendingPolicyKeyAsync(mailbox.Device.Id, 77, none);
        Assert.True(await mailbox.Devices.ConfirmPolicyKeyAsync(mailbox.Device.Id, 77, FinalKey, policy.Id, policy.Version, none));
        return await mailbox.AddDeviceAsync(mailbox.Device.DeviceId);
    }
}
