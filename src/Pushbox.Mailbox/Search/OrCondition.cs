namespace Pushbox.Mailbox.Search;

/// <summary>At least one of <paramref name="Conditions"/> holds (at least one).</summary>
public sealed record OrCondition(IReadOnlyList<SearchCondition> Conditions) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => Conditions.Sum(c => c.WordCount);
}
