namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// The outbound port: hands a finished message to the mail system. Local recipients (a user's primary
/// address or alias) get it in their Inbox before the call returns; every other recipient is put in the
/// durable outbound queue, from which the relay sends it (retrying, and reporting a permanent failure
/// to the envelope sender as a delivery-status notification). When the call returns, nothing it reported
/// as delivered or queued can be lost. The caller owns everything about the message itself: headers,
/// Bcc removal, the Sent Items copy; the submitter neither reads nor changes the content.
/// </summary>
public interface IMailSubmitter
{
    /// <summary>
    /// Delivers or queues <see cref="MailSubmission.Content"/> for each recipient of <paramref name="submission"/>.
    /// A recipient that is not a syntactically valid address is reported as
    /// <see cref="RecipientDisposition.Invalid"/> and skipped; the others are still submitted. The same
    /// address listed twice (or a user's address and alias) is submitted once. A local recipient whose mailbox is past
    /// its ProhibitSendReceive limit is reported as <see cref="RecipientDisposition.MailboxFull"/> and not delivered to;
    /// the sender gets a delivery-status notification instead (none for the null reverse-path).
    /// </summary>
    /// <exception cref="ArgumentException">The reverse-path is neither empty nor a valid address, or there are no recipients.</exception>
    Task<SubmissionResult> SubmitAsync(MailSubmission submission, CancellationToken cancellationToken);
}
