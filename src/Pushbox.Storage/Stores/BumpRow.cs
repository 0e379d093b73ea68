namespace Pushbox.Storage.Stores;

/// <summary>What advancing a folder's modification sequence returns: the new sequence and the folder's type.</summary>
internal sealed class BumpRow
{
    public long ModSeq { get; init; }

    public int Type { get; init; }
}
