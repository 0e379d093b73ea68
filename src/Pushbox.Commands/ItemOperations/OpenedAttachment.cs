using Pushbox.Commands.Email;
using Pushbox.Mailbox;
using Pushbox.Mailbox.Items;

namespace Pushbox.Commands.ItemOperations;

/// <summary>
/// An attachment named by an <see cref="EmailFileReference"/> (airsyncbase:FileReference, GetAttachment's
/// AttachmentName), opened for one user. Dispose it to release the message's blob.
/// </summary>
/// <param name="Item">The email holding it, as stored now.</param>
/// <param name="PartIndex">Its position among the message's body parts.</param>
/// <param name="Attachment">The opened attachment.</param>
internal sealed record OpenedAttachment(StoredItem Item, int PartIndex, EmailAttachment Attachment) : IAsyncDisposable
{
    /// <summary>
    /// Opens the attachment <paramref name="reference"/> names in <paramref name="userId"/>'s mailbox; null when the
    /// text is not a reference Pushbox made, or the item is not the user's email (any more), or the part is not one of
    /// its attachments. The reference's folder is not compared with the item's: an item id is unique in the store
    /// and the store checks the owner, so a reference made before the item moved still names it.
    /// </summary>
    public static async Task<OpenedAttachment?> OpenAsync(IMailboxStore store, EmailItemRenderer renderer, long userId, string? reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(renderer);
        if (!EmailFileReference.TryParse(reference, out EmailFileReference parsed))
        {
            return null;
        }

        StoredItem? item = await store.GetItemAsync(userId, parsed.ItemId, cancellationToken).ConfigureAwait(false);
        if (item is not { Class: ItemClass.Email })
        {
            return null;
        }

        EmailAttachment? attachment = await renderer.OpenAttachmentAsync(item, parsed.PartIndex, cancellationToken).ConfigureAwait(false);
        return attachment is null ? null : new OpenedAttachment(item, parsed.PartIndex, attachment);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => Attachment.DisposeAsync();
}
