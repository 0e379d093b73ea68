using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
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

        var parameters = new DynamicParameters(new
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
        });
        string where = SearchWhere(query, parameters);
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

                await WriteSearchIndexAsync(connection, transaction, item.Id, new IndexedText(email.Subject, email.From, email.To, email.Cc, bodyText), replace: true, cancellationToken).ConfigureAwait(false);
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
        await WriteSearchIndexAsync(connection, transaction, row.Id, new IndexedText(row.Subject, row.FromList, row.ToList, row.CcList, row.SearchBody), replace: false, cancellationToken).ConfigureAwait(false);
        if (row.SearchBody is null)
        {
            await connection.RunAsync("INSERT INTO item_search_pending (item_id) VALUES (@Id)", new { row.Id }, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteSearchIndexAsync(DbConnection connection, DbTransaction transaction, long itemId, IndexedText text, bool replace, CancellationToken cancellationToken)
    {
        var row = new
        {
            Id = itemId,
            Subject = SearchText.Normalize(text.Subject),
            Sender = SearchText.Normalize(text.From),
            To = SearchText.Normalize(text.To),
            Cc = SearchText.Normalize(text.Cc),
            Body = SearchText.Normalize(text.Body),
        };
        if (Dialect.Provider == StorageProvider.Sqlite)
        {
            if (replace)
            {
                await connection.RunAsync("DELETE FROM item_search WHERE rowid = @Id", new { Id = itemId }, transaction, cancellationToken).ConfigureAwait(false);
            }

            await connection.RunAsync(
                "INSERT INTO item_search (rowid, subject, sender, to_list, cc_list, body) VALUES (@Id, @Subject, @Sender, @To, @Cc, @Body)",
                row,
                transaction,
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Weights tell the fields apart in one GIN-indexed document: A subject, B sender, C To and Cc, D body.
            await connection.RunAsync(
                "INSERT INTO item_search (item_id, document, recipients_to, recipients_cc) VALUES (@Id, " +
                "setweight(to_tsvector('simple', @Subject), 'A') || setweight(to_tsvector('simple', @Sender), 'B') || " +
                "setweight(to_tsvector('simple', @To), 'C') || setweight(to_tsvector('simple', @Cc), 'C') || setweight(to_tsvector('simple', @Body), 'D'), " +
                "to_tsvector('simple', @To), to_tsvector('simple', @Cc)) " +
                "ON CONFLICT (item_id) DO UPDATE SET document = excluded.document, recipients_to = excluded.recipients_to, recipients_cc = excluded.recipients_cc",
                row,
                transaction,
                cancellationToken).ConfigureAwait(false);
        }
    }

    private string SearchWhere(MailboxQuery query, DynamicParameters parameters)
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

        if (query.Condition is { } condition)
        {
            where.Append(" AND ");
            new ConditionSql(Dialect, parameters, where).Append(condition);
        }

        return where.ToString();
    }

    /// <summary>The text of an email as the index takes it, before normalisation.</summary>
    private sealed record IndexedText(string? Subject, string? From, string? To, string? Cc, string? Body);

    /// <summary>
    /// A <see cref="SearchCondition"/> as SQL over <c>items i</c>: each word condition a membership in the
    /// index's answer (its own parameter), dates and the attachment flag as columns, and, or and not as SQL's.
    /// </summary>
    private sealed class ConditionSql(SqlDialect dialect, DynamicParameters parameters, StringBuilder sql)
    {
        private int _count;

        public void Append(SearchCondition condition)
        {
            switch (condition)
            {
                case TextCondition text:
                    AppendText(text);
                    break;
                case AttachmentCondition attachment:
                    sql.Append("i.has_attachments = ").Append(Parameter(attachment.HasAttachments));
                    break;
                case ReceivedCondition received:
                    AppendReceived(received);
                    break;
                case NotCondition not:
                    sql.Append("NOT (");
                    Append(not.Condition);
                    sql.Append(')');
                    break;
                case AndCondition and:
                    AppendAll(and.Conditions, " AND ");
                    break;
                case OrCondition or:
                    AppendAll(or.Conditions, " OR ");
                    break;
                default:
                    throw new ArgumentException($"Unknown search condition {condition.GetType().Name}.", nameof(condition));
            }
        }

        private void AppendAll(IReadOnlyList<SearchCondition> conditions, string separator)
        {
            sql.Append('(');
            for (int i = 0; i < conditions.Count; i++)
            {
                if (i > 0)
                {
                    sql.Append(separator);
                }

                Append(conditions[i]);
            }

            sql.Append(')');
        }

        private void AppendReceived(ReceivedCondition received)
        {
            sql.Append('(');
            sql.Append(received.From is { } from ? $"i.date_received >= {Parameter(dialect.ToDb(Microseconds(from)))}" : "1 = 1");
            if (received.Before is { } before)
            {
                sql.Append($" AND i.date_received < {Parameter(dialect.ToDb(Microseconds(before)))}");
            }

            sql.Append(')');
        }

        private void AppendText(TextCondition text)
        {
            if (dialect.Provider == StorageProvider.Sqlite)
            {
                sql.Append("i.id IN (SELECT rowid FROM item_search WHERE item_search MATCH ").Append(Parameter(SqliteMatch(text))).Append(')');
                return;
            }

            // To and Cc share weight C: a condition on one of them alone is checked on its own column too.
            SearchField fields = text.Fields;
            bool toAlone = (fields & SearchField.Participants) == SearchField.To;
            bool ccAlone = (fields & SearchField.Participants) == SearchField.Cc;
            if ((toAlone || ccAlone) && fields != SearchField.To && fields != SearchField.Cc)
            {
                // Never made by KQL: split it into the recipient field and the rest.
                Append(new OrCondition([text with { Fields = fields & SearchField.Participants }, text with { Fields = fields & ~SearchField.Participants }]));
                return;
            }

            string document = Parameter(PostgresQuery(text, Weights(fields)));
            sql.Append("i.id IN (SELECT s.item_id FROM item_search s WHERE s.document @@ to_tsquery('simple', ").Append(document).Append(')');
            if (toAlone || ccAlone)
            {
                sql.Append(toAlone ? " AND s.recipients_to" : " AND s.recipients_cc")
                    .Append(" @@ to_tsquery('simple', ").Append(Parameter(PostgresQuery(text, string.Empty))).Append(')');
            }

            sql.Append(')');
        }

        private string Parameter(object value)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"@C{_count++}");
            parameters.Add(name, value);
            return name;
        }

        /// <summary>FTS5: a column filter and the words, each a prefix, or the phrase. Words hold only letters and digits (SearchText), so quoting them is enough.</summary>
        private static string SqliteMatch(TextCondition text)
        {
            string words = text.Phrase
                ? $"\"{string.Join(' ', text.Words)}\""
                : $"({string.Join(" AND ", text.Words.Select(w => $"\"{w}\"*"))})";
            if (text.Fields == SearchField.All)
            {
                return words;
            }

            var columns = new List<string>(5);
            AddIf(columns, text.Fields, SearchField.Subject, "subject");
            AddIf(columns, text.Fields, SearchField.From, "sender");
            AddIf(columns, text.Fields, SearchField.To, "to_list");
            AddIf(columns, text.Fields, SearchField.Cc, "cc_list");
            AddIf(columns, text.Fields, SearchField.Body, "body");
            return $"{{{string.Join(' ', columns)}}} : {words}";
        }

        private static void AddIf(List<string> columns, SearchField fields, SearchField field, string column)
        {
            if ((fields & field) != 0)
            {
                columns.Add(column);
            }
        }

        /// <summary>The weight letters of <paramref name="fields"/> in the document; empty for every field.</summary>
        private static string Weights(SearchField fields)
        {
            if (fields == SearchField.All)
            {
                return string.Empty;
            }

            var weights = new StringBuilder(4);
            if ((fields & SearchField.Subject) != 0)
            {
                weights.Append('A');
            }

            if ((fields & SearchField.From) != 0)
            {
                weights.Append('B');
            }

            if ((fields & (SearchField.To | SearchField.Cc)) != 0)
            {
                weights.Append('C');
            }

            if ((fields & SearchField.Body) != 0)
            {
                weights.Append('D');
            }

            return weights.ToString();
        }

        /// <summary>tsquery: every word a prefix (joined by &amp;) or the phrase (joined by &lt;-&gt;), each limited to <paramref name="weights"/>.</summary>
        private static string PostgresQuery(TextCondition text, string weights) =>
            text.Phrase
                ? string.Join(" <-> ", text.Words.Select(w => $"'{w}'{(weights.Length > 0 ? ":" + weights : string.Empty)}"))
                : string.Join(" & ", text.Words.Select(w => $"'{w}':*{weights}"));
    }
}
