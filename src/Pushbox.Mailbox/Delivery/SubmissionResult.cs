namespace Pushbox.Mailbox.Delivery;

/// <summary>The outcome of <see cref="IMailSubmitter.SubmitAsync"/>.</summary>
/// <param name="Recipients">Each distinct recipient, in submission order.</param>
/// <param name="QueueId">The outbound queue entry holding the remote recipients; null when none was needed.</param>
public sealed record SubmissionResult(IReadOnlyList<SubmittedRecipient> Recipients, long? QueueId)
{
    /// <summary>Whether every recipient was delivered or queued.</summary>
    public bool AllAccepted => Recipients.All(r => r.Disposition is RecipientDisposition.Delivered or RecipientDisposition.Queued);
}
