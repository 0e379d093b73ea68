-- The EAS protocol version of each device's latest request (issue: front door records it).
ALTER TABLE devices ADD COLUMN protocol_version TEXT NOT NULL DEFAULT '';
