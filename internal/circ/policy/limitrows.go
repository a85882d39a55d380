package policy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

const limitColumns = `id, category, branch, max_loans, max_fees_fen, max_overdue_items, max_holds, deposit_covers_loans`

func scanLimit(sc interface{ Scan(...any) error }) (rules.LimitRow, error) {
	var r rules.LimitRow
	l := &r.Limits
	err := sc.Scan(&r.ID, &r.Category, &r.Branch, &l.MaxLoans, &l.MaxFeesFen, &l.MaxOverdueItems, &l.MaxHolds, &l.DepositCoversLoans)
	return r, err
}

func limitArgs(r rules.LimitRow) []any {
	l := r.Limits
	return []any{r.Category, r.Branch, l.MaxLoans, l.MaxFeesFen, l.MaxOverdueItems, l.MaxHolds, l.DepositCoversLoans}
}

// readLimits returns every limit row, by id.
func readLimits(tx *db.Tx) ([]rules.LimitRow, error) {
	rows, err := tx.Query(`SELECT ` + limitColumns + ` FROM circ_limits ORDER BY id`)
	out, err := db.Collect(rows, err, func(r *sql.Rows) (rules.LimitRow, error) { return scanLimit(r) })
	if err != nil {
		return nil, fmt.Errorf("read limit rows: %w", err)
	}
	return out, nil
}

// limitByID returns one limit row, or a NotFound error.
func limitByID(tx *db.Tx, id int64, lock string) (rules.LimitRow, error) {
	r, err := scanLimit(tx.QueryRow(`SELECT `+limitColumns+` FROM circ_limits WHERE id = $1`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return rules.LimitRow{}, apperr.New(apperr.NotFound, "error.circ_limit_not_found", "ID", id)
	}
	if err != nil {
		return rules.LimitRow{}, fmt.Errorf("read limit row %d: %w", id, err)
	}
	return r, nil
}

// checkLimit validates a limit row about to be saved (r.ID is 0 for a new
// row): patterns, limits, branch, and that no other row has its pattern.
func checkLimit(tx *db.Tx, r rules.LimitRow) error {
	if err := rules.ValidateLimitRows([]rules.LimitRow{r}); err != nil {
		return invalid(err, r.Key())
	}
	if err := checkBranch(tx, r.Branch); err != nil {
		return err
	}
	var other int64
	err := tx.QueryRow(`SELECT id FROM circ_limits WHERE category = $1 AND branch = $2 AND id <> $3`,
		r.Category, r.Branch, r.ID).Scan(&other)
	switch {
	case err == nil:
		return apperr.New(apperr.Conflict, "error.circ_limit_exists", "Key", r.Key(), "Row", other)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("check limit row %s: %w", r.Key(), err)
	}
	return nil
}

func normalizeLimit(r rules.LimitRow) rules.LimitRow {
	r.Category, r.Branch = strings.TrimSpace(r.Category), strings.TrimSpace(r.Branch)
	return r
}

// Limits lists the limit rows (total loans, fees, overdue items and holds
// per reader category and branch), by id.
func (s *Service) Limits(ctx context.Context, a auth.Actor) ([]rules.LimitRow, error) {
	var out []rules.LimitRow
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { out, err = readLimits(tx); return err })
	if err != nil {
		return nil, fmt.Errorf("list limit rows: %w", err)
	}
	return out, nil
}

// Limit returns the limit row with the given id.
func (s *Service) Limit(ctx context.Context, a auth.Actor, id int64) (rules.LimitRow, error) {
	var r rules.LimitRow
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { r, err = limitByID(tx, id, ""); return err })
	if err != nil {
		return rules.LimitRow{}, fmt.Errorf("limit row %d: %w", id, err)
	}
	return r, nil
}

// CreateLimit adds a limit row (circ.rules) and returns it with its id.
func (s *Service) CreateLimit(ctx context.Context, a auth.Actor, r rules.LimitRow) (rules.LimitRow, error) {
	r = normalizeLimit(r)
	r.ID = 0
	err := s.write(ctx, a, func(tx *db.Tx) error {
		if err := checkLimit(tx, r); err != nil {
			return err
		}
		id, err := tx.Insert(`INSERT INTO circ_limits (`+strings.TrimPrefix(limitColumns, "id, ")+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, limitArgs(r)...)
		if err != nil {
			return err
		}
		r.ID = id
		return auth.Audit(tx, a, "circ_limit.create", "circ_limit", id, nil, r)
	})
	if err != nil {
		return rules.LimitRow{}, fmt.Errorf("create limit row %s: %w", r.Key(), err)
	}
	return r, nil
}

// UpdateLimit replaces the pattern and limits of limit row id (circ.rules).
func (s *Service) UpdateLimit(ctx context.Context, a auth.Actor, id int64, r rules.LimitRow) (rules.LimitRow, error) {
	r = normalizeLimit(r)
	r.ID = id
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, err := limitByID(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if err := checkLimit(tx, r); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE circ_limits SET category = $1, branch = $2, max_loans = $3, max_fees_fen = $4,
			max_overdue_items = $5, max_holds = $6, deposit_covers_loans = $7 WHERE id = $8`, append(limitArgs(r), id)...); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_limit.update", "circ_limit", id, before, r)
	})
	if err != nil {
		return rules.LimitRow{}, fmt.Errorf("update limit row %d: %w", id, err)
	}
	return r, nil
}

// DeleteLimit removes limit row id (circ.rules).
func (s *Service) DeleteLimit(ctx context.Context, a auth.Actor, id int64) error {
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, err := limitByID(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM circ_limits WHERE id = $1`, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_limit.delete", "circ_limit", id, before, nil)
	})
	if err != nil {
		return fmt.Errorf("delete limit row %d: %w", id, err)
	}
	return nil
}
