package circ

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Recall recalls 催还 the loan of the item with barcode (circ.holds): the
// loan becomes due by rules.RecallDueDate — the end of the day the rules'
// recall days after today, moved to the next open day, never later than
// it was — it may no longer be renewed, and the reader is sent a notice.
// Hour loans are not recalled, nor a loan twice.
func (s *Service) Recall(ctx context.Context, a auth.Actor, barcode, note string) (Loan, error) {
	if err := staff(a, auth.PermCircHolds); err != nil {
		return Loan{}, err
	}
	note, err := text(note, "note")
	if err != nil {
		return Loan{}, err
	}
	var out Loan
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		it, err := lockItem(tx, barcode)
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
		if l.RecalledAt != nil {
			return conflict("error.circ_already_recalled", "Barcode", it.Barcode)
		}
		p, err := resolve(snap, l.Category, l.ItemType, l.Branch)
		if err != nil {
			return err
		}
		if p.NotForLoan {
			// A loan by exception is recalled as a one-day loan would be.
			p = rules.Policy{Period: 1}
		}
		due, err := rules.RecallDueDate(p, snap.Calendar(l.Branch), l.DueAt, tx.Now, snap.Location)
		if errors.Is(err, rules.ErrHourLoanRecall) {
			return conflict("error.circ_hour_loan_recall", "Barcode", it.Barcode)
		}
		if err != nil {
			return fmt.Errorf("recall due date: %w", err)
		}
		if _, err := tx.Exec(`UPDATE loans SET due_at = $1, recalled_at = $2 WHERE id = $3 AND returned_at IS NULL`, due, tx.Now, l.ID); err != nil {
			return fmt.Errorf("recall loan %d: %w", l.ID, err)
		}
		if err := addEvent(tx, a, l.ID, snap.Location, event{kind: "recall", branch: l.Branch, dueBefore: l.DueAt, dueAfter: due, note: note}); err != nil {
			return err
		}
		if err := notify(tx, l.ReaderID, NoticeRecall, 0, l.ID, it.ID); err != nil {
			return err
		}
		if out, err = loanByID(tx, l.ID); err != nil {
			return err
		}
		return auth.Audit(tx, a, "loan.recall", "loan", l.ID, l.summary(), out.summary())
	})
	if err != nil {
		return Loan{}, fmt.Errorf("recall %s: %w", strings.TrimSpace(barcode), err)
	}
	return out, nil
}
