package fees

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Receipt is what the desk prints for a transaction: who, what, how much,
// which charges it settled, and where the reader stands afterwards.
type Receipt struct {
	Transaction
	ReaderName string        `json:"reader_name"`
	CardNumber string        `json:"card_number"`
	Lines      []ReceiptLine `json:"lines,omitempty"`
	// The reader's balance right after this transaction (for a reprint:
	// now, which the screen says).
	OwedAfterFen    int64 `json:"owed_after_fen"`
	DepositAfterFen int64 `json:"deposit_after_fen"`
}

// ReceiptLine is one charge a transaction settled or refunded.
type ReceiptLine struct {
	EntryID   int64  `json:"entry_id"`
	Kind      Kind   `json:"kind"`
	Note      string `json:"note,omitempty"`
	AmountFen int64  `json:"amount_fen"`
}

// receiptOf builds the receipt of a transaction inside tx.
func receiptOf(tx *db.Tx, t Transaction) (Receipt, error) {
	r := Receipt{Transaction: t}
	if err := tx.QueryRow(`SELECT name, card_number FROM readers WHERE id = $1`, t.ReaderID).Scan(&r.ReaderName, &r.CardNumber); err != nil {
		return Receipt{}, fmt.Errorf("receipt reader %d: %w", t.ReaderID, err)
	}
	rows, err := tx.Query(`SELECT a.entry_id, e.kind, e.note, a.amount_fen FROM fee_allocations a
		JOIN fee_entries e ON e.id = a.entry_id WHERE a.transaction_id = $1 ORDER BY a.entry_id`, t.ID)
	r.Lines, err = db.Collect(rows, err, func(rs *sql.Rows) (ReceiptLine, error) {
		var l ReceiptLine
		var kind string
		err := rs.Scan(&l.EntryID, &kind, &l.Note, &l.AmountFen)
		l.Kind = Kind(kind)
		return l, err
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt lines: %w", err)
	}
	r.Allocations = make([]Allocation, 0, len(r.Lines))
	for _, l := range r.Lines {
		r.Allocations = append(r.Allocations, Allocation{EntryID: l.EntryID, AmountFen: l.AmountFen})
	}
	b, err := BalanceTx(tx, t.ReaderID)
	if err != nil {
		return Receipt{}, err
	}
	r.OwedAfterFen, r.DepositAfterFen = b.OwedFen, b.DepositFen
	return r, nil
}

const transactionColumns = `id, receipt_no, reader_id, kind, amount_fen, method, desk, reason, note, created_at, actor_name, door`

func scanTransaction(r interface{ Scan(...any) error }) (Transaction, error) {
	var t Transaction
	var kind, method string
	err := r.Scan(&t.ID, &t.ReceiptNo, &t.ReaderID, &kind, &t.AmountFen, &method, &t.Desk, &t.Reason, &t.Note, &t.At, &t.Actor, &t.Door)
	t.Kind, t.Method, t.At = TxKind(kind), Method(method), t.At.UTC()
	return t, err
}

// Receipt finds a receipt by its number, for a reprint (circ.fees). Its
// balance is the reader's balance now.
func (s *Service) Receipt(ctx context.Context, a auth.Actor, number string) (Receipt, error) {
	if err := a.Require(auth.PermCircFees); err != nil {
		return Receipt{}, err
	}
	number = strings.ToUpper(strings.TrimSpace(number))
	var r Receipt
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		t, err := scanTransaction(tx.QueryRow(`SELECT `+transactionColumns+` FROM fee_transactions WHERE receipt_no = $1`, number))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("error.receipt_not_found", "Number", number)
		}
		if err != nil {
			return err
		}
		r, err = receiptOf(tx, t)
		return err
	})
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt %s: %w", number, err)
	}
	return r, nil
}
