package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// CheckinOptions are the desk's choices for one return.
type CheckinOptions struct {
	// Branch is where the item is returned (the item's home branch when
	// ""): an item returned away from home goes home in transit.
	Branch string
	Desk   string
	// Damage describes damage noticed at the return 污损; DamageFeeFen, if
	// not 0, is charged for it to the borrower (circ.fees; the item must
	// have been on loan). Repair sends the item to repair instead of back
	// into circulation.
	Damage       string
	DamageFeeFen int64
	Repair       bool
}

// Return is the outcome of a checkin: the loan it closed, the fine, the
// damage noted, where the item goes next (the embedded Routing) and the
// receipt.
type Return struct {
	ItemID     int64  `json:"item_id"`
	RecordID   int64  `json:"record_id"`
	Barcode    string `json:"barcode"`
	Title      string `json:"title"`
	CallNumber string `json:"call_number,omitempty"`
	// Loan is the loan the return closed; nil when the item was not on
	// loan (found in the book drop, back from repair, scanned again).
	Loan *Loan `json:"loan,omitempty"`
	// Found: the item was lost or missing and is back. LostLoanID is the
	// loan it was declared lost on, whose lost-item charge the library may
	// refund under its policy (fees.Service.Refund): Lantai does not
	// refund by itself.
	Found      bool  `json:"found,omitempty"`
	LostLoanID int64 `json:"lost_loan_id,omitempty"`
	// Fine is the overdue fine worked out (nil when not on loan) and
	// FineEntryID its charge in the fee ledger (0 when nothing was owed).
	Fine          *rules.Fine `json:"fine,omitempty"`
	FineEntryID   int64       `json:"fine_entry_id,omitempty"`
	DamageNoteID  int64       `json:"damage_note_id,omitempty"`
	DamageEntryID int64       `json:"damage_entry_id,omitempty"`
	Routing
	Receipt *Receipt `json:"receipt,omitempty"`
}

// Receipt is the return slip 还书凭条 of a loan.
type Receipt struct {
	At           time.Time `json:"at"`
	Branch       string    `json:"branch"`
	Desk         string    `json:"desk,omitempty"`
	ReaderName   string    `json:"reader_name"`
	CardNumber   string    `json:"card_number"`
	Barcode      string    `json:"barcode"`
	Title        string    `json:"title"`
	CallNumber   string    `json:"call_number,omitempty"`
	LoanedAt     time.Time `json:"loaned_at"`
	DueAt        time.Time `json:"due_at"`
	DaysLate     int       `json:"days_late,omitempty"`
	FineFen      int64     `json:"fine_fen"`
	DamageFeeFen int64     `json:"damage_fee_fen,omitempty"`
	// OwedFen is everything the reader owes after this return.
	OwedFen int64 `json:"owed_fen"`
}

// Checkin takes an item back (circ.checkin): its open loan is closed and
// the overdue fine charged (rules.OverdueFine, counting open days only
// when the settings say so), damage is noted and charged, and the item is
// sent on — to the hold shelf or in transit for the next hold, home in
// transit when returned at another branch (通借通还), to repair, or to the
// shelving queue. An item that was not on loan is routed all the same and
// the Return says so (Loan nil, Found for a lost or missing item).
func (s *Service) Checkin(ctx context.Context, a auth.Actor, barcode string, o CheckinOptions) (Return, error) {
	if err := staff(a, auth.PermCircCheckin); err != nil {
		return Return{}, err
	}
	if o.DamageFeeFen < 0 || o.DamageFeeFen > fees.MaxAmountFen {
		return Return{}, invalid("error.circ_fee_invalid", "damage_fee_fen", "Amount", policy.Yuan(o.DamageFeeFen))
	}
	if o.DamageFeeFen > 0 {
		if err := staff(a, auth.PermCircFees); err != nil {
			return Return{}, err
		}
	}
	var err error
	if o.Damage, err = text(o.Damage, "damage"); err != nil {
		return Return{}, err
	}
	if o.Desk, err = text(o.Desk, "desk"); err != nil {
		return Return{}, err
	}
	o.Branch = strings.TrimSpace(o.Branch)
	var out Return
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		var err error
		out, err = s.checkin(tx, a, snap, barcode, o)
		return err
	})
	if err != nil {
		return Return{}, fmt.Errorf("checkin %s: %w", strings.TrimSpace(barcode), err)
	}
	return out, nil
}

func (s *Service) checkin(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, barcode string, o CheckinOptions) (Return, error) {
	it, err := lockItem(tx, barcode)
	if err != nil {
		return Return{}, err
	}
	switch it.Status {
	case catalog.Withdrawn:
		return Return{}, conflict("error.circ_item_withdrawn", "Barcode", it.Barcode)
	case catalog.OnOrder, catalog.InProcessing:
		return Return{}, conflict("error.circ_item_not_circulating", "Barcode", it.Barcode, "Status", string(it.Status))
	}
	here := o.Branch
	if here == "" {
		here = it.Branch
	} else if err := checkBranch(tx, here, "branch"); err != nil {
		return Return{}, err
	}
	out := Return{ItemID: it.ID, RecordID: it.RecordID, Barcode: it.Barcode, Title: it.Title, CallNumber: it.CallNumber}
	l, onLoan, err := openLoan(tx, it.ID)
	if err != nil {
		return Return{}, err
	}
	var closed Loan
	if onLoan {
		var fine rules.Fine
		if closed, fine, out.FineEntryID, err = closeLoan(tx, a, snap, it, l, here, "returned", true); err != nil {
			return Return{}, err
		}
		out.Fine = &fine
	} else if it.Status == catalog.Lost || it.Status == catalog.Missing {
		out.Found = true
		err := tx.QueryRow(`SELECT id FROM loans WHERE item_id = $1 AND outcome = 'lost' ORDER BY id DESC LIMIT 1`, it.ID).Scan(&out.LostLoanID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Return{}, fmt.Errorf("lost loan of item %d: %w", it.ID, err)
		}
	}
	if o.Damage != "" || o.DamageFeeFen > 0 || o.Repair {
		if o.DamageFeeFen > 0 && !onLoan {
			return Return{}, invalid("error.circ_damage_needs_loan", "damage_fee_fen", "Barcode", it.Barcode)
		}
		if out.DamageNoteID, out.DamageEntryID, err = noteDamage(tx, a, it, l, o); err != nil {
			return Return{}, err
		}
	}
	if o.Repair {
		if out.Routing, err = toRepair(tx, a, it, here, out.DamageNoteID, o.Damage); err != nil {
			return Return{}, err
		}
	} else if out.Routing, err = s.route(tx, a, snap, it, here); err != nil {
		return Return{}, err
	}
	if !onLoan {
		return out, auth.Audit(tx, a, "item.checkin", "item", it.ID, map[string]any{"status": it.Status},
			map[string]any{"branch": here, "next": out.Next, "to_branch": out.ToBranch, "found": out.Found})
	}
	out.Loan = &closed
	if out.Receipt, err = receipt(tx, closed, out, here, o); err != nil {
		return Return{}, err
	}
	return out, auth.Audit(tx, a, "loan.return", "loan", l.ID, l.summary(), map[string]any{"returned_branch": here,
		"fine_fen": closed.FineFen, "next": out.Next, "to_branch": out.ToBranch, "damage_note": out.DamageNoteID})
}

// closeLoan ends an open loan (the item locked) as returned or lost at
// branch here, with the overdue fine worked out and, when chargeFine and
// something is owed, charged: it returns the fine and its ledger entry.
// Fines follow the rules for the loan's reader category, item type and
// branch, and the calendar of the branch that lent it.
func closeLoan(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, it item, l Loan, here, outcome string, chargeFine bool) (Loan, rules.Fine, int64, error) {
	loc := snap.Location
	var fine rules.Fine
	if chargeFine {
		p, err := resolve(snap, l.Category, l.ItemType, l.Branch)
		if err != nil {
			return l, fine, 0, err
		}
		if !p.NotForLoan {
			if fine, err = rules.OverdueFine(p, snap.Calendar(l.Branch), l.DueAt, tx.Now, loc, snap.Settings.FinesOpenDaysOnly, it.price()); err != nil {
				return l, fine, 0, fmt.Errorf("fine of loan %d: %w", l.ID, err)
			}
		}
	}
	var lostAt, branch any
	if outcome == "lost" {
		lostAt = tx.Now
	} else {
		branch = here
	}
	n, err := tx.ExecAffected(`UPDATE loans SET returned_at = $1, return_day = $2, returned_branch = $3, outcome = $4, fine_fen = $5,
		lost_at = $6 WHERE id = $7 AND returned_at IS NULL`, tx.Now, day(tx.Now, loc), branch, outcome, fine.AmountFen, lostAt, l.ID)
	if err != nil {
		return l, fine, 0, fmt.Errorf("close loan %d: %w", l.ID, err)
	}
	if n != 1 {
		return l, fine, 0, conflict("error.circ_not_on_loan", "Barcode", it.Barcode)
	}
	var entry int64
	if fine.AmountFen > 0 {
		e, err := fees.ChargeTx(tx, a, fees.Charge{ReaderID: l.ReaderID, Kind: fees.KindOverdue, AmountFen: fine.AmountFen, LoanID: l.ID, ItemID: it.ID})
		if err != nil {
			return l, fine, 0, err
		}
		entry = e.ID
	}
	kind := "return"
	now := tx.Now
	l.ReturnedAt, l.Outcome, l.FineFen, l.Overdue = &now, outcome, fine.AmountFen, false
	if outcome == "lost" {
		kind = "lost"
	} else {
		l.ReturnedBranch = here
	}
	return l, fine, entry, addEvent(tx, a, l.ID, loc, event{kind: kind, branch: here, fineFen: fine.AmountFen})
}

// noteDamage records damage noticed at a return, charging the fee (if
// any) to the loan's reader.
func noteDamage(tx *db.Tx, a auth.Actor, it item, l Loan, o CheckinOptions) (noteID, entryID int64, err error) {
	if o.DamageFeeFen > 0 {
		e, err := fees.ChargeTx(tx, a, fees.Charge{ReaderID: l.ReaderID, Kind: fees.KindDamage, AmountFen: o.DamageFeeFen,
			LoanID: l.ID, ItemID: it.ID, Note: o.Damage})
		if err != nil {
			return 0, 0, err
		}
		entryID = e.ID
	}
	noteID, err = tx.Insert(`INSERT INTO damage_notes (item_id, loan_id, note, fee_entry_id, repair, at, actor_id, actor_name, door)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, it.ID, nullID(l.ID), o.Damage, nullID(entryID), o.Repair, tx.Now,
		nullID(a.StaffID), actorName(a), string(a.Door))
	if err != nil {
		return 0, 0, fmt.Errorf("damage note of item %d: %w", it.ID, err)
	}
	return noteID, entryID, auth.Audit(tx, a, "item.damage", "item", it.ID, nil,
		map[string]any{"note": o.Damage, "fee_fen": o.DamageFeeFen, "loan_id": l.ID, "repair": o.Repair})
}

// toRepair sends an item to repair: out of any transit, queue or hold.
func toRepair(tx *db.Tx, a auth.Actor, it item, here string, noteID int64, reason string) (Routing, error) {
	if err := endTransit(tx, a, it.ID, here); err != nil {
		return Routing{}, err
	}
	if err := offShelvingQueue(tx, a, it.ID); err != nil {
		return Routing{}, err
	}
	if err := lockRecord(tx, it.RecordID); err != nil {
		return Routing{}, err
	}
	if h, ok, err := trappedHold(tx, it.ID); err != nil {
		return Routing{}, err
	} else if ok {
		if err := requeue(tx, h.id); err != nil {
			return Routing{}, err
		}
	}
	if err := catalog.SetItemStatus(tx, a, it.ID, catalog.InRepair, catalog.StatusNote{Kind: noteRepair, Ref: ref("D", noteID), Reason: reason}); err != nil {
		return Routing{}, err
	}
	return Routing{Next: NextRepair}, nil
}

// requeue puts a hold whose item was taken from it back in the queue, in
// its original place.
func requeue(tx *db.Tx, holdID int64) error {
	if _, err := tx.Exec(`UPDATE holds SET status = 'placed', trapped_item_id = NULL, trapped_at = NULL, ready_at = NULL,
		pickup_deadline = NULL WHERE id = $1`, holdID); err != nil {
		return fmt.Errorf("requeue hold %d: %w", holdID, err)
	}
	return nil
}

// receipt makes the return slip of a closed loan.
func receipt(tx *db.Tx, l Loan, out Return, here string, o CheckinOptions) (*Receipt, error) {
	r, err := readers.ByID(tx, l.ReaderID)
	if err != nil {
		return nil, err
	}
	bal, err := fees.BalanceTx(tx, l.ReaderID)
	if err != nil {
		return nil, err
	}
	rc := &Receipt{At: tx.Now, Branch: here, Desk: o.Desk, ReaderName: r.Name, CardNumber: r.CardNumber, Barcode: l.Barcode,
		Title: l.Title, CallNumber: l.CallNumber, LoanedAt: l.LoanedAt, DueAt: l.DueAt, FineFen: l.FineFen, OwedFen: bal.OwedFen}
	if out.Fine != nil {
		rc.DaysLate = out.Fine.Late
	}
	if out.DamageEntryID != 0 {
		rc.DamageFeeFen = o.DamageFeeFen
	}
	return rc, nil
}
