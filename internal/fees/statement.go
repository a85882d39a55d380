package fees

import (
	"context"
	"database/sql"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Statement is a reader's account: every charge with what settled it, every
// transaction, and the balance.
type Statement struct {
	ReaderID     int64         `json:"reader_id"`
	Entries      []EntryState  `json:"entries"`
	Transactions []Transaction `json:"transactions"`
	Balance
}

// canView reports whether a may look at readers' accounts: the fee desk,
// the readers' office and the loan desk, which must see what blocks a loan.
func canView(a auth.Actor) error {
	if a.CanAny(auth.PermCircFees, auth.PermCircReaders, auth.PermCircCheckout) {
		return nil
	}
	return a.Require(auth.PermCircFees)
}

// Balance returns what a reader owes and the deposit they hold
// (circ.fees, circ.readers or circ.checkout).
func (s *Service) Balance(ctx context.Context, a auth.Actor, readerID int64) (Balance, error) {
	if err := canView(a); err != nil {
		return Balance{}, err
	}
	var b Balance
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadReader(tx, readerID, ""); err != nil {
			return err
		}
		var err error
		b, err = BalanceTx(tx, readerID)
		return err
	})
	if err != nil {
		return Balance{}, fmt.Errorf("balance of reader %d: %w", readerID, err)
	}
	return b, nil
}

// Statement returns a reader's account (circ.fees, circ.readers or
// circ.checkout), charges and transactions oldest first.
func (s *Service) Statement(ctx context.Context, a auth.Actor, readerID int64) (Statement, error) {
	if err := canView(a); err != nil {
		return Statement{}, err
	}
	return s.statement(ctx, readerID)
}

// statement reads a reader's account; the caller has checked who asks.
func (s *Service) statement(ctx context.Context, readerID int64) (Statement, error) {
	st := Statement{ReaderID: readerID}
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadReader(tx, readerID, ""); err != nil {
			return err
		}
		var err error
		if st.Entries, err = EntriesTx(tx, readerID); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+transactionColumns+` FROM fee_transactions WHERE reader_id = $1 ORDER BY id`, readerID)
		st.Transactions, err = db.Collect(rows, err, func(r *sql.Rows) (Transaction, error) { return scanTransaction(r) })
		if err != nil {
			return err
		}
		idx := make(map[int64]int, len(st.Transactions))
		for i, t := range st.Transactions {
			idx[t.ID] = i
		}
		rows, err = tx.Query(`SELECT a.transaction_id, a.entry_id, a.amount_fen FROM fee_allocations a
			JOIN fee_transactions t ON t.id = a.transaction_id WHERE t.reader_id = $1 ORDER BY a.transaction_id, a.entry_id`, readerID)
		type alloc struct {
			tx int64
			Allocation
		}
		allocs, err := db.Collect(rows, err, func(r *sql.Rows) (alloc, error) {
			var x alloc
			return x, r.Scan(&x.tx, &x.EntryID, &x.AmountFen)
		})
		if err != nil {
			return err
		}
		for _, x := range allocs {
			if i, ok := idx[x.tx]; ok {
				st.Transactions[i].Allocations = append(st.Transactions[i].Allocations, x.Allocation)
			}
		}
		st.Balance, err = BalanceTx(tx, readerID)
		return err
	})
	if err != nil {
		return Statement{}, fmt.Errorf("statement of reader %d: %w", readerID, err)
	}
	return st, nil
}
