using Pushbox.Protocol.Commands.FolderHierarchy;

namespace Pushbox.Protocol.Commands.ItemOperations;

/// <summary>The result of an EmptyFolderContents operation: its status and the folder, as the client named it.</summary>
public sealed class ItemOperationsEmptyFolderContentsResult : ItemOperationsResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="status">The operation's status.</param>
    /// <param name="collectionId">The folder's ServerId as sent (1 to 64 characters).</param>
    /// <exception cref="ArgumentException">The status is not positive, or the ID is empty or too long.</exception>
    public ItemOperationsEmptyFolderContentsResult(ItemOperationsStatus status, string collectionId)
        : base(status) =>
        CollectionId = FolderValues.Require(collectionId, ItemOperationsLimits.MaxIdLength, nameof(collectionId));

    /// <summary>airsync:CollectionId: the folder.</summary>
    public string CollectionId { get; }
}
