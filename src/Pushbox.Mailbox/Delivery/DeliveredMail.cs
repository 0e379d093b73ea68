using Pushbox.Mailbox.Blobs;

namespace Pushbox.Mailbox.Delivery;

/// <summary>An inbound message as delivered: what <see cref="IDeliveryObserver"/> is told.</summary>
/// <param name="Content">The message in the blob store.</param>
/// <param name="ReversePath">The envelope sender (MAIL FROM), a bare address; empty for the null reverse-path.</param>
/// <param name="UserIds">The users whose Inbox it is now in.</param>
public sealed record DeliveredMail(BlobRef Content, string ReversePath, IReadOnlyList<long> UserIds);
