-- Search (issue 8): the full-text index of emails, the global address list fields of users, their
-- pictures and S/MIME certificates. Kept in step with Migrations/Sqlite/0007_search.sql.
--
-- item_search: one row per email over text normalised by the store (SearchText: lower case, no
-- diacritics, words separated by single spaces), as a 'simple' tsvector (no stemming, no stop words:
-- the same words as SQLite's unicode61) with a GIN index. It goes with its item (cascade), however the
-- item goes; a move changes items.folder_id only, which the index does not hold.
CREATE TABLE item_search (
    item_id   bigint   PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
    document  tsvector NOT NULL
);
CREATE INDEX ix_item_search_document ON item_search USING gin (document);

-- Emails whose text is not (or not wholly) in item_search yet: the store adds one when a writer gave
-- no body text, and the indexer (pushbox serve at start, pushbox mailbox reindex) works through them.
-- Every email stored before schema 7 starts here.
CREATE TABLE item_search_pending (
    item_id  bigint PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE
);
INSERT INTO item_search_pending (item_id) SELECT id FROM items WHERE item_class = 1;

-- The global address list: what a colleague sees of a user. gal_key: the words a GAL search matches by
-- prefix (display, first and last name, alias, every address), normalised as item_search, with a space
-- before each word; kept by the directory. Until the directory next writes the user it is the lower-cased
-- display name and address, as below.
ALTER TABLE users ADD COLUMN first_name text NULL;
ALTER TABLE users ADD COLUMN last_name text NULL;
ALTER TABLE users ADD COLUMN title text NULL;
ALTER TABLE users ADD COLUMN company text NULL;
ALTER TABLE users ADD COLUMN office text NULL;
ALTER TABLE users ADD COLUMN phone text NULL;
ALTER TABLE users ADD COLUMN mobile_phone text NULL;
ALTER TABLE users ADD COLUMN home_phone text NULL;
ALTER TABLE users ADD COLUMN alias text NULL;
ALTER TABLE users ADD COLUMN gal_key text NOT NULL DEFAULT '';
UPDATE users SET gal_key = ' ' || lower(display_name) || ' ' || replace(replace(replace(address_key, '@', ' '), '.', ' '), '-', ' ');

-- A user's picture (GAL Picture, ResolveRecipients Picture): at most one, its bytes here.
CREATE TABLE user_pictures (
    user_id       bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    content_type  text        NOT NULL,
    data          bytea       NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- S/MIME certificates of a user (DER), as ResolveRecipients returns them.
CREATE TABLE user_certificates (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thumbprint  text        NOT NULL,
    data        bytea       NOT NULL,
    not_after   timestamptz NOT NULL,
    added_at    timestamptz NOT NULL,
    CONSTRAINT ux_user_certificates_thumbprint UNIQUE (user_id, thumbprint)
);

-- A search's page is the newest matches of one user: "items of user U by received date" is a range of this
-- index, which a search walks newest first until the page is full.
CREATE INDEX ix_items_user_date ON items (user_id, date_received, id);
