namespace Pushbox.Smtp.Sessions;

/// <summary>What became of a message for one mailbox (LMTP answers each recipient with it).</summary>
internal enum RecipientOutcome
{
    /// <summary>In the mailbox, durably.</summary>
    Delivered,

    /// <summary>The mailbox was deleted between RCPT and delivery (550 5.1.1).</summary>
    Gone,

    /// <summary>The store failed for this mailbox (451 4.3.0).</summary>
    Failed,
}
