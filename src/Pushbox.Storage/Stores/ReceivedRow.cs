namespace Pushbox.Storage.Stores;

/// <summary>An item's id and received date (a provider value until the dialect reads it), as a date-window query returns them.</summary>
internal sealed class ReceivedRow
{
    public long ItemId { get; init; }

    public object DateReceived { get; init; } = 0L;
}
