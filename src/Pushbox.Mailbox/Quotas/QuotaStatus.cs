namespace Pushbox.Mailbox.Quotas;

/// <summary>A mailbox's size against the limits that apply to it (the user's own, else the server defaults).</summary>
/// <param name="Bytes">The mailbox size.</param>
/// <param name="Limits">The effective limits: none is <see cref="QuotaLimit.Default"/>.</param>
public sealed record QuotaStatus(long Bytes, UserQuota Limits)
{
    /// <summary>The highest limit reached.</summary>
    public QuotaLevel Level =>
        Reached(Limits.ProhibitSendReceive) ? QuotaLevel.ProhibitSendReceive
        : Reached(Limits.ProhibitSend) ? QuotaLevel.ProhibitSend
        : Reached(Limits.Warning) ? QuotaLevel.Warning
        : QuotaLevel.Normal;

    /// <summary>Whether the user may no longer send.</summary>
    public bool SendProhibited => Level >= QuotaLevel.ProhibitSend;

    /// <summary>Whether the mailbox refuses incoming mail.</summary>
    public bool ReceiveProhibited => Level >= QuotaLevel.ProhibitSendReceive;

    private bool Reached(QuotaLimit limit) => limit.Bytes is { } bytes && Bytes >= bytes;
}
