namespace Pushbox.Mailbox.Search;

/// <summary>The email was received in [<see cref="From"/>, <see cref="Before"/>); a null end is open.</summary>
/// <param name="From">The first instant included; null: no lower bound.</param>
/// <param name="Before">The first instant no longer included; null: no upper bound.</param>
public sealed record ReceivedCondition(DateTimeOffset? From, DateTimeOffset? Before) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => 0;
}
