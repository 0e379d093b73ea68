namespace Pushbox.Mailbox.Delivery;

/// <summary>What became of one recipient of a submission.</summary>
public enum RecipientDisposition
{
    /// <summary>A local mailbox: the message is in its Inbox.</summary>
    Delivered,

    /// <summary>Not local: the message is in the outbound queue for the relay.</summary>
    Queued,

    /// <summary>Not an email address; nothing was done for it.</summary>
    Invalid,

    /// <summary>
    /// A local mailbox past its ProhibitSendReceive limit: not delivered; the sender gets a delivery-status
    /// notification (status 5.2.2) unless the reverse-path is null.
    /// </summary>
    MailboxFull,
}
