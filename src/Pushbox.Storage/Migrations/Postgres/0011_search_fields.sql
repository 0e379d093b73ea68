-- Find (KQL property restrictions): the full-text index tells the fields of an email apart, so that
-- from:, to:, cc:, participants:, subject: and body: can be answered. Kept in step with
-- Migrations/Sqlite/0011_search_fields.sql.
--
-- item_search.document now carries weights: A the subject, B the sender, C the To and Cc recipients,
-- D the body (one GIN index answers every field). To and Cc share C, so recipients_to and recipients_cc
-- hold those two alone, to tell them apart on the rows the index found. Rows written before this keep
-- their unweighted document (every word D) until the indexer rewrites them: every email is marked
-- pending, and pushbox serve (at start) or pushbox mailbox reindex works through them.
ALTER TABLE item_search ADD COLUMN recipients_to tsvector NOT NULL DEFAULT ''::tsvector;
ALTER TABLE item_search ADD COLUMN recipients_cc tsvector NOT NULL DEFAULT ''::tsvector;
INSERT INTO item_search_pending (item_id) SELECT id FROM items WHERE item_class = 1 ON CONFLICT DO NOTHING;
