-- Loan rules 借阅规则 (package circ/policy): the policy matrix reader
-- category × item type × branch, the limits per reader category and branch,
-- the calendar of each branch (weekly opening hours, holidays and 调休
-- make-up days) and the circulation settings, with the version counter that
-- every change bumps so that each server node knows when its cached copy of
-- the rules is stale.
--
-- Category, item type and branch codes are TEXT without foreign keys: each
-- may be the wildcard '*', and reader categories belong to another package.
-- The service checks branch and item-type codes against branches and
-- item_types when a row is saved.

-- +goose Up
CREATE TABLE circ_rules (
    id                     {{.ID}},
    category               TEXT NOT NULL,
    item_type              TEXT NOT NULL,
    branch                 TEXT NOT NULL,
    not_for_loan           {{.Bool}} NOT NULL DEFAULT FALSE,
    period                 INTEGER NOT NULL DEFAULT 0,
    unit                   TEXT NOT NULL DEFAULT 'days',
    max_of_type            INTEGER NOT NULL DEFAULT -1,
    renewals               INTEGER NOT NULL DEFAULT 0,
    renewal_period         INTEGER NOT NULL DEFAULT 0,
    renew_from             TEXT NOT NULL DEFAULT 'due',
    overdue_blocks_renewal {{.Bool}} NOT NULL DEFAULT FALSE,
    recall_days            INTEGER NOT NULL DEFAULT 0,
    fine_per_day_fen       {{.BigInt}} NOT NULL DEFAULT 0,
    fine_per_hour_fen      {{.BigInt}} NOT NULL DEFAULT 0,
    grace_days             INTEGER NOT NULL DEFAULT 0,
    grace_hours            INTEGER NOT NULL DEFAULT 0,
    grace_mode             TEXT NOT NULL DEFAULT 'forgive',
    fine_cap_fen           {{.BigInt}} NOT NULL DEFAULT 0,
    cap_at_price           {{.Bool}} NOT NULL DEFAULT FALSE,
    holds_allowed          {{.Bool}} NOT NULL DEFAULT FALSE,
    CHECK (unit IN ('days', 'hours')),
    CHECK (renew_from IN ('due', 'now')),
    CHECK (grace_mode IN ('forgive', 'deduct'))
);
CREATE UNIQUE INDEX circ_rules_pattern ON circ_rules (category, item_type, branch);

CREATE TABLE circ_limits (
    id                   {{.ID}},
    category             TEXT NOT NULL,
    branch               TEXT NOT NULL,
    max_loans            INTEGER NOT NULL,
    max_fees_fen         {{.BigInt}} NOT NULL,
    max_overdue_items    INTEGER NOT NULL,
    max_holds            INTEGER NOT NULL,
    deposit_covers_loans {{.Bool}} NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX circ_limits_pattern ON circ_limits (category, branch);

-- A branch's calendar ('*': the calendar of every branch without its own).
-- A branch without any calendar is open every day.
CREATE TABLE circ_calendars (
    branch TEXT PRIMARY KEY
);
-- The regular week: a row per weekday (0 = Sunday) that is closed or has
-- known opening hours (minutes after local midnight, close up to 1440).
CREATE TABLE circ_calendar_weekdays (
    branch    TEXT NOT NULL REFERENCES circ_calendars (branch) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL,
    closed    {{.Bool}} NOT NULL DEFAULT FALSE,
    open_min  INTEGER,
    close_min INTEGER,
    PRIMARY KEY (branch, weekday),
    CHECK (weekday BETWEEN 0 AND 6)
);
-- Holidays and closures (open false) and make-up working days 调休 (open
-- true), from_date to to_date inclusive, written YYYY-MM-DD.
CREATE TABLE circ_calendar_exceptions (
    id        {{.ID}},
    branch    TEXT NOT NULL REFERENCES circ_calendars (branch) ON DELETE CASCADE,
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL,
    open      {{.Bool}} NOT NULL DEFAULT FALSE,
    open_min  INTEGER,
    close_min INTEGER,
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX circ_calendar_exceptions_branch ON circ_calendar_exceptions (branch, from_date);

-- The circulation settings, one row; version is bumped by every change of
-- rules, limits, calendars or settings.
CREATE TABLE circ_settings (
    id                   INTEGER PRIMARY KEY,
    time_zone            TEXT NOT NULL,
    fines_open_days_only {{.Bool}} NOT NULL DEFAULT FALSE,
    hold_pickup_days     INTEGER NOT NULL,
    version              {{.BigInt}} NOT NULL,
    CHECK (id = 1)
);

INSERT INTO circ_settings (id, time_zone, fines_open_days_only, hold_pickup_days, version)
    VALUES (1, 'Asia/Shanghai', FALSE, 7, 1);

-- The rules of a new academic library: 30 days for undergraduates, 60 for
-- postgraduates, 90 for staff, 0.10 元 a day overdue capped at the item's
-- price; reference books and serials are not for loan (a loan by exception
-- needs circ.override and a reason). Reader category codes (as in
-- 00006_readers.sql): undergraduate, postgraduate, staff; other categories
-- get the catch-all row.
INSERT INTO circ_rules (category, item_type, branch, not_for_loan, period, unit, max_of_type, renewals, renewal_period,
        renew_from, overdue_blocks_renewal, recall_days, fine_per_day_fen, grace_days, grace_mode, cap_at_price,
        holds_allowed) VALUES
    ('*',             '*', '*', FALSE, 30, 'days', -1, 1, 30, 'due', TRUE, 7, 10, 0, 'forgive', TRUE, TRUE),
    ('undergraduate', '*', '*', FALSE, 30, 'days', -1, 1, 30, 'due', TRUE, 7, 10, 0, 'forgive', TRUE, TRUE),
    ('postgraduate',  '*', '*', FALSE, 60, 'days', -1, 1, 30, 'due', TRUE, 7, 10, 0, 'forgive', TRUE, TRUE),
    ('staff',         '*', '*', FALSE, 90, 'days', -1, 2, 60, 'due', TRUE, 7, 10, 3, 'forgive', TRUE, TRUE);
INSERT INTO circ_rules (category, item_type, branch, not_for_loan) VALUES
    ('*', 'reference', '*', TRUE),
    ('*', 'serial',    '*', TRUE);

-- Ten items for undergraduates (and any other category), twenty for
-- postgraduates, thirty for staff; a debt over 10 元 or an overdue item
-- blocks new loans (staff may have two overdue items).
INSERT INTO circ_limits (category, branch, max_loans, max_fees_fen, max_overdue_items, max_holds) VALUES
    ('*',             '*', 10, 1000, 0, 5),
    ('undergraduate', '*', 10, 1000, 0, 5),
    ('postgraduate',  '*', 20, 1000, 0, 10),
    ('staff',         '*', 30, 1000, 2, 10);

-- +goose Down
-- Lantai migrates forward only.
