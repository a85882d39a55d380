package policy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Service keeps the loan rules, limits, calendars and circulation settings
// of one database, and a cached Snapshot of them.
type Service struct {
	db *db.DB

	mu     sync.Mutex
	cached *Snapshot // the last snapshot loaded, checked against the version on every Load
}

// NewService returns the loan-rule service over d.
func NewService(d *db.DB) *Service { return &Service{db: d} }

// viewPerms are the permissions that may read the rules: whoever sets them
// and the circulation desk that applies them.
var viewPerms = []auth.Permission{auth.PermCircRules, auth.PermCircCheckout, auth.PermCircCheckin, auth.PermCircRenew, auth.PermCircReaders}

// requireView refuses an actor who may not read the loan rules.
func requireView(a auth.Actor) error {
	if a.CanAny(viewPerms...) {
		return nil
	}
	return apperr.New(apperr.Forbidden, "error.forbidden", "Permission", string(auth.PermCircRules))
}

// write runs fn in a write transaction after checking that the actor may
// change the rules, and bumps the version first: the row lock serializes
// concurrent changes on PostgreSQL, and every node sees the new version.
func (s *Service) write(ctx context.Context, a auth.Actor, fn func(tx *db.Tx) error) error {
	if err := a.Require(auth.PermCircRules); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.ExecAffected(`UPDATE circ_settings SET version = version + 1 WHERE id = 1`)
		if err != nil {
			return fmt.Errorf("bump loan-rule version: %w", err)
		}
		if n != 1 {
			return errors.New("bump loan-rule version: the circ_settings row is missing")
		}
		return fn(tx)
	})
}

// read runs fn in a read transaction after checking that the actor may read
// the rules.
func (s *Service) read(ctx context.Context, a auth.Actor, fn func(tx *db.Tx) error) error {
	if err := requireView(a); err != nil {
		return err
	}
	return s.db.Read(ctx, fn)
}

// checkCode checks that code is the wildcard or names a row of table (the
// branches or item_types of the catalogue).
func checkCode(tx *db.Tx, table, field, code, errKey string) error {
	if code == rules.Any {
		return nil
	}
	var one int
	err := tx.QueryRow(`SELECT 1 FROM `+table+` WHERE code = $1`, code).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.New(apperr.InvalidReference, errKey, "Code", code).WithField(field)
	}
	if err != nil {
		return fmt.Errorf("check %s %q: %w", field, code, err)
	}
	return nil
}

// checkBranch checks a branch code or the wildcard.
func checkBranch(tx *db.Tx, code string) error {
	return checkCode(tx, "branches", "branch", code, "error.branch_unknown")
}

// checkItemType checks an item-type code or the wildcard.
func checkItemType(tx *db.Tx, code string) error {
	return checkCode(tx, "item_types", "item_type", code, "error.item_type_unknown")
}
