namespace Pushbox.Mailbox.Items;

/// <summary>
/// An item that left a folder (deleted, or moved out), from the folder's change log. With
/// <see cref="AddedModSeq"/> a reader that knows a device has every change up to N tells whether the
/// device can have had the item: only if <c>AddedModSeq &lt;= N</c>.
/// </summary>
/// <param name="ItemId">The item's id (with the folder, its former EAS ServerId).</param>
/// <param name="ModSeq">The folder's modification sequence at which it left.</param>
/// <param name="AddedModSeq">
/// The folder's sequence when the item had entered it (<see cref="StoredItem.AddedModSeq"/>); 0 when
/// unknown (it left before the store kept this): treat it as possibly on any device.
/// </param>
/// <param name="DateReceived">The email's received date, to match against a device's date window; null for other classes (and when unknown).</param>
public sealed record ItemDeletion(long ItemId, long ModSeq, long AddedModSeq, DateTimeOffset? DateReceived);
