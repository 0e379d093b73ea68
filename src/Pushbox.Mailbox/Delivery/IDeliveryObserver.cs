namespace Pushbox.Mailbox.Delivery;

/// <summary>
/// Told about every inbound message as it is delivered (<see cref="MailDelivery.DeliverInboundAsync"/>), inside the
/// delivery's <see cref="IStoreTransactions"/> unit: what it writes to the store commits with the delivery or not at all
/// (Out of Office replies are recorded as pending this way, so none is lost to a crash). It must be quick — record, never
/// act — and its failure is logged and undone without failing the delivery.
/// </summary>
public interface IDeliveryObserver
{
    /// <summary>A message is being delivered; its store writes join the delivery's transaction.</summary>
    Task OnDeliveredAsync(DeliveredMail mail, CancellationToken cancellationToken);
}
