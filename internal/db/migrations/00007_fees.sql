-- The fee ledger 费用: what a reader is charged (fee_entries), the money and
-- other settlements that come in or go out (fee_transactions) and which
-- charges each settlement covers (fee_allocations). All three are
-- append-only: a balance is derived, never stored. Money is integer fen.

-- +goose Up
-- loan_id has no foreign key: loans belong to circulation, whose tables
-- may come later than the ledger.
CREATE TABLE fee_entries (
    id         {{.ID}},
    reader_id  {{.BigInt}} NOT NULL REFERENCES readers (id),
    kind       TEXT NOT NULL,
    amount_fen {{.BigInt}} NOT NULL,
    loan_id    {{.BigInt}},
    item_id    {{.BigInt}} REFERENCES items (id),
    note       TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL,
    actor_id   {{.BigInt}} REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    door       TEXT NOT NULL,
    CHECK (kind IN ('overdue', 'lost', 'processing', 'damage', 'card_replacement', 'other')),
    CHECK (amount_fen > 0)
);
CREATE INDEX fee_entries_reader ON fee_entries (reader_id, id);
CREATE INDEX fee_entries_loan ON fee_entries (loan_id);
CREATE INDEX fee_entries_item ON fee_entries (item_id);

-- payment: money in against charges; waiver: charges forgiven (no money);
-- replacement: a lost item settled by a replacement copy 赔书 (no money);
-- refund: money out against a paid charge, which is thereby annulled;
-- deposit / deposit_refund: a deposit 押金 taken or given back.
CREATE TABLE fee_transactions (
    id         {{.ID}},
    receipt_no TEXT NOT NULL UNIQUE,
    reader_id  {{.BigInt}} NOT NULL REFERENCES readers (id),
    kind       TEXT NOT NULL,
    amount_fen {{.BigInt}} NOT NULL,
    method     TEXT NOT NULL DEFAULT '',
    desk       TEXT NOT NULL DEFAULT '',
    reason     TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    created_at {{.TS}} NOT NULL,
    actor_id   {{.BigInt}} REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    door       TEXT NOT NULL,
    CHECK (kind IN ('payment', 'waiver', 'replacement', 'refund', 'deposit', 'deposit_refund')),
    CHECK (method IN ('', 'cash', 'wechat', 'alipay', 'card', 'transfer', 'other')),
    CHECK ((kind IN ('waiver', 'replacement')) = (method = '')),
    CHECK (amount_fen > 0)
);
CREATE INDEX fee_transactions_reader ON fee_transactions (reader_id, id);
CREATE INDEX fee_transactions_created ON fee_transactions (created_at);

CREATE TABLE fee_allocations (
    transaction_id {{.BigInt}} NOT NULL REFERENCES fee_transactions (id),
    entry_id       {{.BigInt}} NOT NULL REFERENCES fee_entries (id),
    amount_fen     {{.BigInt}} NOT NULL,
    PRIMARY KEY (transaction_id, entry_id),
    CHECK (amount_fen > 0)
);
CREATE INDEX fee_allocations_entry ON fee_allocations (entry_id);

{{if .SQLite -}}
-- +goose StatementBegin
CREATE TRIGGER fee_entries_no_update BEFORE UPDATE ON fee_entries
BEGIN SELECT RAISE(ABORT, 'fee_entries is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER fee_entries_no_delete BEFORE DELETE ON fee_entries
BEGIN SELECT RAISE(ABORT, 'fee_entries is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER fee_transactions_no_update BEFORE UPDATE ON fee_transactions
BEGIN SELECT RAISE(ABORT, 'fee_transactions is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER fee_transactions_no_delete BEFORE DELETE ON fee_transactions
BEGIN SELECT RAISE(ABORT, 'fee_transactions is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER fee_allocations_no_update BEFORE UPDATE ON fee_allocations
BEGIN SELECT RAISE(ABORT, 'fee_allocations is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER fee_allocations_no_delete BEFORE DELETE ON fee_allocations
BEGIN SELECT RAISE(ABORT, 'fee_allocations is append-only'); END;
-- +goose StatementEnd
{{- else -}}
CREATE TRIGGER fee_entries_append_only BEFORE UPDATE OR DELETE ON fee_entries
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER fee_transactions_append_only BEFORE UPDATE OR DELETE ON fee_transactions
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER fee_allocations_append_only BEFORE UPDATE OR DELETE ON fee_allocations
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
{{- end}}

-- +goose Down
-- Lantai migrates forward only.
