namespace Pushbox.Mailbox.Outbound;

/// <summary>A message to put in the outbound queue.</summary>
/// <param name="BlobHash">The MIME content in the blob store; it stays referenced (safe from garbage collection) while queued.</param>
/// <param name="Size">The content's length in bytes.</param>
/// <param name="ReversePath">The envelope sender, empty for the null reverse-path.</param>
/// <param name="Recipients">The remote envelope recipients, at least one.</param>
public sealed record NewQueuedMessage(string BlobHash, long Size, string ReversePath, IReadOnlyList<string> Recipients);
