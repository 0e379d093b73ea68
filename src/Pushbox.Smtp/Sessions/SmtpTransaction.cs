using Pushbox.Smtp.Protocol;

namespace Pushbox.Smtp.Sessions;

/// <summary>One mail transaction (RFC 5321 §3.3): the sender, its parameters, and the recipients accepted so far, in RCPT order.</summary>
internal sealed class SmtpTransaction(MailPath sender, bool smtpUtf8)
{
    private readonly List<AcceptedRecipient> _recipients = [];

    /// <summary>The reverse-path.</summary>
    public MailPath Sender { get; } = sender;

    /// <summary>Whether MAIL carried SMTPUTF8, allowing UTF-8 addresses.</summary>
    public bool SmtpUtf8 { get; } = smtpUtf8;

    /// <summary>The accepted recipients in RCPT order; the same mailbox may appear under several addresses.</summary>
    public IReadOnlyList<AcceptedRecipient> Recipients => _recipients;

    /// <summary>Adds an accepted recipient.</summary>
    public void Add(AcceptedRecipient recipient) => _recipients.Add(recipient);

    /// <summary>Each mailbox once, in first-RCPT order: a message reaches a mailbox once whatever the number of its addresses.</summary>
    public long[] DistinctUsers() => _recipients.Select(r => r.UserId).Distinct().ToArray();
}
