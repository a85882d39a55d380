package circ

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/search"
)

// CheckoutOptions are the desk's choices for one checkout.
type CheckoutOptions struct {
	// Branch is where the loan is made: its rules, limits and calendar
	// apply (the item's own branch when "").
	Branch string
	// Desk names the desk or self-check machine, for the record.
	Desk string
	// Override is the reason to lend despite overridable refusals; it
	// needs circ.override and is kept on the loan.
	Override string
	// DueOn, with Override only, is the last day of the loan instead of
	// the rules' (moved to the next open day). A loan of an item that is
	// not for loan, overridden without DueOn, is due at the end of the day.
	DueOn rules.Date
	// ForReader, when not 0, is the reader the card's holder borrows for
	// as their proxy (委托借还): the loan is the principal's, under the
	// principal's rules, and records the proxy.
	ForReader int64
}

// Checkout lends the item with barcode to the holder of card (circ.checkout)
// and returns the loan, due under the rules and the calendar of the
// branch in the library's time zone. The checks are those of
// rules.CanBorrow — card, debts, overdue items, limits, the item's status,
// not for loan, another reader's hold — plus a replaced card and, for a
// proxy, the authorisation; a refusal is a Conflict error with every
// reason (RefusalsOf), recorded in the refusal statistics. An item already
// on loan to the same reader is renewed instead (Loan.Renewed). An item
// that fills the reader's own hold fulfils it.
func (s *Service) Checkout(ctx context.Context, a auth.Actor, card, barcode string, o CheckoutOptions) (Loan, error) {
	if err := staff(a, auth.PermCircCheckout); err != nil {
		return Loan{}, err
	}
	override, err := text(o.Override, "override")
	if err != nil {
		return Loan{}, err
	}
	if o.Desk, err = text(o.Desk, "desk"); err != nil {
		return Loan{}, err
	}
	o.Override, o.Branch = override, strings.TrimSpace(o.Branch)
	if !o.DueOn.IsZero() {
		if override == "" {
			return Loan{}, invalid("error.circ_due_needs_override", "due_on")
		}
		if !o.DueOn.Valid() {
			return Loan{}, invalid("error.date_invalid", "due_on", "Field", "due_on", "Value", o.DueOn.String())
		}
	}
	var loan Loan
	var refused *attempt
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		var err error
		loan, refused, err = s.checkout(tx, a, snap, card, barcode, o)
		if err == nil && refused != nil {
			err = refused.record(tx, a, snap.Location)
		}
		return err
	})
	var race *lostRace
	if errors.As(err, &race) {
		return Loan{}, s.recordLate(ctx, a, race.at)
	}
	if err == nil && refused != nil {
		return Loan{}, refused.err
	}
	if err != nil {
		return Loan{}, fmt.Errorf("checkout %s: %w", strings.TrimSpace(barcode), err)
	}
	return loan, nil
}

// lostRace is the error of a checkout that lost a race for the item to a
// transaction committed after it read the item (a unique-index violation,
// which aborts the transaction on PostgreSQL): the refusal is recorded in
// a transaction of its own.
type lostRace struct{ at *attempt }

func (e *lostRace) Error() string { return e.at.err.Error() }
func (e *lostRace) Unwrap() error { return e.at.err }

// recordLate records a refusal in a transaction of its own and returns
// its error.
func (s *Service) recordLate(ctx context.Context, a auth.Actor, at *attempt) error {
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error { return at.record(tx, a, snap.Location) })
	if err != nil {
		return errors.Join(at.err, fmt.Errorf("record refusal: %w", err))
	}
	return at.err
}

// checkout is Checkout inside its transaction. It returns the loan, or the
// refused attempt for the caller to record (the transaction then commits
// the record and nothing else).
func (s *Service) checkout(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, card, barcode string, o CheckoutOptions) (Loan, *attempt, error) {
	loc := snap.Location
	it, err := lockItem(tx, barcode)
	if err != nil {
		return Loan{}, nil, err
	}
	holder, err := identify(tx, card)
	if err != nil {
		return Loan{}, nil, err
	}
	b, refs := holder, append([]rules.Refusal(nil), holder.extra...)
	var proxyID int64
	if o.ForReader != 0 && o.ForReader != holder.ID {
		if b, err = byID(tx, o.ForReader); err != nil {
			return Loan{}, nil, err
		}
		proxyID = holder.ID
		pr, err := proxyRefusals(tx, holder, b, tx.Now, loc)
		if err != nil {
			return Loan{}, nil, err
		}
		refs = merge(refs, pr...)
	}
	if err := lockReader(tx, b.ID); err != nil {
		return Loan{}, nil, err
	}
	current, onLoan, err := openLoan(tx, it.ID)
	if err != nil {
		return Loan{}, nil, err
	}
	if onLoan && current.ReaderID == b.ID {
		l, at, err := s.renew(tx, a, snap, it, current, o.Override, o.Branch)
		l.Renewed = at == nil && err == nil
		return l, at, err
	}
	branch := o.Branch
	if branch == "" {
		branch = it.Branch
	} else if err := checkBranch(tx, branch, "branch"); err != nil {
		return Loan{}, nil, err
	}
	p, err := resolve(snap, b.Category, it.ItemType, branch)
	if err != nil {
		return Loan{}, nil, err
	}
	st, err := standingOf(tx, snap, b, branch, it.ItemType, it.ID, it.RecordID, true)
	if err != nil {
		return Loan{}, nil, err
	}
	lim, rs, cl := st.lim, st.reader, st.claim
	refs = merge(refs, rules.CanBorrow(rules.CheckoutState{Now: tx.Now, Loc: loc, Reader: rs, Policy: p, Limits: lim,
		Item: rules.ItemState{Status: string(it.Status), HeldForOther: cl.heldForOther, PriceFen: it.PriceFen}})...)
	at := attempt{op: OpCheckout, readerID: b.ID, category: b.Category, itemID: it.ID, bibID: it.RecordID, branch: branch, refusals: refs}
	if r := decide(at, o.Override, a); r != nil {
		return Loan{}, r, nil
	}
	due, err := dueDate(snap, p, branch, o.DueOn, tx.Now)
	if err != nil {
		return Loan{}, nil, err
	}
	var reasons, overrideBy string
	var overrideByID int64
	if len(refs) > 0 {
		reasons, overrideBy, overrideByID = strings.Join(reasonCodes(refs), ","), actorName(a), a.StaffID
	} else {
		o.Override = ""
	}
	id, err := tx.Insert(`INSERT INTO loans (item_id, bib_id, reader_id, proxy_id, category, item_type, branch, desk, loaned_at,
		loan_day, due_at, override_reason, override_reasons, override_actor_id, override_actor, actor_id, actor_name, door)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		it.ID, it.RecordID, b.ID, nullID(proxyID), b.Category, it.ItemType, branch, o.Desk, tx.Now, day(tx.Now, loc), due,
		o.Override, reasons, nullID(overrideByID), overrideBy, nullID(a.StaffID), actorName(a), string(a.Door))
	if db.IsUnique(err) {
		at.refusals = []rules.Refusal{refusal(rules.ReasonItemNotAvailable, "Status", string(catalog.OnLoan))}
		return Loan{}, nil, &lostRace{at: refuse(at, false, a)}
	}
	if err != nil {
		return Loan{}, nil, fmt.Errorf("insert loan: %w", err)
	}
	if len(refs) > 0 {
		at.overridden = true
		if err := at.record(tx, a, loc); err != nil {
			return Loan{}, nil, err
		}
	}
	if err := settleHolds(tx, cl, b.ID, it.ID, id); err != nil {
		return Loan{}, nil, err
	}
	if err := lent(tx, a, it, id, o.Override); err != nil {
		return Loan{}, nil, err
	}
	if err := addEvent(tx, a, id, loc, event{kind: "checkout", branch: branch, dueAfter: due, note: o.Override}); err != nil {
		return Loan{}, nil, err
	}
	l := Loan{ID: id, ItemID: it.ID, RecordID: it.RecordID, Barcode: it.Barcode, Title: it.Title, CallNumber: it.CallNumber,
		ReaderID: b.ID, ProxyID: proxyID, Category: b.Category, ItemType: it.ItemType, Branch: branch, Desk: o.Desk,
		LoanedAt: tx.Now, DueAt: due, Override: o.Override, OverrideBy: overrideBy}
	if len(refs) > 0 {
		for _, r := range refs {
			l.OverrideReasons = append(l.OverrideReasons, r.Reason)
		}
	}
	return l, nil, auth.Audit(tx, a, "loan.checkout", "loan", id, nil, l.summary())
}

// dueDate is the due date of a new loan: the rules' for the branch, or
// the end of the day staff chose (moved to the next open day), or — for
// an item not for loan lent by override — the end of today's open day.
func dueDate(snap *policy.Snapshot, p rules.Policy, branch string, dueOn rules.Date, now time.Time) (time.Time, error) {
	loc, cal := snap.Location, snap.Calendar(branch)
	today := rules.DateOf(now, loc)
	if dueOn.IsZero() && !p.NotForLoan {
		due, err := rules.DueDate(p, cal, now, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("due date: %w", err)
		}
		return due, nil
	}
	if dueOn.IsZero() {
		dueOn = today
	}
	if dueOn.Before(today) {
		return time.Time{}, invalid("error.circ_due_in_past", "due_on", "Due", dueOn.String())
	}
	d, err := rules.NextOpenDay(cal, dueOn)
	if err != nil {
		return time.Time{}, fmt.Errorf("due date: %w", err)
	}
	return d.EndOfDay(loc), nil
}

// settleHolds updates the hold queue for a new loan: the reader's own hold
// that the item fills is fulfilled; a hold of another reader whose item
// was lent to this one by override goes back to its place in the queue.
func settleHolds(tx *db.Tx, cl claim, readerID, itemID, loanID int64) error {
	if cl.own != nil {
		if _, err := tx.Exec(`UPDATE holds SET status = 'fulfilled', loan_id = $1, closed_at = $2,
			trapped_item_id = $3, trapped_at = COALESCE(trapped_at, $2) WHERE id = $4`, loanID, tx.Now, itemID, cl.own.id); err != nil {
			return fmt.Errorf("fulfil hold %d: %w", cl.own.id, err)
		}
	}
	if cl.trapped != nil && cl.trapped.readerID != readerID {
		return requeue(tx, cl.trapped.id)
	}
	return nil
}

// lent marks an item lent by loan id: on loan, off the shelving queue,
// one more loan for its record's ranking.
func lent(tx *db.Tx, a auth.Actor, it item, loanID int64, override string) error {
	if err := offShelvingQueue(tx, a, it.ID); err != nil {
		return err
	}
	if err := catalog.SetItemStatus(tx, a, it.ID, catalog.OnLoan, catalog.StatusNote{Kind: noteLoan, Ref: ref("L", loanID), Reason: override}); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE bib_records SET loans = loans + 1 WHERE id = $1`, it.RecordID); err != nil {
		return fmt.Errorf("count loan of record %d: %w", it.RecordID, err)
	}
	search.Touch(tx, it.RecordID)
	return nil
}
