namespace Pushbox.Mailbox.Items;

/// <summary>An item as stored.</summary>
/// <param name="Id">Store-assigned identifier, unique across the store; with the folder it forms the EAS ServerId.</param>
/// <param name="UserId">The owner.</param>
/// <param name="FolderId">The folder it is in.</param>
/// <param name="Class">Its class.</param>
/// <param name="ModSeq">The folder's modification sequence at its last change.</param>
/// <param name="AddedModSeq">
/// The folder's modification sequence when the item entered it: when it was added, or moved in (a move
/// resets it); changes of its state or content keep it. A device that has every change of the folder up
/// to N has the item (if it was in the device's date window) exactly when <c>AddedModSeq &lt;= N</c>.
/// Items stored before this was kept carry their modification sequence of that time.
/// </param>
/// <param name="Size">The size in bytes of its content (the MIME for email).</param>
/// <param name="BlobHash">The content blob (<see cref="Blobs.IBlobStore"/>) for email; null for structured items.</param>
/// <param name="Email">The summary, for email.</param>
/// <param name="Properties">The structured record of a calendar, contact, task or note item (JSON, its schema owned by the command layer); null for email.</param>
/// <param name="CreatedAt">When it entered the mailbox.</param>
public sealed record StoredItem(
    long Id,
    long UserId,
    long FolderId,
    ItemClass Class,
    long ModSeq,
    long AddedModSeq,
    long Size,
    string? BlobHash,
    EmailSummary? Email,
    string? Properties,
    DateTimeOffset CreatedAt)
{
    /// <summary>The EAS ServerId: <c>folder:item</c>.</summary>
    public string ServerId => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{FolderId}:{Id}");
}
