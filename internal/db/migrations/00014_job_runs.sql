-- The daily jobs (holds expiring, pickups expiring, loans anonymised, cards
-- expiring) run once a library day however many server nodes there are:
-- the node that inserts the job's row for the day runs it; the others find
-- the row there and skip it. A failed run deletes its row, so the job is
-- tried again at the next round.

-- +goose Up
CREATE TABLE job_runs (
    name        TEXT NOT NULL,
    day         TEXT NOT NULL,
    started_at  {{.TS}} NOT NULL,
    finished_at {{.TS}},
    result      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (name, day)
);

-- +goose Down
-- Lantai migrates forward only.
