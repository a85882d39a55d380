-- The catalogue: bibliographic records (MARC is the truth, derived columns
-- beside it), items and their status history, call-number sequences, the
-- classification table, withdrawals and distribution batches, and the
-- library's branches, locations, collections and item types.

-- +goose Up
CREATE TABLE branches (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE locations (
    code        TEXT PRIMARY KEY,
    branch_code TEXT NOT NULL REFERENCES branches (code),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    -- processing: where cataloguing keeps items until they are distributed
    kind        TEXT NOT NULL DEFAULT 'stacks'
);
CREATE TABLE collections (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE item_types (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
INSERT INTO branches (code, name_zh, name_en) VALUES ('main', '总馆', 'Main library');
INSERT INTO locations (code, branch_code, name_zh, name_en, kind) VALUES
    ('processing', 'main', '采编部（加工中）', 'Technical services (processing)', 'processing'),
    ('stacks', 'main', '书库', 'Stacks', 'stacks');
INSERT INTO collections (code, name_zh, name_en) VALUES
    ('zw', '中文图书', 'Chinese books'), ('wx', '外文图书', 'Foreign-language books');
INSERT INTO item_types (code, name_zh, name_en) VALUES
    ('book', '普通图书', 'Book'), ('reference', '工具书', 'Reference'),
    ('serial', '期刊', 'Serial'), ('disc', '随书光盘', 'Accompanying disc');

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value {{.BigInt}} NOT NULL
);

CREATE TABLE bib_records (
    id          {{.ID}},
    format      TEXT NOT NULL,
    marc        {{.Blob}} NOT NULL,
    title       TEXT NOT NULL,
    sort_title  TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    publisher   TEXT NOT NULL DEFAULT '',
    pub_year    INTEGER NOT NULL DEFAULT 0,
    edition     TEXT NOT NULL DEFAULT '',
    isbn        TEXT NOT NULL DEFAULT '',
    issn        TEXT NOT NULL DEFAULT '',
    class       TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL DEFAULT '',
    material    TEXT NOT NULL DEFAULT '',
    dup_key     TEXT NOT NULL DEFAULT '',
    price_fen   {{.BigInt}} NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  {{.TS}} NOT NULL,
    updated_at  {{.TS}} NOT NULL
);
CREATE INDEX bib_records_dup_key ON bib_records (dup_key);
CREATE INDEX bib_records_updated ON bib_records (updated_at);
CREATE INDEX bib_records_class ON bib_records (class);

-- Every valid ISBN of a record, as ISBN-13, for the duplicate check.
CREATE TABLE bib_isbns (
    bib_id {{.BigInt}} NOT NULL REFERENCES bib_records (id) ON DELETE CASCADE,
    isbn   TEXT NOT NULL,
    PRIMARY KEY (bib_id, isbn)
);
CREATE INDEX bib_isbns_isbn ON bib_isbns (isbn);

-- Earlier versions of a record's MARC, kept when it is edited.
CREATE TABLE bib_versions (
    bib_id   {{.BigInt}} NOT NULL REFERENCES bib_records (id) ON DELETE CASCADE,
    version  INTEGER NOT NULL,
    marc     {{.Blob}} NOT NULL,
    saved_at {{.TS}} NOT NULL,
    saved_by TEXT NOT NULL,
    PRIMARY KEY (bib_id, version)
);

-- Deleted and merged records, for harvesters and permanent links.
CREATE TABLE bib_tombstones (
    bib_id      {{.BigInt}} PRIMARY KEY,
    deleted_at  {{.TS}} NOT NULL,
    merged_into {{.BigInt}}
);

CREATE TABLE items (
    id             {{.ID}},
    bib_id         {{.BigInt}} NOT NULL REFERENCES bib_records (id),
    parent_id      {{.BigInt}} REFERENCES items (id),
    barcode        TEXT NOT NULL UNIQUE,
    accession_no   TEXT NOT NULL UNIQUE,
    call_number    TEXT NOT NULL DEFAULT '',
    call_sort      TEXT {{if .Postgres}}COLLATE "C" {{end}}NOT NULL DEFAULT '', -- byte order is shelf order
    call_class     TEXT NOT NULL DEFAULT '',
    call_book      TEXT NOT NULL DEFAULT '',
    location_code  TEXT NOT NULL REFERENCES locations (code),
    collection     TEXT NOT NULL REFERENCES collections (code),
    item_type      TEXT NOT NULL REFERENCES item_types (code),
    status         TEXT NOT NULL,
    price_fen      {{.BigInt}} NOT NULL DEFAULT 0,
    source         TEXT NOT NULL DEFAULT 'purchase',
    volume         TEXT NOT NULL DEFAULT '',
    copy_no        INTEGER NOT NULL DEFAULT 1,
    notes          TEXT NOT NULL DEFAULT '',
    created_at     {{.TS}} NOT NULL,
    updated_at     {{.TS}} NOT NULL,
    available_at   {{.TS}},
    CHECK (status IN ('on_order', 'in_processing', 'available', 'on_loan', 'in_transit',
                      'on_hold_shelf', 'missing', 'in_repair', 'withdrawn', 'lost')),
    CHECK (source IN ('purchase', 'gift', 'exchange', 'legal_deposit', 'transfer', 'other'))
);
CREATE INDEX items_bib ON items (bib_id);
CREATE INDEX items_parent ON items (parent_id);
CREATE INDEX items_call_sort ON items (call_sort);
CREATE INDEX items_call ON items (collection, call_class, call_book);
CREATE INDEX items_location_status ON items (location_code, status);
CREATE INDEX items_available_at ON items (available_at);

CREATE TABLE item_status_history (
    id          {{.ID}},
    item_id     {{.BigInt}} NOT NULL REFERENCES items (id),
    at          {{.TS}} NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    door        TEXT NOT NULL,
    -- what caused the change (manual, created, withdrawal, distribution,
    -- and later loans, returns, holds, transit …), the number of the
    -- document it belongs to (ledger, batch, loan) and the reason given
    kind        TEXT NOT NULL DEFAULT 'manual',
    ref         TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX item_status_history_item ON item_status_history (item_id, id);

-- 种次号: the last sequence number used per class and collection.
CREATE TABLE call_sequences (
    collection TEXT NOT NULL,
    class      TEXT NOT NULL,
    last       INTEGER NOT NULL,
    PRIMARY KEY (collection, class)
);

CREATE TABLE clc_classes (
    code    TEXT PRIMARY KEY,
    caption TEXT NOT NULL,
    level   INTEGER NOT NULL,
    parent  TEXT NOT NULL DEFAULT '',
    status  TEXT NOT NULL DEFAULT 'active'
);
CREATE INDEX clc_classes_parent ON clc_classes (parent);

-- The withdrawal ledger 注销登记: append-only.
CREATE TABLE withdrawals (
    id         {{.ID}},
    ledger_no  TEXT NOT NULL UNIQUE,
    at         {{.TS}} NOT NULL,
    actor_id   {{.BigInt}} REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    reason     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE withdrawal_items (
    withdrawal_id {{.BigInt}} NOT NULL REFERENCES withdrawals (id),
    item_id       {{.BigInt}} NOT NULL REFERENCES items (id),
    barcode       TEXT NOT NULL,
    accession_no  TEXT NOT NULL,
    call_number   TEXT NOT NULL,
    title         TEXT NOT NULL,
    price_fen     {{.BigInt}} NOT NULL,
    PRIMARY KEY (withdrawal_id, item_id)
);

-- Distribution 典藏: batches of processed items sent to a location and
-- confirmed or rejected there.
CREATE TABLE distribution_batches (
    id            {{.ID}},
    batch_no      TEXT NOT NULL UNIQUE,
    to_location   TEXT NOT NULL REFERENCES locations (code),
    status        TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    created_at    {{.TS}} NOT NULL,
    created_by    TEXT NOT NULL,
    decided_at    {{.TS}},
    decided_by    TEXT NOT NULL DEFAULT '',
    CHECK (status IN ('sent', 'confirmed', 'partly_rejected', 'rejected'))
);
CREATE TABLE distribution_items (
    batch_id {{.BigInt}} NOT NULL REFERENCES distribution_batches (id),
    item_id  {{.BigInt}} NOT NULL REFERENCES items (id),
    outcome  TEXT NOT NULL DEFAULT 'pending',
    reason   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (batch_id, item_id),
    CHECK (outcome IN ('pending', 'accepted', 'rejected'))
);
CREATE INDEX distribution_items_item ON distribution_items (item_id);

{{if .SQLite -}}
-- +goose StatementBegin
CREATE TRIGGER withdrawals_no_update BEFORE UPDATE ON withdrawals
BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER withdrawals_no_delete BEFORE DELETE ON withdrawals
BEGIN SELECT RAISE(ABORT, 'withdrawals is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER withdrawal_items_no_change BEFORE UPDATE ON withdrawal_items
BEGIN SELECT RAISE(ABORT, 'withdrawal_items is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER withdrawal_items_no_delete BEFORE DELETE ON withdrawal_items
BEGIN SELECT RAISE(ABORT, 'withdrawal_items is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER item_status_history_no_update BEFORE UPDATE ON item_status_history
BEGIN SELECT RAISE(ABORT, 'item_status_history is append-only'); END;
-- +goose StatementEnd
{{- else -}}
CREATE TRIGGER withdrawals_append_only BEFORE UPDATE OR DELETE ON withdrawals
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER withdrawal_items_append_only BEFORE UPDATE OR DELETE ON withdrawal_items
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER item_status_history_append_only BEFORE UPDATE ON item_status_history
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
{{- end}}

-- +goose Down
-- Lantai migrates forward only.
