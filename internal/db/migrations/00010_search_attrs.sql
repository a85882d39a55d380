-- What facets, filters and ranking read of every record, packed: one row
-- per 128 consecutive record ids, a fixed-size slot per record (see
-- internal/search/attrs.go). A search over half a million records reads
-- a few thousand rows instead of half a million, and the rows are written
-- in the transaction that changes the record or its items, so they are
-- never behind the catalogue.

-- +goose Up
CREATE TABLE search_attrs (
    chunk {{.BigInt}} PRIMARY KEY,
    data  {{.Blob}} NOT NULL
);
{{- if .Postgres}}
ALTER TABLE search_attrs ALTER COLUMN data SET STORAGE PLAIN;
{{- end}}

-- Small numbers for the codes slots hold: material types, languages and
-- branches (a branch number is a bit of the slot's branch masks, < 64).
CREATE TABLE search_codes (
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (kind, code),
    UNIQUE (kind, n)
);

{{if .Postgres -}}
-- Leading-title ranking reads a range of dup_key in byte order.
CREATE INDEX bib_records_dup_key_c ON bib_records (dup_key COLLATE "C");
{{- end}}

-- +goose Down
-- Lantai migrates forward only.
