-- Recommended reading lists 推荐书目: lists curated by the staff (title and
-- description in Chinese and English), shown in the public catalogue once
-- published, each an ordered list of catalogue records with a note.

-- +goose Up
CREATE TABLE reading_lists (
    id             {{.ID}},
    title_zh       TEXT NOT NULL,
    title_en       TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    published      {{.Bool}} NOT NULL DEFAULT FALSE,
    published_at   {{.TS}},
    created_at     {{.TS}} NOT NULL,
    updated_at     {{.TS}} NOT NULL
);
CREATE INDEX reading_lists_published ON reading_lists (published, published_at);

-- record_id has no foreign key: a record may be merged or deleted by the
-- catalogue, which knows nothing of lists; the list then follows the merge
-- (see catalog.Briefs) or leaves the entry out.
CREATE TABLE reading_list_entries (
    list_id   {{.BigInt}} NOT NULL REFERENCES reading_lists (id) ON DELETE CASCADE,
    record_id {{.BigInt}} NOT NULL,
    position  INTEGER NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    added_at  {{.TS}} NOT NULL,
    PRIMARY KEY (list_id, record_id)
);
CREATE INDEX reading_list_entries_record ON reading_list_entries (record_id);

-- +goose Down
-- Lantai migrates forward only.
