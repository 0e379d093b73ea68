using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Items;

/// <summary>An email to add to a folder: its content already in the blob store, and its summary.</summary>
public sealed record NewEmail(BlobRef Content, EmailSummary Summary);
