namespace Pushbox.Mailbox.Search;

/// <summary>
/// A condition of a mailbox search as a tree (what a KQL FreeText becomes): words in fields, a date
/// interval, the attachment flag, and their combinations with and, or and not.
/// </summary>
public abstract record SearchCondition
{
    private protected SearchCondition()
    {
    }

    /// <summary>How many word conditions the tree holds (each word of each <see cref="TextCondition"/>).</summary>
    public abstract int WordCount { get; }
}
