package fees

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Payment is money a reader pays against their charges.
type Payment struct {
	ReaderID  int64
	AmountFen int64 // at least 1 fen, at most what the chosen charges owe
	// EntryIDs chooses the charges to pay; none: every outstanding
	// charge. Either way the oldest is paid first.
	EntryIDs []int64
	Method   Method
	Desk     string // the service desk taking the money, for the cash report
	Note     string
}

// Waiver forgives charges, wholly or in part.
type Waiver struct {
	ReaderID  int64
	AmountFen int64   // 0: everything the chosen charges owe
	EntryIDs  []int64 // none: every outstanding charge, oldest first
	Reason    string  // required
	Desk      string
}

// ReplacementCopy settles a lost-item charge with a copy the reader brought
// (赔书), after staff checked and accepted it.
type ReplacementCopy struct {
	ReaderID int64
	EntryID  int64  // the charge of kind lost
	Note     string // what was accepted: title, ISBN, the new barcode …
	Desk     string
}

// Pay takes a payment, partial or whole, and returns its receipt
// (circ.fees).
func (s *Service) Pay(ctx context.Context, a auth.Actor, p Payment) (Receipt, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Receipt{}, err
	}
	return s.write(ctx, "pay", p.ReaderID, func(tx *db.Tx) (Transaction, error) { return PayTx(tx, a, p) })
}

// PayTx takes a payment inside the caller's transaction. The caller has
// checked the actor's permission.
func PayTx(tx *db.Tx, a auth.Actor, p Payment) (Transaction, error) {
	if err := checkAmount(p.AmountFen, "amount"); err != nil {
		return Transaction{}, err
	}
	if !p.Method.Valid() {
		return Transaction{}, invalid("error.payment_method_invalid", "method", "Method", string(p.Method))
	}
	note, err := checkNote(p.Note, "note")
	if err != nil {
		return Transaction{}, err
	}
	t := Transaction{ReaderID: p.ReaderID, Kind: TxPayment, AmountFen: p.AmountFen, Method: p.Method, Desk: strings.TrimSpace(p.Desk), Note: note}
	err = settle(tx, a, &t, p.EntryIDs)
	return t, err
}

// Waive forgives charges (circ.fees.waive), giving a reason.
func (s *Service) Waive(ctx context.Context, a auth.Actor, w Waiver) (Receipt, error) {
	if err := a.Require(auth.PermCircWaive); err != nil {
		return Receipt{}, err
	}
	reason, err := checkNote(w.Reason, "reason")
	if err != nil {
		return Receipt{}, err
	}
	if reason == "" {
		return Receipt{}, invalid("error.fee_reason_required", "reason")
	}
	if w.AmountFen != 0 {
		if err := checkAmount(w.AmountFen, "amount"); err != nil {
			return Receipt{}, err
		}
	}
	return s.write(ctx, "waive", w.ReaderID, func(tx *db.Tx) (Transaction, error) {
		t := Transaction{ReaderID: w.ReaderID, Kind: TxWaiver, AmountFen: w.AmountFen, Reason: reason, Desk: strings.TrimSpace(w.Desk)}
		err := settle(tx, a, &t, w.EntryIDs)
		return t, err
	})
}

// AcceptReplacement settles what a lost-item charge still owes with a
// replacement copy (circ.fees). The processing fee, a charge of its own,
// stays to be paid.
func (s *Service) AcceptReplacement(ctx context.Context, a auth.Actor, r ReplacementCopy) (Receipt, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Receipt{}, err
	}
	note, err := checkNote(r.Note, "note")
	if err != nil {
		return Receipt{}, err
	}
	return s.write(ctx, "accept replacement copy", r.ReaderID, func(tx *db.Tx) (Transaction, error) {
		t := Transaction{ReaderID: r.ReaderID, Kind: TxReplacement, Note: note, Desk: strings.TrimSpace(r.Desk)}
		err := settle(tx, a, &t, []int64{r.EntryID})
		return t, err
	})
}

// settle allocates a payment, waiver or replacement over the reader's
// outstanding charges (the chosen ones, or all), oldest first, and records
// it. A zero t.AmountFen (waivers, replacements) settles everything the
// chosen charges owe.
func settle(tx *db.Tx, a auth.Actor, t *Transaction, entryIDs []int64) error {
	if _, err := lockReader(tx, t.ReaderID); err != nil {
		return err
	}
	all, err := EntriesTx(tx, t.ReaderID)
	if err != nil {
		return err
	}
	chosen, err := choose(all, entryIDs)
	if err != nil {
		return err
	}
	if t.Kind == TxReplacement {
		for _, e := range chosen {
			if e.Kind != KindLost {
				return conflict("error.replacement_not_lost", "ID", e.ID)
			}
		}
	}
	var owed int64
	for _, e := range chosen {
		owed += e.OutstandingFen
	}
	if owed == 0 {
		return conflict("error.fee_nothing_owed")
	}
	if t.AmountFen == 0 {
		t.AmountFen = owed
	}
	if t.AmountFen > owed {
		return conflict("error.fee_amount_exceeds_owed", "Amount", FormatYuan(t.AmountFen), "Owed", FormatYuan(owed))
	}
	t.Allocations, _ = allocate(chosen, t.AmountFen)
	return record(tx, a, t)
}

// choose returns the outstanding charges among all that the ids name (all
// outstanding ones when there are no ids), oldest first. An id that is not
// the reader's, or a charge already settled, is refused.
func choose(all []EntryState, ids []int64) ([]EntryState, error) {
	var out []EntryState
	if len(ids) == 0 {
		for _, e := range all {
			if e.OutstandingFen > 0 {
				out = append(out, e)
			}
		}
		return out, nil
	}
	byID := make(map[int64]EntryState, len(all))
	for _, e := range all {
		byID[e.ID] = e
	}
	seen := map[int64]bool{}
	for _, id := range ids {
		e, ok := byID[id]
		if !ok {
			return nil, notFound("error.fee_entry_not_found", "ID", id)
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if e.OutstandingFen <= 0 {
			return nil, conflict("error.fee_entry_settled", "ID", id)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// write runs one ledger operation in a write transaction and returns the
// receipt of the transaction it recorded.
func (s *Service) write(ctx context.Context, what string, readerID int64, fn func(tx *db.Tx) (Transaction, error)) (Receipt, error) {
	var r Receipt
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		t, err := fn(tx)
		if err != nil {
			return err
		}
		r, err = receiptOf(tx, t)
		return err
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("%s for reader %d: %w", what, readerID, err)
	}
	return r, nil
}
