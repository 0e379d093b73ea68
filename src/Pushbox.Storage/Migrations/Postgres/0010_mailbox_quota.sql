-- Mailbox quotas: each user's own limits (NULL: the server default, -1: unlimited, else bytes) and the
-- running size of each mailbox, kept by the item writes in their own transactions so that a delivery
-- reads it by primary key. warned_at: the warning size the user was warned about, cleared when the
-- mailbox shrinks below it (one warning per crossing). The size lives apart from users so that item
-- writes (folder row, then usage row) never take the user row that hierarchy changes take first.
-- Kept in step with Migrations/Sqlite/0010_mailbox_quota.sql.
ALTER TABLE users ADD COLUMN quota_warning bigint NULL;
ALTER TABLE users ADD COLUMN quota_prohibit_send bigint NULL;
ALTER TABLE users ADD COLUMN quota_prohibit_send_receive bigint NULL;

CREATE TABLE mailbox_usage (
    user_id    bigint NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    bytes      bigint NOT NULL DEFAULT 0,
    warned_at  bigint NULL
);

INSERT INTO mailbox_usage (user_id, bytes)
SELECT u.id, COALESCE((SELECT SUM(i.size) FROM items i WHERE i.user_id = u.id), 0) FROM users u;
