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
}
