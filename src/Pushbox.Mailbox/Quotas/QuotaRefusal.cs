namespace Pushbox.Mailbox.Quotas;

/// <summary>Where a full mailbox stopped mail (the label of the refusal counter).</summary>
public enum QuotaRefusal
{
    /// <summary>SMTP intake refused a recipient at RCPT: the mailbox is past ProhibitSendReceive.</summary>
    SmtpRecipient,

    /// <summary>A user past ProhibitSend tried to send (SendMail, SmartReply, SmartForward).</summary>
    Send,

    /// <summary>A local recipient of a local submission was past ProhibitSendReceive; the sender got a bounce.</summary>
    LocalRecipient,
}
