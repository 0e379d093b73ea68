namespace Pushbox.Storage.Stores;

/// <summary>A row of <c>sync_states</c> (Dapper fills it; column aliases match the names).</summary>
internal sealed class SyncStateRow
{
    public long Version { get; init; }

    public int FormatVersion { get; init; }

    public byte[] Data { get; init; } = [];

    public object UpdatedAt { get; init; } = 0L;
}
