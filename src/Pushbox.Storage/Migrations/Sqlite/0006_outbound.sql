-- Sending mail. Kept in step with Migrations/Postgres/0006_outbound.sql.
--
-- outbound_queue: mail waiting for the relay, one row per message (not per recipient, so that the
-- relay gets it once for all its recipients). recipients is a JSON array of the recipients still to
-- do. A sender claims a due row by setting lease_owner and lease_until; another sender may take it only
-- after the lease lapsed. blob_hash keeps the content safe from blob garbage collection.
CREATE TABLE outbound_queue (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    blob_hash        TEXT    NOT NULL,
    size             INTEGER NOT NULL,
    reverse_path     TEXT    NOT NULL,
    recipients       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT    NOT NULL DEFAULT '',
    lease_owner      TEXT    NULL,
    lease_until      INTEGER NULL
);
CREATE INDEX ix_outbound_queue_due ON outbound_queue (next_attempt_at);
CREATE INDEX ix_outbound_queue_blob ON outbound_queue (blob_hash);

-- The ClientIds of SendMail, SmartReply and SmartForward (EAS 14.0+) a device has sent, so that a
-- retried command sends nothing twice.
CREATE TABLE sent_client_ids (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id  TEXT    NOT NULL,
    client_id  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, device_id, client_id)
) WITHOUT ROWID;
CREATE INDEX ix_sent_client_ids_created ON sent_client_ids (created_at);

-- The last reply or forward of an email (email2:LastVerbExecuted, 1 reply to sender, 2 reply to all,
-- 3 forward) and when it happened; null when never.
ALTER TABLE items ADD COLUMN last_verb INTEGER NULL;
ALTER TABLE items ADD COLUMN last_verb_at INTEGER NULL;
