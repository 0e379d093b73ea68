namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Told about every inbound message once it is durable in its recipients' mailboxes
/// (<see cref="MailDelivery.DeliverInboundAsync"/>), e.g. to send Out of Office replies. <see cref="OnDelivered"/>
/// runs on the delivery path: it must return at once (hand the work to a queue) and must not throw; what it does can
/// never fail or slow the delivery.
/// </summary>
public interface IDeliveryObserver
{
    /// <summary>A message was delivered; returns at once.</summary>
    void OnDelivered(DeliveredMail mail);
}
