-- Find (KQL property restrictions): the full-text index keeps the sender, the To and the Cc recipients
-- apart, so that from:, to:, cc: and participants: can be answered. Kept in step with
-- Migrations/Postgres/0011_search_fields.sql.
--
-- item_search is rebuilt with the columns subject, sender, to_list, cc_list, body (same tokenizer and
-- prefix indexes as schema 7). A contentless table cannot be reshaped, so it is filled again here from
-- the items' headers (FTS5's unicode61 folds case as SearchText does; diacritics are folded when the
-- indexer rewrites the row) and every email is marked pending, so that the indexer (pushbox serve at
-- start, pushbox mailbox reindex) writes each row anew with its normalised headers and its body.
DROP TRIGGER tr_items_search_delete;
DROP TABLE item_search;
CREATE VIRTUAL TABLE item_search USING fts5 (
    subject, sender, to_list, cc_list, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3',
    content = '',
    contentless_delete = 1
);
CREATE TRIGGER tr_items_search_delete AFTER DELETE ON items
BEGIN
    DELETE FROM item_search WHERE rowid = old.id;
END;
INSERT INTO item_search (rowid, subject, sender, to_list, cc_list, body)
    SELECT id, coalesce(subject, ''), coalesce(from_list, ''), coalesce(to_list, ''), coalesce(cc_list, ''), ''
    FROM items WHERE item_class = 1;
INSERT OR IGNORE INTO item_search_pending (item_id) SELECT id FROM items WHERE item_class = 1;
