namespace Pushbox.Mailbox.Blobs;

/// <summary>Content in the blob store: its SHA-256 as lower-case hex, and its length.</summary>
public sealed record BlobRef(string Hash, long Length);
