namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>item_tombstones</c>: which item left the folder at which sequence.</summary>
internal sealed class TombstoneRow
{
    public long ItemId { get; init; }

    public long ModSeq { get; init; }
}
