-- Provisioning (issue 7): policy names unique case-insensitively (by a lower-cased key, as addresses
-- and folder names), the AllowNonProvisionableDevices switch, and each device's policy keys and what
-- it reported in Settings:DeviceInformation. Kept in step with Migrations/Postgres/0004_provisioning.sql.
ALTER TABLE policies ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE policies ADD COLUMN allow_non_provisionable INTEGER NOT NULL DEFAULT 0 CHECK (allow_non_provisionable IN (0, 1));
-- No Pushbox before schema 4 wrote policies; this covers rows an administrator inserted by hand.
UPDATE policies SET name_key = lower(name);
CREATE UNIQUE INDEX ux_policies_name_key ON policies (name_key);

-- pending_policy_key: issued by a Provision download, not yet acknowledged. policy_key: acknowledged,
-- for policy_id at policy_version. Keys are unsigned 32-bit (X-MS-PolicyKey).
ALTER TABLE devices ADD COLUMN pending_policy_key INTEGER NULL;
ALTER TABLE devices ADD COLUMN policy_key INTEGER NULL;
ALTER TABLE devices ADD COLUMN policy_id INTEGER NULL REFERENCES policies (id) ON DELETE SET NULL;
ALTER TABLE devices ADD COLUMN policy_version INTEGER NULL;
ALTER TABLE devices ADD COLUMN model TEXT NULL;
ALTER TABLE devices ADD COLUMN imei TEXT NULL;
ALTER TABLE devices ADD COLUMN friendly_name TEXT NULL;
ALTER TABLE devices ADD COLUMN os TEXT NULL;
ALTER TABLE devices ADD COLUMN os_language TEXT NULL;
ALTER TABLE devices ADD COLUMN phone_number TEXT NULL;
ALTER TABLE devices ADD COLUMN mobile_operator TEXT NULL;
CREATE INDEX ix_devices_policy ON devices (policy_id);
