package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// RenewOptions are the choices for a renewal.
type RenewOptions struct {
	// Override is the reason to renew despite overridable refusals
	// (circ.override).
	Override string
	// ReaderID, when not 0, restricts the renewal to this reader's loans:
	// the OPAC and self-check machines renew for the reader in front of
	// them, and another reader's loan is not found.
	ReaderID int64
	// Branch is where the renewal is made, for the record (the loan's
	// branch when "").
	Branch string
}

// Renewal is the outcome of renewing one loan of RenewAll.
type Renewal struct {
	Loan     Loan            `json:"loan"`
	Renewed  bool            `json:"renewed"`
	Refusals []rules.Refusal `json:"refusals,omitempty"`
}

// clean checks the options; a reader acting for themselves renews only
// their own loans.
func (o *RenewOptions) clean(a auth.Actor) error {
	var err error
	if o.ReaderID, err = forSelf(a, o.ReaderID); err != nil {
		return err
	}
	o.Override, err = text(o.Override, "override")
	o.Branch = strings.TrimSpace(o.Branch)
	return err
}

// Renew renews the loan of the item with barcode (circ.renew) under
// rules.CanRenew — card, debts, rules that still lend, recall, renewals
// left, overdue, another reader's hold — and returns it with its new due
// date. A refusal is a Conflict error with every reason (RefusalsOf),
// recorded in the refusal statistics.
func (s *Service) Renew(ctx context.Context, a auth.Actor, barcode string, o RenewOptions) (Loan, error) {
	return s.renewOne(ctx, a, o, func(tx *db.Tx) (item, error) { return lockItem(tx, barcode) }, strings.TrimSpace(barcode))
}

// RenewLoan renews a loan known by id (circ.renew), as Renew does.
func (s *Service) RenewLoan(ctx context.Context, a auth.Actor, loanID int64, o RenewOptions) (Loan, error) {
	return s.renewOne(ctx, a, o, func(tx *db.Tx) (item, error) {
		var itemID int64
		if err := tx.QueryRow(`SELECT item_id FROM loans WHERE id = $1`, loanID).Scan(&itemID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return item{}, notFound("error.circ_loan_not_found", "ID", loanID)
			}
			return item{}, err
		}
		return lockItemID(tx, itemID)
	}, fmt.Sprintf("loan %d", loanID))
}

func (s *Service) renewOne(ctx context.Context, a auth.Actor, o RenewOptions, find func(*db.Tx) (item, error), what string) (Loan, error) {
	if err := a.Require(auth.PermCircRenew); err != nil {
		return Loan{}, err
	}
	if err := o.clean(a); err != nil {
		return Loan{}, err
	}
	var loan Loan
	var refused *attempt
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		refused = nil
		it, err := find(tx)
		if err != nil {
			return err
		}
		l, ok, err := openLoan(tx, it.ID)
		if err != nil {
			return err
		}
		if !ok || (o.ReaderID != 0 && l.ReaderID != o.ReaderID) {
			return conflict("error.circ_not_on_loan", "Barcode", it.Barcode)
		}
		if loan, refused, err = s.renew(tx, a, snap, it, l, o.Override, o.Branch); err == nil && refused != nil {
			err = refused.record(tx, a, snap.Location)
		}
		return err
	})
	if err == nil && refused != nil {
		return Loan{}, refused.err
	}
	if err != nil {
		return Loan{}, fmt.Errorf("renew %s: %w", what, err)
	}
	return loan, nil
}

// RenewAll renews every open loan of a reader that may be renewed
// (circ.renew), in one transaction, and tells for each loan whether it was
// renewed or why not; each refusal is recorded.
func (s *Service) RenewAll(ctx context.Context, a auth.Actor, readerID int64, o RenewOptions) ([]Renewal, error) {
	if err := a.Require(auth.PermCircRenew); err != nil {
		return nil, err
	}
	if err := a.ForReader(readerID); err != nil {
		return nil, err
	}
	if err := o.clean(a); err != nil {
		return nil, err
	}
	if o.ReaderID != 0 && o.ReaderID != readerID {
		return nil, notFound("error.reader_not_found", "ID", readerID)
	}
	var out []Renewal
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		out = nil
		if _, err := byID(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT item_id FROM loans WHERE reader_id = $1 AND returned_at IS NULL ORDER BY item_id`, readerID)
		ids, err := db.Collect(rows, err, func(r *sql.Rows) (int64, error) { var id int64; return id, r.Scan(&id) })
		if err != nil {
			return err
		}
		// Lock the items first, in id order, then the reader (renew does):
		// the order every method locks in.
		items := make([]item, 0, len(ids))
		for _, id := range ids {
			it, err := lockItemID(tx, id)
			if err != nil {
				return err
			}
			items = append(items, it)
		}
		for _, it := range items {
			l, ok, err := openLoan(tx, it.ID)
			if err != nil {
				return err
			}
			if !ok || l.ReaderID != readerID {
				continue
			}
			renewed, at, err := s.renew(tx, a, snap, it, l, o.Override, o.Branch)
			if err != nil {
				return err
			}
			if at != nil {
				if err := at.record(tx, a, snap.Location); err != nil {
					return err
				}
				out = append(out, Renewal{Loan: l, Refusals: at.refusals})
				continue
			}
			out = append(out, Renewal{Loan: renewed, Renewed: true})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("renew all loans of reader %d: %w", readerID, err)
	}
	return out, nil
}

// renew renews an open loan inside a transaction, the item being locked,
// and returns the loan or the refused attempt to record.
func (s *Service) renew(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, it item, l Loan, override, branch string) (Loan, *attempt, error) {
	loc := snap.Location
	b, err := byID(tx, l.ReaderID)
	if err != nil {
		return Loan{}, nil, err
	}
	if err := lockReader(tx, b.ID); err != nil {
		return Loan{}, nil, err
	}
	p, err := resolve(snap, b.Category, l.ItemType, l.Branch)
	if err != nil {
		return Loan{}, nil, err
	}
	st, err := standingOf(tx, snap, b, l.Branch, l.ItemType, it.ID, it.RecordID, false)
	if err != nil {
		return Loan{}, nil, err
	}
	lim, rs, cl := st.lim, st.reader, st.claim
	refs := rules.CanRenew(rules.RenewalState{Now: tx.Now, Loc: loc, Reader: rs, Policy: p, Limits: lim, Due: l.DueAt,
		RenewalsUsed: l.Renewals, Recalled: l.RecalledAt != nil, HeldForOther: cl.heldForOther})
	if branch == "" {
		branch = l.Branch
	} else if err := checkBranch(tx, branch, "branch"); err != nil {
		return Loan{}, nil, err
	}
	at := attempt{op: OpRenew, readerID: b.ID, category: b.Category, itemID: it.ID, bibID: it.RecordID, branch: branch, refusals: refs}
	if r := decide(at, override, a); r != nil {
		return Loan{}, r, nil
	}
	due, err := renewalDue(snap, p, l, tx.Now)
	if err != nil {
		return Loan{}, nil, err
	}
	if _, err := tx.Exec(`UPDATE loans SET due_at = $1, renewals = renewals + 1 WHERE id = $2 AND returned_at IS NULL`, due, l.ID); err != nil {
		return Loan{}, nil, fmt.Errorf("renew loan %d: %w", l.ID, err)
	}
	note := ""
	if len(refs) > 0 {
		at.overridden = true
		if err := at.record(tx, a, loc); err != nil {
			return Loan{}, nil, err
		}
		note = override + " [" + strings.Join(reasonCodes(refs), ",") + "]"
	}
	if err := addEvent(tx, a, l.ID, loc, event{kind: "renew", branch: branch, dueBefore: l.DueAt, dueAfter: due, note: note}); err != nil {
		return Loan{}, nil, err
	}
	after := l
	after.DueAt, after.Renewals, after.Overdue = due, l.Renewals+1, tx.Now.After(due)
	return after, nil, auth.Audit(tx, a, "loan.renew", "loan", l.ID, l.summary(), withOverride(after.summary(), override, refs))
}

func withOverride(m map[string]any, override string, refs []rules.Refusal) map[string]any {
	if len(refs) > 0 {
		m["renew_override"] = override
		m["renew_override_reasons"] = reasonCodes(refs)
	}
	return m
}

// renewalDue is the due date of a renewed loan: the rules'; under rules
// that allow no renewal (overridden), the loan period again; for an item
// not for loan (overridden), one more open day.
func renewalDue(snap *policy.Snapshot, p rules.Policy, l Loan, now time.Time) (time.Time, error) {
	loc, cal := snap.Location, snap.Calendar(l.Branch)
	if p.NotForLoan {
		from := slices.MaxFunc([]time.Time{l.DueAt, now}, time.Time.Compare)
		d, err := rules.NextOpenDay(cal, rules.DateOf(from, loc).AddDays(1))
		if err != nil {
			return time.Time{}, fmt.Errorf("renewal due date: %w", err)
		}
		return d.EndOfDay(loc), nil
	}
	if p.RenewalPeriod == 0 {
		p.RenewalPeriod = p.Period
	}
	due, err := rules.RenewalDueDate(p, cal, l.DueAt, now, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("renewal due date: %w", err)
	}
	return due, nil
}
