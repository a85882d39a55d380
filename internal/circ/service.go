// Package circ is circulation 流通: loans, returns and renewals, holds 预约
// with their queue and hold shelf, recalls 催还, proxy borrowing 委托借还,
// transit between branches 通借通还, lost and damaged items, the shelving
// queue, refusal records 拒借 and circulation statistics.
//
// Every business operation is one Service method in one transaction, with
// the acting person (auth.Actor, whose Door tells the desk, the OPAC, the
// API or a SIP2 machine apart), a permission check and an audit entry. The
// rules themselves — due dates, fines, whether a reader may borrow or renew
// — are the pure functions of package circ/rules, applied to the loan
// rules that package circ/policy loads inside the same transaction; so
// every front door lends under exactly the same rules.
//
// A refused checkout, renewal or hold is a domain error (apperr.Conflict)
// whose cause is a *Refused holding every reason (RefusalsOf), so the desk
// shows them all; overridable reasons may be overridden by staff with
// circ.override and a reason, which is kept on the loan. Every refusal,
// overridden or not, is recorded for the refusal statistics 拒借统计.
//
// Concurrency: on SQLite the single writer serialises everything. On
// PostgreSQL a method locks the rows it decides on, always in the same
// order — the item, then the reader, then the bibliographic record (which
// orders its hold queue) — and a partial unique index allows one open loan
// per item, so two desks lending one item at the same instant give one
// loan and one clear refusal.
package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/readers"
)

// Service is circulation over one database.
type Service struct {
	db     *db.DB
	policy *policy.Service
}

// NewService returns circulation over d, lending under the loan rules of
// p. When r is not nil, its clearance 离校 is given circulation's count of
// open loans (OpenLoans); otherwise the application must call
// r.SetLoanCounter(circ.OpenLoans) itself.
func NewService(d *db.DB, p *policy.Service, r *readers.Service) *Service {
	if r != nil {
		r.SetLoanCounter(OpenLoans)
	}
	return &Service{db: d, policy: p}
}

// OpenLoans counts a reader's open loans inside tx: the loan counter that
// readers' clearance uses (readers.LoanCounter).
func OpenLoans(tx *db.Tx, readerID int64) (int, error) {
	var n int
	if err := tx.QueryRow(`SELECT COUNT(*) FROM loans WHERE reader_id = $1 AND returned_at IS NULL`, readerID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count open loans of reader %d: %w", readerID, err)
	}
	return n, nil
}

// maxText bounds override reasons, notes and damage descriptions.
const maxText = 500

// text trims s and refuses it when longer than maxText characters.
func text(s, field string) (string, error) {
	s = strings.TrimSpace(s)
	if len([]rune(s)) > maxText {
		return "", apperr.New(apperr.Invalid, "error.text_too_long", "Max", maxText).WithField(field)
	}
	return s, nil
}

func notFound(key string, args ...any) error { return apperr.New(apperr.NotFound, key, args...) }

func conflict(key string, args ...any) error { return apperr.New(apperr.Conflict, key, args...) }

func invalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

// requireAny returns a Forbidden error naming the first permission unless
// the actor holds one of ps.
func requireAny(a auth.Actor, ps ...auth.Permission) error {
	if a.CanAny(ps...) {
		return nil
	}
	return a.Require(ps[0])
}

// deskPerms may read loans, holds and queues: whoever works a circulation
// desk.
var deskPerms = []auth.Permission{auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew,
	auth.PermCircHolds, auth.PermCircReaders}

// notYours refuses a reader acting for themselves what is not theirs.
func notYours() error { return apperr.New(apperr.Forbidden, "error.not_your_account") }

// staff checks that a is staff (not a reader acting for themselves in
// the public catalogue, auth.ReaderActor) holding p.
func staff(a auth.Actor, p auth.Permission) error {
	if a.ReaderID != 0 {
		return notYours()
	}
	return a.Require(p)
}

// deskView checks that a is staff who works a circulation desk: the
// queues, shelves and lists of every reader are theirs to see.
func deskView(a auth.Actor, more ...auth.Permission) error {
	if a.ReaderID != 0 {
		return notYours()
	}
	return requireAny(a, append(more, deskPerms...)...)
}

// readerView lets desk staff see any reader's loans and holds, and a
// reader acting for themselves their own only.
func readerView(a auth.Actor, readerID int64) error {
	if err := a.ForReader(readerID); err != nil {
		return err
	}
	return requireAny(a, deskPerms...)
}

// forSelf returns the reader a reader acting for themselves may act for:
// themselves (refusing anyone else named in asked); for staff, asked.
func forSelf(a auth.Actor, asked int64) (int64, error) {
	if a.ReaderID == 0 {
		return asked, nil
	}
	if asked != 0 && asked != a.ReaderID {
		return 0, notYours()
	}
	return a.ReaderID, nil
}

func actorName(a auth.Actor) string {
	if a.Name == "" {
		return "unknown"
	}
	return a.Name
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// day is the library's local day of t, written YYYY-MM-DD.
func day(t time.Time, loc *time.Location) string { return rules.DateOf(t, loc).String() }

// lockRow locks one row of table by id on PostgreSQL until the transaction
// ends; on SQLite, whose single writer excludes every other writer, it
// does nothing. It reports NotFound with key when the row does not exist.
func lockRow(tx *db.Tx, table string, id int64, key string) error {
	if tx.Dialect() != db.Postgres {
		return nil
	}
	var one int
	err := tx.QueryRow(`SELECT 1 FROM `+table+` WHERE id = $1 FOR UPDATE`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound(key, "ID", id)
	}
	if err != nil {
		return fmt.Errorf("lock %s %d: %w", table, id, err)
	}
	return nil
}

// lockReader locks a reader's row: every change of a reader's loans,
// holds or fees passes here, so two desks cannot both lend the reader's
// last allowed item.
func lockReader(tx *db.Tx, id int64) error {
	return lockRow(tx, "readers", id, "error.reader_not_found")
}

// lockRecord locks a bibliographic record's row: its hold queue is
// changed by one transaction at a time, so two copies returned at once
// fill two different holds in queue order.
func lockRecord(tx *db.Tx, id int64) error {
	return lockRow(tx, "bib_records", id, "error.record_not_found")
}

// checkBranch checks that a branch code exists.
func checkBranch(tx *db.Tx, code, field string) error {
	var one int
	err := tx.QueryRow(`SELECT 1 FROM branches WHERE code = $1`, code).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.InvalidReference, "error.branch_unknown", "Code", code).WithField(field)
	}
	if err != nil {
		return fmt.Errorf("check branch %q: %w", code, err)
	}
	return nil
}

// resolve returns the policy for a reader category, item type and branch;
// when no rule row matches, nothing is lent (a not-for-loan policy).
func resolve(snap *policy.Snapshot, category, itemType, branch string) (rules.Policy, error) {
	res, err := snap.Resolve(category, itemType, branch)
	if errors.Is(err, rules.ErrNoRule) {
		return rules.Policy{NotForLoan: true}, nil
	}
	if err != nil {
		return rules.Policy{}, fmt.Errorf("loan rules for %s/%s/%s: %w", category, itemType, branch, err)
	}
	return res.Policy, nil
}

// limits returns the limits of a reader category at a branch; when no
// limit row matches, nothing is allowed.
func limits(snap *policy.Snapshot, category, branch string) (rules.Limits, error) {
	res, err := snap.ResolveLimits(category, branch)
	if errors.Is(err, rules.ErrNoRule) {
		return rules.Limits{}, nil
	}
	if err != nil {
		return rules.Limits{}, fmt.Errorf("limits for %s/%s: %w", category, branch, err)
	}
	return res.Limits, nil
}

// write runs fn in a write transaction with the loan rules loaded.
func (s *Service) write(ctx context.Context, fn func(tx *db.Tx, snap *policy.Snapshot) error) error {
	return s.db.Write(ctx, func(tx *db.Tx) error {
		snap, err := s.policy.Load(tx)
		if err != nil {
			return err
		}
		return fn(tx, snap)
	})
}

// read runs fn in a read transaction with the loan rules loaded.
func (s *Service) read(ctx context.Context, fn func(tx *db.Tx, snap *policy.Snapshot) error) error {
	return s.db.Read(ctx, func(tx *db.Tx) error {
		snap, err := s.policy.Load(tx)
		if err != nil {
			return err
		}
		return fn(tx, snap)
	})
}
