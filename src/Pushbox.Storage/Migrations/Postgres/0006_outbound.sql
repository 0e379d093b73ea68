-- Sending mail. Kept in step with Migrations/Sqlite/0006_outbound.sql.
--
-- outbound_queue: mail waiting for the relay, one row per message (not per recipient, so that the
-- relay gets it once for all its recipients). recipients is a JSON array of the recipients still to
-- do. A sender claims a due row by setting lease_owner and lease_until (FOR UPDATE SKIP LOCKED, so
-- that several servers never take the same row); another sender may take it only after the lease
-- lapsed. blob_hash keeps the content safe from blob garbage collection.
CREATE TABLE outbound_queue (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    blob_hash        text        NOT NULL,
    size             bigint      NOT NULL,
    reverse_path     text        NOT NULL,
    recipients       text        NOT NULL,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    last_error       text        NOT NULL DEFAULT '',
    lease_owner      text        NULL,
    lease_until      timestamptz NULL
);
CREATE INDEX ix_outbound_queue_due ON outbound_queue (next_attempt_at);
CREATE INDEX ix_outbound_queue_blob ON outbound_queue (blob_hash);

-- The ClientIds of SendMail, SmartReply and SmartForward (EAS 14.0+) a device has sent, so that a
-- retried command sends nothing twice.
CREATE TABLE sent_client_ids (
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id  text        NOT NULL,
    client_id  text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, device_id, client_id)
);
CREATE INDEX ix_sent_client_ids_created ON sent_client_ids (created_at);

-- The last reply or forward of an email (email2:LastVerbExecuted, 1 reply to sender, 2 reply to all,
-- 3 forward) and when it happened; null when never.
ALTER TABLE items ADD COLUMN last_verb integer NULL;
ALTER TABLE items ADD COLUMN last_verb_at timestamptz NULL;
