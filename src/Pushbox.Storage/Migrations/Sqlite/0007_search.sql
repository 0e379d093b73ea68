-- Search (issue 8): the full-text index of emails, the global address list fields of users, their
-- pictures and S/MIME certificates. Kept in step with Migrations/Postgres/0007_search.sql.
--
-- item_search: one FTS5 row per email, rowid = items.id, over text normalised by the store
-- (SearchText: lower case, no diacritics, words separated by single spaces). Contentless: the text is
-- not kept twice; contentless_delete lets a row go by rowid. The trigger keeps it in step with items,
-- however an item goes (DeleteItem, EmptyFolder, a folder or user deleted by cascade). A move changes
-- items.folder_id only, which the index does not hold.
CREATE VIRTUAL TABLE item_search USING fts5 (
    subject, people, body,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3',
    content = '',
    contentless_delete = 1
);
CREATE TRIGGER tr_items_search_delete AFTER DELETE ON items
BEGIN
    DELETE FROM item_search WHERE rowid = old.id;
END;

-- Emails whose text is not (or not wholly) in item_search yet: the store adds one when a writer gave
-- no body text, and the indexer (pushbox serve at start, pushbox mailbox reindex) works through them.
-- Every email stored before schema 7 starts here.
CREATE TABLE item_search_pending (
    item_id  INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE
);
INSERT INTO item_search_pending (item_id) SELECT id FROM items WHERE item_class = 1;

-- The global address list: what a colleague sees of a user. gal_key: the words a GAL search matches by
-- prefix (display, first and last name, alias, every address), normalised as item_search, with a space
-- before each word; kept by the directory. Until the directory next writes the user it is the lower-cased
-- display name and address, as below.
ALTER TABLE users ADD COLUMN first_name TEXT NULL;
ALTER TABLE users ADD COLUMN last_name TEXT NULL;
ALTER TABLE users ADD COLUMN title TEXT NULL;
ALTER TABLE users ADD COLUMN company TEXT NULL;
ALTER TABLE users ADD COLUMN office TEXT NULL;
ALTER TABLE users ADD COLUMN phone TEXT NULL;
ALTER TABLE users ADD COLUMN mobile_phone TEXT NULL;
ALTER TABLE users ADD COLUMN home_phone TEXT NULL;
ALTER TABLE users ADD COLUMN alias TEXT NULL;
ALTER TABLE users ADD COLUMN gal_key TEXT NOT NULL DEFAULT '';
UPDATE users SET gal_key = ' ' || lower(display_name) || ' ' || replace(replace(replace(address_key, '@', ' '), '.', ' '), '-', ' ');

-- A user's picture (GAL Picture, ResolveRecipients Picture): at most one, its bytes here.
CREATE TABLE user_pictures (
    user_id       INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content_type  TEXT    NOT NULL,
    data          BLOB    NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- S/MIME certificates of a user (DER), as ResolveRecipients returns them.
CREATE TABLE user_certificates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thumbprint  TEXT    NOT NULL,
    data        BLOB    NOT NULL,
    not_after   INTEGER NOT NULL,
    added_at    INTEGER NOT NULL,
    CONSTRAINT ux_user_certificates_thumbprint UNIQUE (user_id, thumbprint)
);

-- A search's page is the newest matches of one user: "items of user U by received date" is a range of this
-- index, which a search walks newest first until the page is full.
CREATE INDEX ix_items_user_date ON items (user_id, date_received, id);
