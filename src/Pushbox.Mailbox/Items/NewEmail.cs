using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Items;

/// <summary>An email to add to a folder: its content already in the blob store, and its summary.</summary>
/// <param name="Content">The MIME in the blob store.</param>
/// <param name="Summary">What a sync needs of it.</param>
/// <param name="BodyText">
/// The body as plain text for the full-text index (<see cref="Delivery.EmailBodyText"/>); null when the
/// writer did not read it: the email is then indexed by its headers at once and by its body later
/// (<see cref="Search.IMailboxSearch"/>).
/// </param>
public sealed record NewEmail(BlobRef Content, EmailSummary Summary, string? BodyText = null);
