using Pushbox.Mailbox.Quotas;

namespace Pushbox.Storage.Stores;

/// <summary>A user's limits with the row of <c>mailbox_usage</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class UsageRow
{
    /// <summary>The columns of <c>users u LEFT JOIN mailbox_usage m</c>.</summary>
    public const string Columns =
        "u.id AS UserId, COALESCE(m.bytes, 0) AS Bytes, m.warned_at AS WarnedAt, u.quota_warning AS Warning, " +
        "u.quota_prohibit_send AS ProhibitSend, u.quota_prohibit_send_receive AS ProhibitSendReceive";

    public long UserId { get; init; }

    public long Bytes { get; init; }

    public long? WarnedAt { get; init; }

    public long? Warning { get; init; }

    public long? ProhibitSend { get; init; }

    public long? ProhibitSendReceive { get; init; }

    public MailboxUsage ToUsage() => new(
        UserId,
        Bytes,
        new UserQuota(QuotaLimit.FromStored(Warning), QuotaLimit.FromStored(ProhibitSend), QuotaLimit.FromStored(ProhibitSendReceive)),
        WarnedAt);
}
