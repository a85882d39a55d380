-- Readers' accounts in the public catalogue: a password set or reset by
-- staff and changed by the reader, and sessions (the card number and the
-- password sign in; the cookie carries only a random token, stored hashed).

-- +goose Up
CREATE TABLE reader_passwords (
    reader_id   {{.BigInt}} PRIMARY KEY REFERENCES readers (id),
    hash        TEXT NOT NULL,
    must_change {{.Bool}} NOT NULL DEFAULT FALSE,
    set_at      {{.TS}} NOT NULL,
    set_by      TEXT NOT NULL
);

CREATE TABLE reader_sessions (
    token_hash   TEXT PRIMARY KEY,
    reader_id    {{.BigInt}} NOT NULL REFERENCES readers (id),
    created_at   {{.TS}} NOT NULL,
    last_seen_at {{.TS}} NOT NULL,
    expires_at   {{.TS}} NOT NULL,
    client_ip    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reader_sessions_reader ON reader_sessions (reader_id);

-- +goose Down
-- Lantai migrates forward only.
