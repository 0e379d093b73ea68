namespace Pushbox.Mailbox.OutOfOffice;

/// <summary>A delivered message whose recipients may owe its sender an Out of Office reply, not yet decided.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="BlobHash">The delivered content in the blob store.</param>
/// <param name="ReversePath">The envelope sender, a bare address.</param>
/// <param name="UserIds">The users it was delivered to.</param>
/// <param name="Attempts">How many times it has been claimed (this claim included).</param>
public sealed record PendingOofReply(long Id, string BlobHash, string ReversePath, IReadOnlyList<long> UserIds, int Attempts);
