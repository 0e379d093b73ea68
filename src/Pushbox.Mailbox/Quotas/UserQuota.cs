namespace Pushbox.Mailbox.Quotas;

/// <summary>
/// The three mailbox size limits Exchange administrators know, as set for one user or as the server default.
/// Past <see cref="Warning"/> the user gets one warning message; past <see cref="ProhibitSend"/> they can no longer
/// send; past <see cref="ProhibitSendReceive"/> their mailbox refuses incoming mail as well.
/// </summary>
/// <param name="Warning">The size past which the user is warned (Exchange's IssueWarningQuota).</param>
/// <param name="ProhibitSend">The size past which sending is refused (ProhibitSendQuota).</param>
/// <param name="ProhibitSendReceive">The size past which incoming mail is refused too (ProhibitSendReceiveQuota).</param>
public sealed record UserQuota(QuotaLimit Warning, QuotaLimit ProhibitSend, QuotaLimit ProhibitSendReceive)
{
    /// <summary>Every limit the server default.</summary>
    public static UserQuota Default { get; } = new(QuotaLimit.Default, QuotaLimit.Default, QuotaLimit.Default);

    /// <summary>No limit at all.</summary>
    public static UserQuota Unlimited { get; } = new(QuotaLimit.Unlimited, QuotaLimit.Unlimited, QuotaLimit.Unlimited);

    /// <summary>Each limit of this, or of <paramref name="defaults"/> where this one is <see cref="QuotaLimit.Default"/>.</summary>
    public UserQuota Or(UserQuota defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new UserQuota(Warning.Or(defaults.Warning), ProhibitSend.Or(defaults.ProhibitSend), ProhibitSendReceive.Or(defaults.ProhibitSendReceive));
    }
}
