namespace Pushbox.Mailbox.Quotas;

/// <summary>Where a mailbox's size stands against its limits, each level including those before it.</summary>
public enum QuotaLevel
{
    /// <summary>Below every limit.</summary>
    Normal,

    /// <summary>At or past the warning size.</summary>
    Warning,

    /// <summary>At or past the prohibit-send size: the user cannot send.</summary>
    ProhibitSend,

    /// <summary>At or past the prohibit-send-receive size: the mailbox refuses incoming mail too.</summary>
    ProhibitSendReceive,
}
