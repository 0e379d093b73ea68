-- Pushbox schema 1 (PostgreSQL). Kept in step with Migrations/Sqlite/0001_initial.sql: same tables,
-- columns, keys and indexes; only the types differ (see PostgresDialect).
-- Identity columns come from sequences, which never hand out an id twice.

CREATE TABLE policies (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    is_default  boolean     NOT NULL DEFAULT false,
    settings    text        NOT NULL DEFAULT '{}',
    version     bigint      NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT ux_policies_name UNIQUE (name)
);
CREATE UNIQUE INDEX ux_policies_default ON policies (is_default) WHERE is_default;

CREATE TABLE users (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address            text        NOT NULL,
    address_key        text        NOT NULL,
    display_name       text        NOT NULL DEFAULT '',
    password_hash      text        NOT NULL,
    enabled            boolean     NOT NULL DEFAULT true,
    credential_version bigint      NOT NULL DEFAULT 1,
    hierarchy_seq      bigint      NOT NULL DEFAULT 0,
    policy_id          bigint      NULL REFERENCES policies (id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL,
    CONSTRAINT ux_users_address_key UNIQUE (address_key)
);
CREATE INDEX ix_users_policy ON users (policy_id);

-- address_key is unique here and, enforced by the store, across users.address_key too.
CREATE TABLE user_aliases (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address      text   NOT NULL,
    address_key  text   NOT NULL,
    CONSTRAINT ux_user_aliases_address_key UNIQUE (address_key)
);
CREATE INDEX ix_user_aliases_user ON user_aliases (user_id);

-- modseq: the highest item sequence of the folder. hierarchy_seq: users.hierarchy_seq at the
-- folder's last create, rename or move.
CREATE TABLE folders (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    parent_id      bigint  NULL REFERENCES folders (id) ON DELETE CASCADE,
    name           text    NOT NULL,
    name_key       text    NOT NULL,
    type           integer NOT NULL,
    modseq         bigint  NOT NULL DEFAULT 0,
    hierarchy_seq  bigint  NOT NULL
);
-- Sibling names are unique case-insensitively; top-level folders are siblings of each other (parent 0).
CREATE UNIQUE INDEX ux_folders_sibling_name ON folders (user_id, COALESCE(parent_id, 0), name_key);
-- One default folder of each standard type (Inbox .. Journal) per user.
CREATE UNIQUE INDEX ux_folders_standard_type ON folders (user_id, type) WHERE type BETWEEN 2 AND 11;
CREATE INDEX ix_folders_parent ON folders (parent_id);

CREATE TABLE folder_tombstones (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    folder_id      bigint NOT NULL,
    hierarchy_seq  bigint NOT NULL
);
CREATE INDEX ix_folder_tombstones_user_seq ON folder_tombstones (user_id, hierarchy_seq);

CREATE TABLE items (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    folder_id        bigint      NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    item_class       integer     NOT NULL,
    modseq           bigint      NOT NULL,
    size             bigint      NOT NULL,
    blob_hash        text        NULL,
    from_list        text        NULL,
    to_list          text        NULL,
    cc_list          text        NULL,
    reply_to         text        NULL,
    subject          text        NULL,
    date_received    timestamptz NULL,
    importance       integer     NOT NULL DEFAULT 1,
    message_class    text        NULL,
    is_read          boolean     NOT NULL DEFAULT false,
    flag             text        NULL,
    categories       text        NULL,
    has_attachments  boolean     NOT NULL DEFAULT false,
    conversation_id  bytea       NULL,
    message_id       text        NULL,
    thread_topic     text        NULL,
    properties       text        NULL,
    created_at       timestamptz NOT NULL
);
-- The change log read: "items of folder F with modseq > N, by modseq" is a range of this index.
CREATE UNIQUE INDEX ux_items_folder_modseq ON items (folder_id, modseq);
CREATE INDEX ix_items_folder_blob ON items (folder_id, blob_hash);
CREATE INDEX ix_items_blob ON items (blob_hash);
CREATE INDEX ix_items_user ON items (user_id);

-- What left a folder (deleted or moved out), stamped with the folder's modseq at that moment.
CREATE TABLE item_tombstones (
    folder_id  bigint NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    modseq     bigint NOT NULL,
    item_id    bigint NOT NULL,
    PRIMARY KEY (folder_id, modseq)
);
CREATE INDEX ix_item_tombstones_folder_item ON item_tombstones (folder_id, item_id);

CREATE TABLE devices (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    device_id     text        NOT NULL,
    device_type   text        NOT NULL,
    user_agent    text        NOT NULL,
    access_state  integer     NOT NULL DEFAULT 0,
    first_seen    timestamptz NOT NULL,
    last_seen     timestamptz NOT NULL,
    CONSTRAINT ux_devices_user_device UNIQUE (user_id, device_id)
);

CREATE TABLE sync_states (
    device_id       bigint      NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    collection_id   text        NOT NULL,
    version         bigint      NOT NULL,
    format_version  integer     NOT NULL,
    data            bytea       NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (device_id, collection_id)
);
