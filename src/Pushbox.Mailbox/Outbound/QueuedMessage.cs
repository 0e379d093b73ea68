namespace Pushbox.Mailbox.Outbound;

/// <summary>A message in the outbound queue.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="BlobHash">The MIME content in the blob store.</param>
/// <param name="Size">The content's length in bytes.</param>
/// <param name="ReversePath">The envelope sender, empty for the null reverse-path.</param>
/// <param name="Recipients">The recipients still to be sent to (a partial success removes the accepted ones).</param>
/// <param name="CreatedAt">When it was queued; its lifetime in the queue counts from here.</param>
/// <param name="NextAttemptAt">When it is due to be (re)tried.</param>
/// <param name="Attempts">How many times it has been claimed for sending.</param>
/// <param name="LastError">The relay's last answer or the last connection error; empty before the first failure.</param>
/// <param name="LeaseOwner">The sender that holds it now; null when nobody does.</param>
/// <param name="LeaseUntil">When that hold lapses and another sender may claim it.</param>
public sealed record QueuedMessage(
    long Id,
    string BlobHash,
    long Size,
    string ReversePath,
    IReadOnlyList<string> Recipients,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    int Attempts,
    string LastError,
    string? LeaseOwner,
    DateTimeOffset? LeaseUntil);
