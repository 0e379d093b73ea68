namespace Pushbox.Mailbox.Users;

/// <summary>One page of a GAL search and how many entries match in all.</summary>
public sealed record GalSearchResult(long Total, IReadOnlyList<GalEntry> Entries);
