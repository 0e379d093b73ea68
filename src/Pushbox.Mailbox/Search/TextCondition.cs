namespace Pushbox.Mailbox.Search;

/// <summary>
/// Words in some fields. Not a phrase: every word matches, by prefix, somewhere in <see cref="Fields"/>
/// ("inv" finds "invoice"). A phrase: the words appear in this order, next to each other and whole, in one
/// of the fields.
/// </summary>
/// <param name="Fields">Where the words are looked for.</param>
/// <param name="Words">Normalised words (<see cref="SearchText.Words"/>), at least one.</param>
/// <param name="Phrase">The words form a phrase.</param>
public sealed record TextCondition(SearchField Fields, IReadOnlyList<string> Words, bool Phrase = false) : SearchCondition
{
    /// <inheritdoc />
    public override int WordCount => Words.Count;
}
