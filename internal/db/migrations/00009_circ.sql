-- Circulation 流通 (package circ): loans and their append-only event
-- ledger, holds 预约 with their queue, transits between branches 通借通还,
-- proxy authorisations 委托借还, refusals 拒借, the shelving queue, damage
-- notes, reader notices, loan-history opt-ins and the circulation options
-- that the loan rules (00008) do not hold.
--
-- Civil dates (the library's local day of a loan, a return, a refusal; the
-- last day of a hold or a proxy) are TEXT 'YYYY-MM-DD', so statistics group
-- by the library's day without time-zone arithmetic in SQL.

-- +goose Up
-- The options of circulation itself, one row: how long a returned loan
-- stays linked to its reader (then it is anonymised unless the reader
-- keeps a loan history), the processing fee 加工费 charged with a lost item,
-- and how long a hold may wait in the queue when the reader gives no date.
CREATE TABLE circ_options (
    id                      INTEGER PRIMARY KEY,
    history_retention_days  INTEGER NOT NULL,
    lost_processing_fee_fen {{.BigInt}} NOT NULL,
    hold_expiry_days        INTEGER NOT NULL,
    CHECK (id = 1),
    CHECK (history_retention_days >= 0),
    CHECK (lost_processing_fee_fen >= 0),
    CHECK (hold_expiry_days >= 1)
);
INSERT INTO circ_options (id, history_retention_days, lost_processing_fee_fen, hold_expiry_days) VALUES (1, 30, 500, 180);

-- A loan is open while returned_at is NULL; it ends by a return (outcome
-- 'returned', returned_branch set) or when the item is declared lost
-- (outcome 'lost', lost_at). reader_id is NULL once the loan is
-- anonymised; category, item_type and the days stay for statistics.
-- proxy_id is the reader who borrowed it on the reader's behalf.
CREATE TABLE loans (
    id                {{.ID}},
    item_id           {{.BigInt}} NOT NULL REFERENCES items (id),
    bib_id            {{.BigInt}} NOT NULL REFERENCES bib_records (id),
    reader_id         {{.BigInt}} REFERENCES readers (id),
    proxy_id          {{.BigInt}} REFERENCES readers (id),
    category          TEXT NOT NULL,
    item_type         TEXT NOT NULL,
    branch            TEXT NOT NULL REFERENCES branches (code),
    desk              TEXT NOT NULL DEFAULT '',
    loaned_at         {{.TS}} NOT NULL,
    loan_day          TEXT NOT NULL,
    due_at            {{.TS}} NOT NULL,
    renewals          INTEGER NOT NULL DEFAULT 0,
    recalled_at       {{.TS}},
    returned_at       {{.TS}},
    return_day        TEXT,
    returned_branch   TEXT REFERENCES branches (code),
    outcome           TEXT,
    lost_at           {{.TS}},
    fine_fen          {{.BigInt}} NOT NULL DEFAULT 0,
    override_reason   TEXT NOT NULL DEFAULT '',
    override_reasons  TEXT NOT NULL DEFAULT '',
    override_actor_id {{.BigInt}} REFERENCES staff (id),
    override_actor    TEXT NOT NULL DEFAULT '',
    actor_id          {{.BigInt}} REFERENCES staff (id),
    actor_name        TEXT NOT NULL,
    door              TEXT NOT NULL,
    anonymised        {{.Bool}} NOT NULL DEFAULT FALSE,
    CHECK (outcome IS NULL OR outcome IN ('returned', 'lost')),
    CHECK ((returned_at IS NULL) = (outcome IS NULL)),
    CHECK (renewals >= 0)
);
-- An item has at most one open loan: of two desks lending the same item at
-- the same instant, exactly one commits.
CREATE UNIQUE INDEX loans_open_item ON loans (item_id) WHERE returned_at IS NULL;
CREATE INDEX loans_open_reader ON loans (reader_id) WHERE returned_at IS NULL;
CREATE INDEX loans_reader ON loans (reader_id, loaned_at);
CREATE INDEX loans_item ON loans (item_id, loaned_at);
CREATE INDEX loans_open_due ON loans (due_at) WHERE returned_at IS NULL;
CREATE INDEX loans_returned ON loans (returned_at) WHERE anonymised = FALSE;

-- Every change of a loan, append-only: checkout, renewal, recall, return,
-- lost, anonymised. day is the library's local day, branch where it
-- happened; due_before/due_after the due dates the change moved between.
CREATE TABLE loan_events (
    id          {{.ID}},
    loan_id     {{.BigInt}} NOT NULL REFERENCES loans (id),
    kind        TEXT NOT NULL,
    at          {{.TS}} NOT NULL,
    day         TEXT NOT NULL,
    branch      TEXT NOT NULL DEFAULT '',
    due_before  {{.TS}},
    due_after   {{.TS}},
    fine_fen    {{.BigInt}} NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    actor_id    {{.BigInt}} REFERENCES staff (id),
    actor_name  TEXT NOT NULL,
    door        TEXT NOT NULL,
    CHECK (kind IN ('checkout', 'renew', 'recall', 'return', 'lost', 'anonymised'))
);
CREATE INDEX loan_events_loan ON loan_events (loan_id, id);
CREATE INDEX loan_events_day ON loan_events (day, kind);

-- Holds 预约: title-level (item_id NULL: any copy of the record) or
-- item-level (only that item). placed: in the queue; waiting: an item is
-- trapped for it and in transit to the pickup branch; ready: on the hold
-- shelf until pickup_deadline; then fulfilled (loan_id), cancelled or
-- expired. The queue is first placed, first served. A closed hold loses
-- its reader_id with the loan history.
CREATE TABLE holds (
    id              {{.ID}},
    reader_id       {{.BigInt}} REFERENCES readers (id),
    bib_id          {{.BigInt}} NOT NULL REFERENCES bib_records (id),
    item_id         {{.BigInt}} REFERENCES items (id),
    pickup_branch   TEXT NOT NULL REFERENCES branches (code),
    status          TEXT NOT NULL,
    placed_at       {{.TS}} NOT NULL,
    expires_on      TEXT NOT NULL DEFAULT '',
    trapped_item_id {{.BigInt}} REFERENCES items (id),
    trapped_at      {{.TS}},
    ready_at        {{.TS}},
    pickup_deadline {{.TS}},
    closed_at       {{.TS}},
    loan_id         {{.BigInt}} REFERENCES loans (id),
    note            TEXT NOT NULL DEFAULT '',
    actor_name      TEXT NOT NULL,
    door            TEXT NOT NULL,
    CHECK (status IN ('placed', 'waiting', 'ready', 'fulfilled', 'cancelled', 'expired')),
    CHECK (status NOT IN ('waiting', 'ready') OR trapped_item_id IS NOT NULL),
    CHECK (status NOT IN ('placed', 'waiting', 'ready') OR reader_id IS NOT NULL)
);
-- A reader holds a record at most once at a time; an item fills at most
-- one hold at a time.
CREATE UNIQUE INDEX holds_reader_record ON holds (reader_id, bib_id) WHERE status IN ('placed', 'waiting', 'ready');
CREATE UNIQUE INDEX holds_trapped_item ON holds (trapped_item_id) WHERE status IN ('waiting', 'ready');
CREATE INDEX holds_queue ON holds (bib_id, status, placed_at, id);
CREATE INDEX holds_reader ON holds (reader_id, status);
CREATE INDEX holds_ready ON holds (pickup_branch, status, pickup_deadline);

-- Transits between branches: an item returned away from home goes home
-- (return_home), an item trapped for a hold goes to its pickup branch
-- (hold). Open while received_at is NULL.
CREATE TABLE transits (
    id              {{.ID}},
    item_id         {{.BigInt}} NOT NULL REFERENCES items (id),
    from_branch     TEXT NOT NULL REFERENCES branches (code),
    to_branch       TEXT NOT NULL REFERENCES branches (code),
    reason          TEXT NOT NULL,
    hold_id         {{.BigInt}} REFERENCES holds (id),
    sent_at         {{.TS}} NOT NULL,
    sent_by         TEXT NOT NULL,
    received_at     {{.TS}},
    received_branch TEXT REFERENCES branches (code),
    received_by     TEXT NOT NULL DEFAULT '',
    CHECK (reason IN ('return_home', 'hold'))
);
CREATE UNIQUE INDEX transits_open_item ON transits (item_id) WHERE received_at IS NULL;
CREATE INDEX transits_open_to ON transits (to_branch, sent_at) WHERE received_at IS NULL;

-- Proxy authorisations 委托借还: the principal lets the proxy borrow on
-- their behalf from from_on to until_on ('' for no end) unless revoked.
CREATE TABLE proxies (
    id           {{.ID}},
    principal_id {{.BigInt}} NOT NULL REFERENCES readers (id),
    proxy_id     {{.BigInt}} NOT NULL REFERENCES readers (id),
    from_on      TEXT NOT NULL,
    until_on     TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    created_at   {{.TS}} NOT NULL,
    created_by   TEXT NOT NULL,
    revoked_at   {{.TS}},
    revoked_by   TEXT NOT NULL DEFAULT '',
    CHECK (principal_id <> proxy_id)
);
CREATE UNIQUE INDEX proxies_active ON proxies (principal_id, proxy_id) WHERE revoked_at IS NULL;
CREATE INDEX proxies_proxy ON proxies (proxy_id);

-- Refusals 拒借: every refused (or overridden) checkout, renewal or hold,
-- with each reason in circ_refusal_reasons. Append-only, except that
-- reader_id is cleared with the loan history.
CREATE TABLE circ_refusals (
    id         {{.ID}},
    at         {{.TS}} NOT NULL,
    day        TEXT NOT NULL,
    op         TEXT NOT NULL,
    reader_id  {{.BigInt}} REFERENCES readers (id),
    category   TEXT NOT NULL DEFAULT '',
    item_id    {{.BigInt}} REFERENCES items (id),
    bib_id     {{.BigInt}} REFERENCES bib_records (id),
    branch     TEXT NOT NULL DEFAULT '',
    overridden {{.Bool}} NOT NULL DEFAULT FALSE,
    actor_id   {{.BigInt}} REFERENCES staff (id),
    actor_name TEXT NOT NULL,
    door       TEXT NOT NULL,
    CHECK (op IN ('checkout', 'renew', 'hold'))
);
CREATE INDEX circ_refusals_day ON circ_refusals (day);
CREATE INDEX circ_refusals_reader ON circ_refusals (reader_id);
CREATE TABLE circ_refusal_reasons (
    refusal_id {{.BigInt}} NOT NULL REFERENCES circ_refusals (id),
    reason     TEXT NOT NULL,
    PRIMARY KEY (refusal_id, reason)
);

-- The shelving queue: items back at their home branch waiting to be put
-- back on the shelves of their location. Open while shelved_at is NULL.
CREATE TABLE shelving_queue (
    id            {{.ID}},
    item_id       {{.BigInt}} NOT NULL REFERENCES items (id),
    location_code TEXT NOT NULL REFERENCES locations (code),
    added_at      {{.TS}} NOT NULL,
    added_by      TEXT NOT NULL,
    shelved_at    {{.TS}},
    shelved_by    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX shelving_queue_open_item ON shelving_queue (item_id) WHERE shelved_at IS NULL;
CREATE INDEX shelving_queue_open_location ON shelving_queue (location_code, added_at) WHERE shelved_at IS NULL;

-- Damage noted at a return 污损: the note, the fee charged (fee_entry_id)
-- and whether the item went to repair. Append-only.
CREATE TABLE damage_notes (
    id           {{.ID}},
    item_id      {{.BigInt}} NOT NULL REFERENCES items (id),
    loan_id      {{.BigInt}} REFERENCES loans (id),
    note         TEXT NOT NULL,
    fee_entry_id {{.BigInt}} REFERENCES fee_entries (id),
    repair       {{.Bool}} NOT NULL DEFAULT FALSE,
    at           {{.TS}} NOT NULL,
    actor_id     {{.BigInt}} REFERENCES staff (id),
    actor_name   TEXT NOT NULL,
    door         TEXT NOT NULL
);
CREATE INDEX damage_notes_item ON damage_notes (item_id, id);

-- Notices to readers (hold ready, recall, hold expired), written in the
-- transaction that causes them and sent by whoever delivers messages.
CREATE TABLE circ_notices (
    id         {{.ID}},
    reader_id  {{.BigInt}} NOT NULL REFERENCES readers (id),
    kind       TEXT NOT NULL,
    hold_id    {{.BigInt}} REFERENCES holds (id),
    loan_id    {{.BigInt}} REFERENCES loans (id),
    item_id    {{.BigInt}} REFERENCES items (id),
    created_at {{.TS}} NOT NULL,
    sent_at    {{.TS}},
    CHECK (kind IN ('hold_ready', 'recall', 'hold_expired'))
);
CREATE INDEX circ_notices_unsent ON circ_notices (created_at) WHERE sent_at IS NULL;
CREATE INDEX circ_notices_reader ON circ_notices (reader_id, id);

-- Readers who keep their loan history: their returned loans are never
-- anonymised while they are here.
CREATE TABLE loan_history_optins (
    reader_id {{.BigInt}} PRIMARY KEY REFERENCES readers (id),
    since     {{.TS}} NOT NULL
);

{{if .SQLite -}}
-- +goose StatementBegin
CREATE TRIGGER loan_events_no_update BEFORE UPDATE ON loan_events
BEGIN SELECT RAISE(ABORT, 'loan_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER loan_events_no_delete BEFORE DELETE ON loan_events
BEGIN SELECT RAISE(ABORT, 'loan_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
BEGIN SELECT RAISE(ABORT, 'loans is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER loans_fixed BEFORE UPDATE OF item_id, bib_id, loaned_at, loan_day, branch, category, item_type ON loans
BEGIN SELECT RAISE(ABORT, 'a loan''s item, time and place do not change'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER loans_closed BEFORE UPDATE OF returned_at, outcome, due_at, renewals ON loans
WHEN OLD.returned_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed loan does not change'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER damage_notes_no_update BEFORE UPDATE ON damage_notes
BEGIN SELECT RAISE(ABORT, 'damage_notes is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER damage_notes_no_delete BEFORE DELETE ON damage_notes
BEGIN SELECT RAISE(ABORT, 'damage_notes is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER circ_refusals_no_delete BEFORE DELETE ON circ_refusals
BEGIN SELECT RAISE(ABORT, 'circ_refusals is append-only'); END;
-- +goose StatementEnd
{{- else -}}
CREATE TRIGGER loan_events_append_only BEFORE UPDATE OR DELETE ON loan_events
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER damage_notes_append_only BEFORE UPDATE OR DELETE ON damage_notes
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
CREATE TRIGGER circ_refusals_no_delete BEFORE DELETE ON circ_refusals
    FOR EACH ROW EXECUTE FUNCTION lantai_append_only();
-- +goose StatementBegin
CREATE FUNCTION lantai_loan_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.item_id <> OLD.item_id OR NEW.bib_id <> OLD.bib_id OR NEW.loaned_at <> OLD.loaned_at
        OR NEW.loan_day <> OLD.loan_day OR NEW.branch <> OLD.branch OR NEW.category <> OLD.category
        OR NEW.item_type <> OLD.item_type THEN
        RAISE EXCEPTION 'a loan''s item, time and place do not change' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.returned_at IS NOT NULL AND (NEW.returned_at IS DISTINCT FROM OLD.returned_at
        OR NEW.outcome IS DISTINCT FROM OLD.outcome OR NEW.due_at <> OLD.due_at OR NEW.renewals <> OLD.renewals) THEN
        RAISE EXCEPTION 'a closed loan does not change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER loans_guard BEFORE UPDATE ON loans
    FOR EACH ROW EXECUTE FUNCTION lantai_loan_guard();
{{- end}}

-- +goose Down
-- Lantai migrates forward only.
