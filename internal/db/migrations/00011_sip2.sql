-- Self-service machines (自助借还机, book drops, security gates) that speak
-- SIP2: each logs in with its own account, bound to a branch and a
-- location, with the character set it speaks.

-- +goose Up
CREATE TABLE sip2_machines (
    id              {{.ID}},
    login           TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    name            TEXT NOT NULL DEFAULT '',
    branch_code     TEXT NOT NULL REFERENCES branches (code),
    location_code   TEXT NOT NULL REFERENCES locations (code),
    institution_id  TEXT NOT NULL DEFAULT '',
    charset         TEXT NOT NULL DEFAULT 'utf-8',
    checksums       {{.Bool}} NOT NULL DEFAULT FALSE,
    enabled         {{.Bool}} NOT NULL DEFAULT TRUE,
    notes           TEXT NOT NULL DEFAULT '',
    created_at      {{.TS}} NOT NULL,
    updated_at      {{.TS}} NOT NULL,
    last_login_at   {{.TS}},
    last_address    TEXT NOT NULL DEFAULT '',
    CHECK (charset IN ('utf-8', 'gb18030'))
);

-- +goose Down
-- Lantai migrates forward only.
