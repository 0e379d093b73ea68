namespace Pushbox.Mailbox.Search;

/// <summary>Every one of <paramref name="Conditions"/> holds (at least one).</summary>
public sealed record AndCondition(IReadOnlyList<SearchCondition> Conditions) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => Conditions.Sum(c => c.WordCount);
}
