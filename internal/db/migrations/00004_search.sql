-- Search lives in the database and is written in the same transaction as
-- the record: SQLite FTS5 and PostgreSQL tsvector + GIN, both fed with the
-- same tokens made in Go (package search). Columns on bib_records carry
-- what ranking, sorting and facets need.

-- +goose Up
{{if .SQLite -}}
CREATE VIRTUAL TABLE search_fts USING fts5(tokens, tokenize = 'ascii', content = '', contentless_delete = 1);
-- Merge index segments less eagerly than the default (4): bulk imports
-- write much faster, and queries still read few segments.
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16);
{{- else -}}
CREATE TABLE search_docs (
    bib_id {{.BigInt}} PRIMARY KEY REFERENCES bib_records (id) ON DELETE CASCADE,
    search TSVECTOR NOT NULL
);
CREATE INDEX search_docs_gin ON search_docs USING gin (search);
{{- end}}

-- The main class letter (A–Z) for the class facet, the title in pinyin for
-- sorting, and how often the record's items were lent (a ranking tie-breaker
-- that circulation keeps up).
ALTER TABLE bib_records ADD COLUMN main_class TEXT NOT NULL DEFAULT '';
ALTER TABLE bib_records ADD COLUMN title_pinyin TEXT {{if .Postgres}}COLLATE "C" {{end}}NOT NULL DEFAULT '';
ALTER TABLE bib_records ADD COLUMN loans INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bib_records_pub_year ON bib_records (pub_year);
CREATE INDEX bib_records_title_pinyin ON bib_records (title_pinyin);

-- +goose Down
-- Lantai migrates forward only.
