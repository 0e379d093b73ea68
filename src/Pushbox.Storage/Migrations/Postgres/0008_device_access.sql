-- Device access and remote wipe (issue 7). Kept in step with Migrations/Sqlite/0008_device_access.sql.
--
-- devices.access_override: the administrator's decision for one device (pushbox device allow|block|quarantine),
-- which takes precedence over the rules; NULL: none. devices.access_state stays the access the server last
-- decided at a request. Before schema 8 access_state held the administrator's decision: a device not allowed
-- keeps it as its override.
ALTER TABLE devices ADD COLUMN access_override integer NULL;
UPDATE devices SET access_override = access_state WHERE access_state <> 0;

-- The remote wipe ordered for the device: wipe_kind 1 full, 2 account only (NULL: none); when it was ordered,
-- last sent, last acknowledged, and the device's acknowledgement status (1 wiped, 2 failed).
ALTER TABLE devices ADD COLUMN wipe_kind integer NULL;
ALTER TABLE devices ADD COLUMN wipe_requested_at timestamptz NULL;
ALTER TABLE devices ADD COLUMN wipe_sent_at timestamptz NULL;
ALTER TABLE devices ADD COLUMN wipe_acknowledged_at timestamptz NULL;
ALTER TABLE devices ADD COLUMN wipe_status integer NULL;

-- Organisation-wide device access rules: characteristic 0 DeviceType, 1 Model, 2 User-Agent, 3 OS; the pattern
-- matched ignoring case (pattern_key, lower-cased, is unique per characteristic); access_level as access_state.
CREATE TABLE device_access_rules (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    characteristic  integer     NOT NULL,
    pattern         text        NOT NULL,
    pattern_key     text        NOT NULL,
    access_level    integer     NOT NULL,
    created_at      timestamptz NOT NULL,
    CONSTRAINT ux_device_access_rules_pattern UNIQUE (characteristic, pattern_key)
);

-- One row: the access level of a device no per-device decision or rule covers (0 allow, 1 block, 2 quarantine).
CREATE TABLE device_access_settings (
    id              integer PRIMARY KEY CHECK (id = 1),
    default_access  integer NOT NULL
);
INSERT INTO device_access_settings (id, default_access) VALUES (1, 0);
