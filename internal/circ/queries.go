package circ

import (
	"context"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

// ReaderLoans lists a reader's open loans, the earliest due first.
func (s *Service) ReaderLoans(ctx context.Context, a auth.Actor, readerID int64) ([]Loan, error) {
	if err := readerView(a, readerID); err != nil {
		return nil, err
	}
	var out []Loan
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := byID(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+loanColumns+loanFrom+` WHERE l.reader_id = $1 AND l.returned_at IS NULL ORDER BY l.due_at, l.id`, readerID)
		out, err = db.Collect(rows, err, scanLoans(tx.Now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("loans of reader %d: %w", readerID, err)
	}
	return out, nil
}

// Loan returns a loan, open or closed.
func (s *Service) Loan(ctx context.Context, a auth.Actor, id int64) (Loan, error) {
	if err := deskView(a); err != nil {
		return Loan{}, err
	}
	var out Loan
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { out, err = loanByID(tx, id); return err })
	if err != nil {
		return Loan{}, fmt.Errorf("loan %d: %w", id, err)
	}
	return out, nil
}

// ItemLoan returns the open loan of the item with barcode; an item not on
// loan is a Conflict error.circ_not_on_loan.
func (s *Service) ItemLoan(ctx context.Context, a auth.Actor, barcode string) (Loan, error) {
	if err := deskView(a); err != nil {
		return Loan{}, err
	}
	var out Loan
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		it, err := catalog.ItemByBarcode(tx, barcode)
		if err != nil {
			return err
		}
		l, ok, err := openLoan(tx, it.ID)
		if err != nil {
			return err
		}
		if !ok {
			return conflict("error.circ_not_on_loan", "Barcode", it.Barcode)
		}
		out = l
		return nil
	})
	if err != nil {
		return Loan{}, fmt.Errorf("loan of %s: %w", strings.TrimSpace(barcode), err)
	}
	return out, nil
}

// OverdueLoans lists the open loans past due that were lent at a branch
// (every branch when branch is ""), the longest overdue first: the list
// for reminders 催还.
func (s *Service) OverdueLoans(ctx context.Context, a auth.Actor, branch string, limit int) ([]Loan, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	var out []Loan
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT `+loanColumns+loanFrom+` WHERE l.returned_at IS NULL AND l.due_at < $1
			AND ($2 = '' OR l.branch = $2) ORDER BY l.due_at, l.id LIMIT $3`, tx.Now, branch, limit)
		out, err = db.Collect(rows, err, scanLoans(tx.Now))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("overdue loans of %q: %w", branch, err)
	}
	return out, nil
}
