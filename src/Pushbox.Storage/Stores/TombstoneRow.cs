namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>item_tombstones</c>: which item left the folder at which sequence, when it had entered it, and its received date (a provider value until the dialect reads it).</summary>
internal sealed class TombstoneRow
{
    /// <summary>The columns, aliased to the property names, of <c>item_tombstones</c>.</summary>
    public const string Columns = "item_id AS ItemId, modseq AS ModSeq, added_modseq AS AddedModSeq, date_received AS DateReceived";

    public long ItemId { get; init; }

    public long ModSeq { get; init; }

    public long AddedModSeq { get; init; }

    public object? DateReceived { get; init; }
}
