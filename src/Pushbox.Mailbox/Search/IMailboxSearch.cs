using Pushbox.Mailbox.Items;

namespace Pushbox.Mailbox.Search;

/// <summary>
/// The full-text index of users' emails and the searches over it. The store indexes an email when it is
/// added (subject, sender and recipients from its summary, the body text its writer passes in
/// <see cref="NewEmail.BodyText"/>) and drops it when the email goes; a move needs nothing. An email added
/// without body text, or stored before the index existed, is indexed by its headers and waits as
/// <em>pending</em> until an indexer (<see cref="SearchIndexer"/>) reads its body.
/// </summary>
public interface IMailboxSearch
{
    /// <summary>
    /// The user's emails matching <paramref name="query"/>, newest first: <paramref name="take"/> of them
    /// after skipping <paramref name="skip"/>, with the total count.
    /// </summary>
    Task<MailboxSearchResult> SearchAsync(long userId, MailboxQuery query, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> pending emails (of any user), oldest first.</summary>
    Task<IReadOnlyList<StoredItem>> GetPendingAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Indexes an email again with its headers and <paramref name="bodyText"/> and clears its pending mark.
    /// An email deleted meanwhile is left alone (false).
    /// </summary>
    Task<bool> IndexAsync(StoredItem item, string bodyText, CancellationToken cancellationToken);

    /// <summary>How many emails are pending.</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken);
}
