namespace Pushbox.Mailbox.Items;

/// <summary>
/// An item's received date, by which <see cref="IMailboxStore.GetItemsReceivedBetweenAsync"/> orders;
/// pass the last one of a page as the cursor for the next.
/// </summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="DateReceived">Its received date, to the microsecond the store keeps.</param>
public sealed record ReceivedItem(long ItemId, DateTimeOffset DateReceived);
