using System.Data.Common;
using System.Globalization;
using System.Text;
using Pushbox.Mailbox.Items;
using Pushbox.Mailbox.Search;
using Pushbox.Storage.Sql;

namespace Pushbox.Storage.Stores;

/// <summary>
/// <see cref="IMailboxSearch"/>: the full-text index of emails, kept in the same transactions as the items.
/// <para>
/// SQLite: a contentless FTS5 table <c>item_search(subject, people, body)</c> whose rowid is the item id,
/// with prefix indexes for two- and three-letter prefixes; a trigger on <c>items</c> drops the row
/// however the item goes. PostgreSQL: <c>item_search(item_id, document tsvector)</c> with a GIN index,
/// dropped with its item by cascade. Both index the text <see cref="SearchText.Normalize"/> made, with the
/// 'simple' configuration on PostgreSQL, so the words are the same on both and a word of a query matches
/// the words it is a prefix of.
/// </para>
/// <para>
/// A search filters <c>items</c> by user (and folders, dates, conversation) and by membership in the
/// index's answer, then sorts by received date; the total is a count of the same set.
/// </para>
/// </summary>
internal sealed partial class SqlMailboxStore : IMailboxSearch
{
    public Task<MailboxSearchResult> SearchAsync(long userId, MailboxQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        if (query.FolderIds is { Count: 0 })
        {
            return Task.FromResult(new MailboxSearchResult(0, []));
        }

        string where = SearchWhere(query);
        var parameters = new
        {
            UserId = userId,
            Email = (int)ItemClass.Email,
            Folders = query.FolderIds?.ToArray(),
            After = query.ReceivedAfter is { } after ? Dialect.ToDb(Microseconds(after)) : null,
            Before = query.ReceivedBefore is { } before ? Dialect.ToDb(Microseconds(before)) : null,
            Conversation = query.ConversationId,
            Match = MatchExpression(query.Words),
            Skip = skip,
            Take = take,
        };
        return database.ReadAsync(
            async connection =>
            {
                long total = await connection.ScalarAsync<long>($"SELECT COUNT(*) FROM items i WHERE {where}", parameters, null, cancellationToken).ConfigureAwait(false);
                if (take == 0 || skip >= total)
                {
                    return new MailboxSearchResult(total, []);
                }

                IEnumerable<ItemRow> rows = await connection.RowsAsync<ItemRow>(
                    $"SELECT {ItemRow.Columns} FROM items i WHERE {where} ORDER BY i.date_received DESC, i.id DESC LIMIT @Take OFFSET @Skip",
                    parameters,
                    null,
                    cancellationToken).ConfigureAwait(false);
                return new MailboxSearchResult(total, rows.Select(ToStoredItem).ToList());
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredItem>> GetPendingAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.ReadAsync<IReadOnlyList<StoredItem>>(
            async connection => (await connection.RowsAsync<ItemRow>(
                $"SELECT {ItemRow.Columns} FROM item_search_pending p JOIN items i ON i.id = p.item_id ORDER BY p.item_id LIMIT @Limit",
                new { Limit = limit },
                null,
                cancellationToken).ConfigureAwait(false)).Select(ToStoredItem).ToList(),
            cancellationToken);
    }

    public Task<bool> IndexAsync(StoredItem item, string bodyText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(bodyText);
        if (item.Email is not { } email)
        {
            throw new ArgumentException("Only emails are indexed.", nameof(item));
        }

        return database.WriteAsync(
            async (connection, transaction) =>
            {
                long? exists = await connection.ScalarAsync<long?>($"SELECT id FROM items WHERE id = @Id{Dialect.ForUpdate}", new { item.Id }, transaction, cancellationToken).ConfigureAwait(false);
                if (exists is null)
                {
                    return false;
                }

                await WriteSearchIndexAsync(connection, transaction, item.Id, email.Subject, People(email.From, email.To, email.Cc), bodyText, replace: true, cancellationToken).ConfigureAwait(false);
                await connection.RunAsync("DELETE FROM item_search_pending WHERE item_id = @Id", new { item.Id }, transaction, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    public Task<long> CountPendingAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(connection => connection.ScalarAsync<long>("SELECT COUNT(*) FROM item_search_pending", null, null, cancellationToken), cancellationToken);

    /// <summary>The query text a database's full-text search is given for <paramref name="words"/>: every word, as a prefix.</summary>
    internal string? MatchExpression(IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        // Words hold only letters and digits (SearchText), so quoting them is enough.
        return Dialect.Provider == StorageProvider.Sqlite
            ? string.Join(' ', words.Select(w => $"\"{w}\"*"))
            : string.Join(" & ", words.Select(w => $"'{w}':*"));
    }

    /// <summary>Indexes a new email in the transaction that adds it; without body text it is also marked pending.</summary>
    private async Task IndexNewEmailAsync(DbConnection connection, DbTransaction transaction, ItemRow row, CancellationToken cancellationToken)
    {
        await WriteSearchIndexAsync(connection, transaction, row.Id, row.Subject, People(row.FromList, row.ToList, row.CcList), row.SearchBody, replace: false, cancellationToken).ConfigureAwait(false);
        if (row.SearchBody is null)
        {
            await connection.RunAsync("INSERT INTO item_search_pending (item_id) VALUES (@Id)", new { row.Id }, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteSearchIndexAsync(DbConnection connection, DbTransaction transaction, long itemId, string? subject, string people, string? body, bool replace, CancellationToken cancellationToken)
    {
        string subjectText = SearchText.Normalize(subject);
        string peopleText = SearchText.Normalize(people);
        string bodyText = SearchText.Normalize(body);
        if (Dialect.Provider == StorageProvider.Sqlite)
        {
            if (replace)
            {
                await connection.RunAsync("DELETE FROM item_search WHERE rowid = @Id", new { Id = itemId }, transaction, cancellationToken).ConfigureAwait(false);
            }

            await connection.RunAsync(
                "INSERT INTO item_search (rowid, subject, people, body) VALUES (@Id, @Subject, @People, @Body)",
                new { Id = itemId, Subject = subjectText, People = peopleText, Body = bodyText },
                transaction,
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await connection.RunAsync(
                "INSERT INTO item_search (item_id, document) VALUES (@Id, to_tsvector('simple', @Text)) " +
                "ON CONFLICT (item_id) DO UPDATE SET document = excluded.document",
                new { Id = itemId, Text = string.Join(' ', subjectText, peopleText, bodyText) },
                transaction,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private string SearchWhere(MailboxQuery query)
    {
        var where = new StringBuilder("i.user_id = @UserId AND i.item_class = @Email");
        if (query.FolderIds is not null)
        {
            where.Append(" AND ").Append(Dialect.InList("i.folder_id", "@Folders"));
        }

        if (query.ReceivedAfter is not null)
        {
            where.Append(" AND i.date_received > @After");
        }

        if (query.ReceivedBefore is not null)
        {
            where.Append(" AND i.date_received < @Before");
        }

        if (query.ConversationId is not null)
        {
            where.Append(" AND i.conversation_id = @Conversation");
        }

        if (query.Words.Count > 0)
        {
            where.Append(Dialect.Provider == StorageProvider.Sqlite
                ? " AND i.id IN (SELECT rowid FROM item_search WHERE item_search MATCH @Match)"
                : " AND i.id IN (SELECT s.item_id FROM item_search s WHERE s.document @@ to_tsquery('simple', @Match))");
        }

        return where.ToString();
    }

    private static string People(string? from, string? to, string? cc) =>
        string.Create(CultureInfo.InvariantCulture, $"{from} {to} {cc}");
}
