namespace Pushbox.Mailbox.Search;

/// <summary><paramref name="Condition"/> does not hold.</summary>
public sealed record NotCondition(SearchCondition Condition) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => Condition.WordCount;
}
