-- Out of Office replies still to decide. Kept in step with Migrations/Postgres/0012_oof_pending.sql.
--
-- oof_pending: one row per delivered message whose recipients may owe its sender an automatic reply, written in the
-- delivery's transaction and removed in the transaction that sends the reply (or decides none is due), so a reply
-- is neither lost to a shutdown or crash nor sent twice. A responder claims a row under a lease, as the outbound
-- queue does; user_ids is a JSON array of the recipients' user ids. blob_hash keeps the content from blob collection.
CREATE TABLE oof_pending (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    blob_hash     TEXT    NOT NULL,
    reverse_path  TEXT    NOT NULL,
    user_ids      TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    lease_owner   TEXT    NULL,
    lease_until   INTEGER NULL
);
CREATE INDEX ix_oof_pending_blob ON oof_pending (blob_hash);
