-- Imports started from the staff client or the API run as jobs whose
-- progress any node can show.

-- +goose Up
CREATE TABLE import_jobs (
    id          {{.ID}},
    created_at  {{.TS}} NOT NULL,
    actor_id    {{.BigInt}} REFERENCES staff (id),
    actor_name  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    file_size   {{.BigInt}} NOT NULL DEFAULT 0,
    options     TEXT NOT NULL,
    status      TEXT NOT NULL,
    bytes_read  {{.BigInt}} NOT NULL DEFAULT 0,
    read        INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL DEFAULT 0,
    overlaid    INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    items       INTEGER NOT NULL DEFAULT 0,
    warnings    INTEGER NOT NULL DEFAULT 0,
    failures    TEXT NOT NULL DEFAULT '[]',
    error       TEXT NOT NULL DEFAULT '',
    started_at  {{.TS}},
    -- written with every batch: a running job whose heartbeat stops was
    -- interrupted (its server stopped)
    heartbeat   {{.TS}},
    finished_at {{.TS}},
    CHECK (status IN ('running', 'done', 'failed', 'interrupted'))
);
CREATE INDEX import_jobs_created ON import_jobs (created_at);

-- +goose Down
-- Lantai migrates forward only.
