namespace Pushbox.Storage.Stores;

/// <summary>Item count and bytes of one folder.</summary>
internal sealed class FolderStatsRow
{
    public long FolderId { get; init; }

    public long Items { get; init; }

    public long Bytes { get; init; }
}
