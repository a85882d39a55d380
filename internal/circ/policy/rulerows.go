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

const ruleColumns = `id, category, item_type, branch, not_for_loan, period, unit, max_of_type, renewals, renewal_period,
	renew_from, overdue_blocks_renewal, recall_days, fine_per_day_fen, fine_per_hour_fen, grace_days, grace_hours,
	grace_mode, fine_cap_fen, cap_at_price, holds_allowed`

func scanRule(sc interface{ Scan(...any) error }) (rules.Row, error) {
	var r rules.Row
	p := &r.Policy
	var unit, renewFrom, graceMode string
	err := sc.Scan(&r.ID, &r.Category, &r.ItemType, &r.Branch, &p.NotForLoan, &p.Period, &unit, &p.MaxOfType,
		&p.Renewals, &p.RenewalPeriod, &renewFrom, &p.OverdueBlocksRenewal, &p.RecallDays, &p.FinePerDayFen,
		&p.FinePerHourFen, &p.GraceDays, &p.GraceHours, &graceMode, &p.FineCapFen, &p.CapAtPrice, &p.HoldsAllowed)
	p.Unit, p.RenewFrom, p.GraceMode = rules.Unit(unit), rules.RenewFrom(renewFrom), rules.GraceMode(graceMode)
	return r, err
}

// ruleArgs are the values of a row's columns after id, in ruleColumns order.
func ruleArgs(r rules.Row) []any {
	p := r.Policy
	return []any{r.Category, r.ItemType, r.Branch, p.NotForLoan, p.Period, string(p.Unit), p.MaxOfType,
		p.Renewals, p.RenewalPeriod, string(p.RenewFrom), p.OverdueBlocksRenewal, p.RecallDays, p.FinePerDayFen,
		p.FinePerHourFen, p.GraceDays, p.GraceHours, string(p.GraceMode), p.FineCapFen, p.CapAtPrice, p.HoldsAllowed}
}

// readRules returns every rule row, by id.
func readRules(tx *db.Tx) ([]rules.Row, error) {
	rows, err := tx.Query(`SELECT ` + ruleColumns + ` FROM circ_rules ORDER BY id`)
	out, err := db.Collect(rows, err, func(r *sql.Rows) (rules.Row, error) { return scanRule(r) })
	if err != nil {
		return nil, fmt.Errorf("read rule rows: %w", err)
	}
	return out, nil
}

// ruleByID returns one rule row, or a NotFound error.
func ruleByID(tx *db.Tx, id int64, lock string) (rules.Row, error) {
	r, err := scanRule(tx.QueryRow(`SELECT `+ruleColumns+` FROM circ_rules WHERE id = $1`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return rules.Row{}, apperr.New(apperr.NotFound, "error.circ_rule_not_found", "ID", id)
	}
	if err != nil {
		return rules.Row{}, fmt.Errorf("read rule row %d: %w", id, err)
	}
	return r, nil
}

// normalizeRule trims the codes and spells out the zero unit, renewal start
// and grace mode, so that what is stored reads the same as what is meant.
func normalizeRule(r rules.Row) rules.Row {
	r.Category, r.ItemType, r.Branch = strings.TrimSpace(r.Category), strings.TrimSpace(r.ItemType), strings.TrimSpace(r.Branch)
	p := &r.Policy
	if p.Unit == "" {
		p.Unit = rules.Days
	}
	if p.RenewFrom == "" {
		p.RenewFrom = rules.FromDue
	}
	if p.GraceMode == "" {
		p.GraceMode = rules.GraceForgive
	}
	return r
}

// checkRule validates a rule row about to be saved (r.ID is 0 for a new
// row): its patterns and policy, its branch and item type, and that no
// other row has the same pattern.
func checkRule(tx *db.Tx, r rules.Row) error {
	if err := rules.ValidateRows([]rules.Row{r}); err != nil {
		return invalid(err, r.Key())
	}
	if err := checkBranch(tx, r.Branch); err != nil {
		return err
	}
	if err := checkItemType(tx, r.ItemType); err != nil {
		return err
	}
	var other int64
	err := tx.QueryRow(`SELECT id FROM circ_rules WHERE category = $1 AND item_type = $2 AND branch = $3 AND id <> $4`,
		r.Category, r.ItemType, r.Branch, r.ID).Scan(&other)
	switch {
	case err == nil:
		return apperr.New(apperr.Conflict, "error.circ_rule_exists", "Key", r.Key(), "Row", other)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("check rule row %s: %w", r.Key(), err)
	}
	return nil
}

// Rules lists the rule rows of the policy matrix, by id.
func (s *Service) Rules(ctx context.Context, a auth.Actor) ([]rules.Row, error) {
	var out []rules.Row
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { out, err = readRules(tx); return err })
	if err != nil {
		return nil, fmt.Errorf("list rule rows: %w", err)
	}
	return out, nil
}

// Rule returns the rule row with the given id.
func (s *Service) Rule(ctx context.Context, a auth.Actor, id int64) (rules.Row, error) {
	var r rules.Row
	err := s.read(ctx, a, func(tx *db.Tx) (err error) { r, err = ruleByID(tx, id, ""); return err })
	if err != nil {
		return rules.Row{}, fmt.Errorf("rule row %d: %w", id, err)
	}
	return r, nil
}

// CreateRule adds a row to the policy matrix (circ.rules) and returns it
// with its id. Category, item type and branch are codes or "*"; the branch
// and the item type must exist in the catalogue; the pattern must be new.
func (s *Service) CreateRule(ctx context.Context, a auth.Actor, r rules.Row) (rules.Row, error) {
	r = normalizeRule(r)
	r.ID = 0
	err := s.write(ctx, a, func(tx *db.Tx) error {
		if err := checkRule(tx, r); err != nil {
			return err
		}
		id, err := tx.Insert(`INSERT INTO circ_rules (`+strings.TrimPrefix(ruleColumns, "id, ")+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`, ruleArgs(r)...)
		if err != nil {
			return err
		}
		r.ID = id
		return auth.Audit(tx, a, "circ_rule.create", "circ_rule", id, nil, r)
	})
	if err != nil {
		return rules.Row{}, fmt.Errorf("create rule row %s: %w", r.Key(), err)
	}
	return r, nil
}

// UpdateRule replaces the pattern and policy of rule row id (circ.rules)
// and returns the row as stored.
func (s *Service) UpdateRule(ctx context.Context, a auth.Actor, id int64, r rules.Row) (rules.Row, error) {
	r = normalizeRule(r)
	r.ID = id
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, err := ruleByID(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if err := checkRule(tx, r); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE circ_rules SET category = $1, item_type = $2, branch = $3, not_for_loan = $4,
			period = $5, unit = $6, max_of_type = $7, renewals = $8, renewal_period = $9, renew_from = $10,
			overdue_blocks_renewal = $11, recall_days = $12, fine_per_day_fen = $13, fine_per_hour_fen = $14,
			grace_days = $15, grace_hours = $16, grace_mode = $17, fine_cap_fen = $18, cap_at_price = $19,
			holds_allowed = $20 WHERE id = $21`, append(ruleArgs(r), id)...); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_rule.update", "circ_rule", id, before, r)
	})
	if err != nil {
		return rules.Row{}, fmt.Errorf("update rule row %d: %w", id, err)
	}
	return r, nil
}

// DeleteRule removes rule row id from the matrix (circ.rules). Queries it
// decided fall to the next most specific row; with no row left that
// matches, nothing is lent.
func (s *Service) DeleteRule(ctx context.Context, a auth.Actor, id int64) error {
	err := s.write(ctx, a, func(tx *db.Tx) error {
		before, err := ruleByID(tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM circ_rules WHERE id = $1`, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "circ_rule.delete", "circ_rule", id, before, nil)
	})
	if err != nil {
		return fmt.Errorf("delete rule row %d: %w", id, err)
	}
	return nil
}
