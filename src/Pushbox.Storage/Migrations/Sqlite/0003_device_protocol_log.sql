-- Per-device protocol log switch (pushbox device log EMAIL DEVICEID on|off).
ALTER TABLE devices ADD COLUMN protocol_log INTEGER NOT NULL DEFAULT 0;
