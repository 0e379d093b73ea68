namespace Pushbox.Commands.Policies;

/// <summary>
/// Counts of provisioning and device-access events since the process started, kept here (lock-free) so that the
/// command layer needs no metrics library; the HTTP layer exports them (<c>pushbox_eas_provisioning_events_total</c>).
/// </summary>
public sealed class ProvisioningCounters
{
    private readonly long[] _counts = new long[Enum.GetValues<ProvisioningEvent>().Length];

    /// <summary>Counts one <paramref name="kind"/>.</summary>
    public void Add(ProvisioningEvent kind) => Interlocked.Increment(ref _counts[(int)kind]);

    /// <summary>How many <paramref name="kind"/> were counted.</summary>
    public long Get(ProvisioningEvent kind) => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>The label of <paramref name="kind"/> in the exported metric: its name in snake case.</summary>
    public static string Label(ProvisioningEvent kind) => kind switch
    {
        ProvisioningEvent.PolicyDownloaded => "policy_downloaded",
        ProvisioningEvent.PolicyAcknowledged => "policy_acknowledged",
        ProvisioningEvent.PolicyRefused => "policy_refused",
        ProvisioningEvent.WipeSent => "wipe_sent",
        ProvisioningEvent.WipeAcknowledged => "wipe_acknowledged",
        ProvisioningEvent.AccessRefused => "access_refused",
        ProvisioningEvent.WipeRequested => "wipe_requested",
        ProvisioningEvent.Quarantined => "quarantined",
        _ => "other",
    };
}
