package fees

import (
	"context"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Refund gives back money paid against a charge — a lost book that turned
// up after it was paid for, a fine charged in error. The refunded part of
// the charge is annulled: it is not owed again.
type Refund struct {
	ReaderID  int64
	EntryID   int64
	AmountFen int64 // 0: all the money paid against the charge and not yet refunded
	Method    Method
	Desk      string
	Reason    string // required
}

// Deposit is a deposit 押金 taken from a reader or given back.
type Deposit struct {
	ReaderID  int64
	AmountFen int64 // to give back, 0 means the whole deposit held
	Method    Method
	Desk      string
	Note      string
}

// Refund gives back money paid against a charge (circ.fees.waive: like a
// waiver it annuls a charge), giving a reason.
func (s *Service) Refund(ctx context.Context, a auth.Actor, r Refund) (Receipt, error) {
	if err := a.Require(auth.PermCircWaive); err != nil {
		return Receipt{}, err
	}
	reason, err := checkNote(r.Reason, "reason")
	if err != nil {
		return Receipt{}, err
	}
	if reason == "" {
		return Receipt{}, invalid("error.fee_reason_required", "reason")
	}
	if !r.Method.Valid() {
		return Receipt{}, invalid("error.payment_method_invalid", "method", "Method", string(r.Method))
	}
	if r.AmountFen != 0 {
		if err := checkAmount(r.AmountFen, "amount"); err != nil {
			return Receipt{}, err
		}
	}
	return s.write(ctx, "refund", r.ReaderID, func(tx *db.Tx) (Transaction, error) {
		if _, err := lockReader(tx, r.ReaderID); err != nil {
			return Transaction{}, err
		}
		all, err := EntriesTx(tx, r.ReaderID)
		if err != nil {
			return Transaction{}, err
		}
		var e *EntryState
		for i := range all {
			if all[i].ID == r.EntryID {
				e = &all[i]
			}
		}
		if e == nil {
			return Transaction{}, notFound("error.fee_entry_not_found", "ID", r.EntryID)
		}
		can := e.RefundableFen()
		if can <= 0 {
			return Transaction{}, conflict("error.refund_nothing_paid", "ID", e.ID)
		}
		amount := r.AmountFen
		if amount == 0 {
			amount = can
		}
		if amount > can {
			return Transaction{}, conflict("error.refund_exceeds_paid", "Amount", FormatYuan(amount), "Paid", FormatYuan(can))
		}
		t := Transaction{ReaderID: r.ReaderID, Kind: TxRefund, AmountFen: amount, Method: r.Method, Desk: strings.TrimSpace(r.Desk),
			Reason: reason, Allocations: []Allocation{{EntryID: e.ID, AmountFen: amount}}}
		err = record(tx, a, &t)
		return t, err
	})
}

// TakeDeposit takes a deposit from a reader (circ.fees).
func (s *Service) TakeDeposit(ctx context.Context, a auth.Actor, d Deposit) (Receipt, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Receipt{}, err
	}
	return s.write(ctx, "take deposit", d.ReaderID, func(tx *db.Tx) (Transaction, error) { return TakeDepositTx(tx, a, d) })
}

// TakeDepositTx takes a deposit inside the caller's transaction (a card
// issued with a deposit). The caller has checked the actor's permission.
func TakeDepositTx(tx *db.Tx, a auth.Actor, d Deposit) (Transaction, error) {
	if err := checkAmount(d.AmountFen, "amount"); err != nil {
		return Transaction{}, err
	}
	return depositMove(tx, a, TxDeposit, d)
}

// RefundDeposit gives back the deposit a reader holds, wholly or in part
// (circ.fees).
func (s *Service) RefundDeposit(ctx context.Context, a auth.Actor, d Deposit) (Receipt, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Receipt{}, err
	}
	return s.write(ctx, "refund deposit", d.ReaderID, func(tx *db.Tx) (Transaction, error) { return RefundDepositTx(tx, a, d) })
}

// RefundDepositTx gives back a deposit inside the caller's transaction
// (clearance). The caller has checked the actor's permission.
func RefundDepositTx(tx *db.Tx, a auth.Actor, d Deposit) (Transaction, error) {
	if d.AmountFen != 0 {
		if err := checkAmount(d.AmountFen, "amount"); err != nil {
			return Transaction{}, err
		}
	}
	return depositMove(tx, a, TxDepositRefund, d)
}

func depositMove(tx *db.Tx, a auth.Actor, kind TxKind, d Deposit) (Transaction, error) {
	if !d.Method.Valid() {
		return Transaction{}, invalid("error.payment_method_invalid", "method", "Method", string(d.Method))
	}
	note, err := checkNote(d.Note, "note")
	if err != nil {
		return Transaction{}, err
	}
	if _, err := lockReader(tx, d.ReaderID); err != nil {
		return Transaction{}, err
	}
	amount := d.AmountFen
	if kind == TxDepositRefund {
		b, err := BalanceTx(tx, d.ReaderID)
		if err != nil {
			return Transaction{}, err
		}
		if b.DepositFen <= 0 {
			return Transaction{}, conflict("error.deposit_none")
		}
		if amount == 0 {
			amount = b.DepositFen
		}
		if amount > b.DepositFen {
			return Transaction{}, conflict("error.deposit_refund_exceeds", "Amount", FormatYuan(amount), "Held", FormatYuan(b.DepositFen))
		}
	}
	t := Transaction{ReaderID: d.ReaderID, Kind: kind, AmountFen: amount, Method: d.Method, Desk: strings.TrimSpace(d.Desk), Note: note}
	err = record(tx, a, &t)
	return t, err
}
