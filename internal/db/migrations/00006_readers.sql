-- Readers 读者: their categories, the readers themselves with a photo, the
-- library cards with their history (issue, 挂失, 解挂, 补办, expiry) and
-- clearances 离校. Card events and clearances are append-only.

-- +goose Up
-- Reader categories are the library's own (the loan rules are set per
-- category); these five are only the starting list.
CREATE TABLE reader_categories (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    notes   TEXT NOT NULL DEFAULT '',
    active  {{.Bool}} NOT NULL DEFAULT TRUE,
    sort    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO reader_categories (code, name_zh, name_en, sort) VALUES
    ('undergraduate', '本科生', 'Undergraduate', 10),
    ('postgraduate', '研究生', 'Postgraduate', 20),
    ('staff', '教职工', 'Staff', 30),
    ('external', '校外读者', 'External reader', 40),
    ('child', '少儿读者', 'Child', 50);

-- card_number is the reader's current card (also in cards); id_number is
-- stored whole and masked on display; expires_on is a civil date
-- 'YYYY-MM-DD' in the library's zone ('' for no expiry). name_pinyin holds
-- the name's pinyin tokens (syllables first, so it also sorts by pinyin).
CREATE TABLE readers (
    id           {{.ID}},
    card_number  TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    name_pinyin  TEXT {{if .Postgres}}COLLATE "C" {{end}}NOT NULL DEFAULT '',
    id_number    TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL REFERENCES reader_categories (code),
    department   TEXT NOT NULL DEFAULT '',
    class_name   TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    expires_on   TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active',
    block_reason TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   {{.TS}} NOT NULL,
    updated_at   {{.TS}} NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK (status IN ('active', 'blocked', 'cleared'))
);
CREATE INDEX readers_name ON readers (name);
CREATE INDEX readers_name_pinyin ON readers (name_pinyin);
CREATE INDEX readers_id_number ON readers (id_number);
CREATE INDEX readers_phone ON readers (phone);
CREATE INDEX readers_category ON readers (category);
CREATE INDEX readers_expires ON readers (expires_on);

CREATE TABLE reader_photos (
    reader_id    {{.BigInt}} PRIMARY KEY REFERENCES readers (id),
    content_type TEXT NOT NULL,
    data         {{.Blob}} NOT NULL,
    updated_at   {{.TS}} NOT NULL
);

-- Every card ever issued. A number is never issued twice: a lost or
-- replaced card stays here and is refused at the desk.
CREATE TABLE cards (
    id          {{.ID}},
    reader_id   {{.BigInt}} NOT NULL REFERENCES readers (id),
    number      TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL,
    issued_at   {{.TS}} NOT NULL,
    lost_at     {{.TS}},
    replaced_at {{.TS}},
    replaced_by {{.BigInt}} REFERENCES cards (id),
    updated_at  {{.TS}} NOT NULL,
    CHECK (status IN ('active', 'lost', 'replaced', 'expired'))
);
CREATE INDEX cards_reader ON cards (reader_id, id);

-- The card history: append-only.
CREATE TABLE card_events (
    id         {{.ID}},
    card_id    {{.BigInt}} NOT NULL REFERENCES cards (id),
    reader_id  {{.BigInt}} NOT NULL REFERENCES readers (id),
    at         {{.TS}} NOT NULL,
    event      TEXT NOT NULL,
    actor_id   {{.BigInt}} REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    door       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    CHECK (event IN ('issued', 'lost', 'unblocked', 'replaced', 'expired', 'extended'))
);
CREATE INDEX card_events_reader ON card_events (reader_id, id);

-- Clearances 离校: what was checked and who cleared the reader, with the
-- reader as they were, for the printed certificate. Append-only.
CREATE TABLE clearances (
    id                   {{.ID}},
    certificate_no       TEXT NOT NULL UNIQUE,
    reader_id            {{.BigInt}} NOT NULL REFERENCES readers (id),
    at                   {{.TS}} NOT NULL,
    actor_id             {{.BigInt}} REFERENCES staff (id),
    actor_name           TEXT NOT NULL,
    door                 TEXT NOT NULL,
    card_number          TEXT NOT NULL,
    name                 TEXT NOT NULL,
    category             TEXT NOT NULL,
    department           TEXT NOT NULL,
    class_name           TEXT NOT NULL,
    open_loans           INTEGER NOT NULL,
    owed_fen             {{.BigInt}} NOT NULL,
    deposit_refunded_fen {{.BigInt}} NOT NULL DEFAULT 0,
    deposit_receipt      TEXT NOT NULL DEFAULT '',
    note                 TEXT NOT NULL DEFAULT ''
);
CREATE INDEX clearances_reader ON clearances (reader_id, id);

{{if .SQLite -}}
-- +goose StatementBegin
CREATE TRIGGER card_events_no_update BEFORE UPDATE ON card_events
BEGIN SELECT RAISE(ABORT, 'card_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER card_events_no_delete BEFORE DELETE ON card_events
BEGIN SELECT RAISE(ABORT, 'card_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clearances_no_update BEFORE UPDATE ON clearances
BEGIN SELECT RAISE(ABORT, 'clearances is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER clearances_no_delete BEFORE DELETE ON clearances
BEGIN SELECT RAISE(ABORT, 'clearances is append-only'); END;
-- +goose StatementEnd
{{- else -}}
CREATE TRIGGER card_events_append_only BEFORE UPDATE OR DELETE ON card_events
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER clearances_append_only BEFORE UPDATE OR DELETE ON clearances
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
{{- end}}

-- +goose Down
-- Lantai migrates forward only.
