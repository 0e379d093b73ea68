-- Settings command (issue 8): Out of Office settings per user, whom a reply went to in each generation of
-- them, and devices' recovery passwords (AES-GCM sealed with a key in the data folder, never in clear).
-- Kept in step with Migrations/Sqlite/0009_user_settings.sql.
CREATE TABLE oof_settings (
    user_id                 bigint      NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mode                    integer     NOT NULL CHECK (mode IN (0, 1, 2)),
    start_time              timestamptz NULL,
    end_time                timestamptz NULL,
    internal_enabled        boolean     NOT NULL,
    internal_message        text        NOT NULL,
    internal_html           boolean     NOT NULL,
    known_enabled           boolean     NOT NULL,
    known_message           text        NOT NULL,
    known_html              boolean     NOT NULL,
    unknown_enabled         boolean     NOT NULL,
    unknown_message         text        NOT NULL,
    unknown_html            boolean     NOT NULL,
    generation              bigint      NOT NULL,
    updated_at              timestamptz NOT NULL
);

-- One row per sender that got a reply in a generation; older generations are deleted when the settings change.
CREATE TABLE oof_replies (
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    generation  bigint      NOT NULL,
    sender_key  text        NOT NULL,
    sent_at     timestamptz NOT NULL,
    PRIMARY KEY (user_id, generation, sender_key)
);

CREATE TABLE device_recovery_passwords (
    device_id   bigint      NOT NULL PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    sealed      bytea       NOT NULL,
    set_at      timestamptz NOT NULL
);
