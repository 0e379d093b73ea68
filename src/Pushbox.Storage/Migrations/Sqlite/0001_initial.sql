-- Pushbox schema 1 (SQLite). Kept in step with Migrations/Postgres/0001_initial.sql: same tables,
-- columns, keys and indexes; only the types differ (see SqliteDialect).
-- Identifiers use AUTOINCREMENT so that an id is never handed out twice: a device may still hold
-- "folder:item" of a deleted item, and a reused id would name a different message.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC); booleans are 0/1. Tables read by
-- primary-key range (the tombstones, sync state) are WITHOUT ROWID: the key is the row's place.

CREATE TABLE policies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL,
    is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    settings    TEXT    NOT NULL DEFAULT '{}',
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  INTEGER NOT NULL,
    CONSTRAINT ux_policies_name UNIQUE (name)
);
CREATE UNIQUE INDEX ux_policies_default ON policies (is_default) WHERE is_default = 1;

CREATE TABLE users (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    address            TEXT    NOT NULL,
    address_key        TEXT    NOT NULL,
    display_name       TEXT    NOT NULL DEFAULT '',
    password_hash      TEXT    NOT NULL,
    enabled            INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    credential_version INTEGER NOT NULL DEFAULT 1,
    hierarchy_seq      INTEGER NOT NULL DEFAULT 0,
    policy_id          INTEGER NULL REFERENCES policies (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    CONSTRAINT ux_users_address_key UNIQUE (address_key)
);
CREATE INDEX ix_users_policy ON users (policy_id);

-- address_key is unique here and, enforced by the store, across users.address_key too.
CREATE TABLE user_aliases (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address      TEXT    NOT NULL,
    address_key  TEXT    NOT NULL,
    CONSTRAINT ux_user_aliases_address_key UNIQUE (address_key)
);
CREATE INDEX ix_user_aliases_user ON user_aliases (user_id);

-- modseq: the highest item sequence of the folder. hierarchy_seq: users.hierarchy_seq at the
-- folder's last create, rename or move.
CREATE TABLE folders (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_id      INTEGER NULL REFERENCES folders (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    name_key       TEXT    NOT NULL,
    type           INTEGER NOT NULL,
    modseq         INTEGER NOT NULL DEFAULT 0,
    hierarchy_seq  INTEGER NOT NULL
);
-- Sibling names are unique case-insensitively; top-level folders are siblings of each other (parent 0).
CREATE UNIQUE INDEX ux_folders_sibling_name ON folders (user_id, COALESCE(parent_id, 0), name_key);
-- One default folder of each standard type (Inbox .. Journal) per user.
CREATE UNIQUE INDEX ux_folders_standard_type ON folders (user_id, type) WHERE type BETWEEN 2 AND 11;
CREATE INDEX ix_folders_parent ON folders (parent_id);

CREATE TABLE folder_tombstones (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    folder_id      INTEGER NOT NULL,
    hierarchy_seq  INTEGER NOT NULL
);
CREATE INDEX ix_folder_tombstones_user_seq ON folder_tombstones (user_id, hierarchy_seq);

CREATE TABLE items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    folder_id        INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    item_class       INTEGER NOT NULL,
    modseq           INTEGER NOT NULL,
    size             INTEGER NOT NULL,
    blob_hash        TEXT    NULL,
    from_list        TEXT    NULL,
    to_list          TEXT    NULL,
    cc_list          TEXT    NULL,
    reply_to         TEXT    NULL,
    subject          TEXT    NULL,
    date_received    INTEGER NULL,
    importance       INTEGER NOT NULL DEFAULT 1,
    message_class    TEXT    NULL,
    is_read          INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
    flag             TEXT    NULL,
    categories       TEXT    NULL,
    has_attachments  INTEGER NOT NULL DEFAULT 0 CHECK (has_attachments IN (0, 1)),
    conversation_id  BLOB    NULL,
    message_id       TEXT    NULL,
    thread_topic     TEXT    NULL,
    properties       TEXT    NULL,
    created_at       INTEGER NOT NULL
);
-- The change log read: "items of folder F with modseq > N, by modseq" is a range of this index.
CREATE UNIQUE INDEX ux_items_folder_modseq ON items (folder_id, modseq);
CREATE INDEX ix_items_folder_blob ON items (folder_id, blob_hash);
CREATE INDEX ix_items_blob ON items (blob_hash);
CREATE INDEX ix_items_user ON items (user_id);

-- What left a folder (deleted or moved out), stamped with the folder's modseq at that moment.
CREATE TABLE item_tombstones (
    folder_id  INTEGER NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    modseq     INTEGER NOT NULL,
    item_id    INTEGER NOT NULL,
    PRIMARY KEY (folder_id, modseq)
) WITHOUT ROWID;
CREATE INDEX ix_item_tombstones_folder_item ON item_tombstones (folder_id, item_id);

CREATE TABLE devices (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id     TEXT    NOT NULL,
    device_type   TEXT    NOT NULL,
    user_agent    TEXT    NOT NULL,
    access_state  INTEGER NOT NULL DEFAULT 0,
    first_seen    INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    CONSTRAINT ux_devices_user_device UNIQUE (user_id, device_id)
);

CREATE TABLE sync_states (
    device_id       INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    collection_id   TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    format_version  INTEGER NOT NULL,
    data            BLOB    NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (device_id, collection_id)
) WITHOUT ROWID;
