namespace Pushbox.Mailbox.Items;

/// <summary>
/// What changed in a folder after a modification sequence: items added or changed (ordered by
/// sequence, at most the limit asked for), items deleted or moved out (ordered by sequence), and the
/// sequence up to which this answer is complete — pass it as the next "since" to continue.
/// </summary>
public sealed record ItemChanges(IReadOnlyList<StoredItem> Changed, IReadOnlyList<ItemDeletion> Deleted, long UpToModSeq, bool MoreAvailable);
