namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>Why a delivered message gets no Out of Office reply.</summary>
public enum OofSkipReason
{
    /// <summary>Out of Office is off, or scheduled for another time.</summary>
    NotActive,

    /// <summary>The message has the null reverse-path (a bounce or another automatic message, RFC 3834 section 2).</summary>
    NullReversePath,

    /// <summary>Auto-Submitted other than "no" (RFC 3834 section 2).</summary>
    AutoSubmitted,

    /// <summary>Precedence bulk, list or junk.</summary>
    BulkPrecedence,

    /// <summary>A mailing list message (List-Id or another List-* header).</summary>
    MailingList,

    /// <summary>The sender asked for no automatic replies (X-Auto-Response-Suppress: OOF or All).</summary>
    Suppressed,

    /// <summary>Another mark of automatic mail (X-Autoreply, X-Autorespond, a delivery or read report).</summary>
    OtherAutomatic,

    /// <summary>The sender is a system or no-reply address (MAILER-DAEMON, postmaster, noreply, owner-*, *-request …).</summary>
    AutomatedSender,

    /// <summary>The user sent it to themselves.</summary>
    OwnMessage,

    /// <summary>The user is in neither To nor Cc (RFC 3834 section 2: a personal responder answers only mail addressed to the person).</summary>
    NotAddressedToUser,

    /// <summary>The sender's audience has no reply enabled, or an enabled reply without text.</summary>
    AudienceDisabled,

    /// <summary>The sender already got a reply in this Out of Office period.</summary>
    AlreadyReplied,
}
