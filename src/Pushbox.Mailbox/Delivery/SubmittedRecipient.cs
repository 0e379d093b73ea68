namespace Pushbox.Mailbox.Delivery;

/// <summary>One recipient of a submission and what became of it.</summary>
/// <param name="Address">The address as submitted.</param>
/// <param name="Disposition">Delivered, queued or invalid.</param>
/// <param name="UserId">The local user it was delivered to, for <see cref="RecipientDisposition.Delivered"/>.</param>
public sealed record SubmittedRecipient(string Address, RecipientDisposition Disposition, long? UserId);
