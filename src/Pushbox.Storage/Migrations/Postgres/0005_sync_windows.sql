-- What a Sync needs to classify changes without an inventory of each device's items. Kept in step
-- with Migrations/Sqlite/0005_sync_windows.sql.
--
-- items.added_modseq: the folder's modseq when the item entered its current folder (added or moved
-- in); a change with added_modseq <= N is to an item a device at N already has. Before schema 5 it
-- was not kept: existing rows get their current modseq, the latest it can have been.
ALTER TABLE items ADD COLUMN added_modseq bigint NOT NULL DEFAULT 0;
UPDATE items SET added_modseq = modseq;

-- A tombstone keeps the item's added_modseq (0: left before schema 5, unknown) and date_received, so
-- that a reader can tell whether a device ever had the item and whether it was in its date window.
ALTER TABLE item_tombstones ADD COLUMN added_modseq bigint NOT NULL DEFAULT 0;
ALTER TABLE item_tombstones ADD COLUMN date_received timestamptz NULL;

-- Date windows (Sync FilterType): "items of folder F received since T", and paging through the
-- items between two dates by (date_received, id).
CREATE INDEX ix_items_folder_date ON items (folder_id, date_received, id);
-- The emails of a conversation, in any folder of the user (ItemOperations Move of a conversation).
CREATE INDEX ix_items_user_conversation ON items (user_id, conversation_id);
