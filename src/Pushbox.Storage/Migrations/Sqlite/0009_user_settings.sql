-- Settings command (issue 8): Out of Office settings per user, whom a reply went to in each generation of
-- them, and devices' recovery passwords (AES-GCM sealed with a key in the data folder, never in clear).
-- Kept in step with Migrations/Postgres/0009_user_settings.sql.
CREATE TABLE oof_settings (
    user_id                 INTEGER NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mode                    INTEGER NOT NULL CHECK (mode IN (0, 1, 2)),
    start_time              INTEGER NULL,
    end_time                INTEGER NULL,
    internal_enabled        INTEGER NOT NULL CHECK (internal_enabled IN (0, 1)),
    internal_message        TEXT    NOT NULL,
    internal_html           INTEGER NOT NULL CHECK (internal_html IN (0, 1)),
    known_enabled           INTEGER NOT NULL CHECK (known_enabled IN (0, 1)),
    known_message           TEXT    NOT NULL,
    known_html              INTEGER NOT NULL CHECK (known_html IN (0, 1)),
    unknown_enabled         INTEGER NOT NULL CHECK (unknown_enabled IN (0, 1)),
    unknown_message         TEXT    NOT NULL,
    unknown_html            INTEGER NOT NULL CHECK (unknown_html IN (0, 1)),
    generation              INTEGER NOT NULL,
    updated_at              INTEGER NOT NULL
);

-- One row per sender that got a reply in a generation; older generations are deleted when the settings change.
CREATE TABLE oof_replies (
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    generation  INTEGER NOT NULL,
    sender_key  TEXT    NOT NULL,
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (user_id, generation, sender_key)
) WITHOUT ROWID;

CREATE TABLE device_recovery_passwords (
    device_id   INTEGER NOT NULL PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    sealed      BLOB    NOT NULL,
    set_at      INTEGER NOT NULL
);
