using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Search;

/// <summary>One page of a mailbox search: the items, newest first, and how many match in all.</summary>
/// <param name="Total">Every matching item, whatever the page.</param>
/// <param name="Items">The page, by received date descending and then id descending.</param>
public sealed record MailboxSearchResult(long Total, IReadOnlyList<StoredItem> Items);
