using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Writes the delivery-status notification (a bounce, RFC 3464) a sender gets for recipients their message could not be
/// delivered to; the SMTP layer implements it with the relay's notification format.
/// </summary>
public interface INonDeliveryReporter
{
    /// <summary>Writes the notification about <paramref name="original"/> to <paramref name="sender"/> into the blob store and returns it.</summary>
    /// <param name="original">The message that was not delivered (its header is quoted).</param>
    /// <param name="sender">Where the notification goes: the original's reverse-path.</param>
    /// <param name="recipients">The recipients it was not delivered to, with why.</param>
    /// <param name="arrival">When the original was submitted.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<BlobRef> WriteAsync(BlobRef original, string sender, IReadOnlyList<UndeliveredRecipient> recipients, DateTimeOffset arrival, CancellationToken cancellationToken);
}
