namespace Pushbox.Commands.Policies;

/// <summary>What <see cref="ProvisioningCounters"/> counts.</summary>
public enum ProvisioningEvent
{
    /// <summary>A policy was sent with a temporary key (Provision download).</summary>
    PolicyDownloaded,

    /// <summary>A device acknowledged a policy and got its final key.</summary>
    PolicyAcknowledged,

    /// <summary>A device's policy acknowledgement was refused (it cannot apply the policy, or the key was stale).</summary>
    PolicyRefused,

    /// <summary>A remote wipe directive (full or account-only) was sent.</summary>
    WipeSent,

    /// <summary>A device acknowledged a remote wipe (either outcome).</summary>
    WipeAcknowledged,

    /// <summary>A request was refused because the device is blocked, wiped, or quarantined and asked for more than its notice.</summary>
    AccessRefused,

    /// <summary>A request was told to fetch a pending wipe (140, or 449 before 14.0).</summary>
    WipeRequested,

    /// <summary>A device's decided access changed to quarantined.</summary>
    Quarantined,
}
