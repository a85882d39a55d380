package fees

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Entry is one charge in the ledger.
type Entry struct {
	ID        int64     `json:"id"`
	ReaderID  int64     `json:"reader_id"`
	Kind      Kind      `json:"kind"`
	AmountFen int64     `json:"amount_fen"`
	LoanID    int64     `json:"loan_id,omitempty"` // 0: none
	ItemID    int64     `json:"item_id,omitempty"` // 0: none
	Note      string    `json:"note,omitempty"`
	At        time.Time `json:"at"`
	Actor     string    `json:"actor"`
}

// EntryState is a charge with what has settled it so far.
type EntryState struct {
	Entry
	PaidFen     int64 `json:"paid_fen"`     // money paid against it
	WaivedFen   int64 `json:"waived_fen"`   // forgiven
	ReplacedFen int64 `json:"replaced_fen"` // settled by a replacement copy
	RefundedFen int64 `json:"refunded_fen"` // of the money paid, given back (and annulled)
	// OutstandingFen is what the reader still owes on it:
	// AmountFen − PaidFen − WaivedFen − ReplacedFen.
	OutstandingFen int64 `json:"outstanding_fen"`
}

// RefundableFen is the money paid against the charge and not yet refunded.
func (e EntryState) RefundableFen() int64 { return e.PaidFen - e.RefundedFen }

// Balance is a reader's position in the ledger.
type Balance struct {
	OwedFen    int64 `json:"owed_fen"`    // outstanding charges
	DepositFen int64 `json:"deposit_fen"` // deposit held
}

// Allocation is the part of a transaction that settles one charge.
type Allocation struct {
	EntryID   int64 `json:"entry_id"`
	AmountFen int64 `json:"amount_fen"`
}

// Transaction is one settlement or deposit movement in the ledger.
type Transaction struct {
	ID          int64        `json:"id"`
	ReceiptNo   string       `json:"receipt_no"`
	ReaderID    int64        `json:"reader_id"`
	Kind        TxKind       `json:"kind"`
	AmountFen   int64        `json:"amount_fen"`
	Method      Method       `json:"method,omitempty"` // "" for waivers and replacement copies
	Desk        string       `json:"desk,omitempty"`
	Reason      string       `json:"reason,omitempty"`
	Note        string       `json:"note,omitempty"`
	At          time.Time    `json:"at"`
	Actor       string       `json:"actor"`
	Door        string       `json:"door"`
	Allocations []Allocation `json:"allocations,omitempty"`
}

// holder is the reader a ledger operation concerns, locked for the
// transaction.
type holder struct {
	ID     int64
	Name   string
	Card   string
	Status string
}

// lockReader loads the reader and, on PostgreSQL, locks their row until
// the transaction ends: every ledger write for one reader goes through
// here first, so concurrent payments never allocate the same fen twice.
// (SQLite's single writer already serialises them.)
func lockReader(tx *db.Tx, readerID int64) (holder, error) {
	return loadReader(tx, readerID, tx.ForUpdate())
}

// loadReader loads the reader without locking (for reading).
func loadReader(tx *db.Tx, readerID int64, lock string) (holder, error) {
	var h holder
	err := tx.QueryRow(`SELECT id, name, card_number, status FROM readers WHERE id = $1`+lock, readerID).
		Scan(&h.ID, &h.Name, &h.Card, &h.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return h, notFound("error.reader_not_found", "ID", readerID)
	}
	if err != nil {
		return h, fmt.Errorf("load reader %d: %w", readerID, err)
	}
	return h, nil
}

// entryStateQuery sums each charge's allocations by the kind of
// transaction they belong to.
const entryStateQuery = `SELECT e.id, e.reader_id, e.kind, e.amount_fen, COALESCE(e.loan_id, 0), COALESCE(e.item_id, 0),
	e.note, e.created_at, e.actor_name,
	CAST(COALESCE(SUM(CASE WHEN t.kind = 'payment' THEN a.amount_fen END), 0) AS BIGINT),
	CAST(COALESCE(SUM(CASE WHEN t.kind = 'waiver' THEN a.amount_fen END), 0) AS BIGINT),
	CAST(COALESCE(SUM(CASE WHEN t.kind = 'replacement' THEN a.amount_fen END), 0) AS BIGINT),
	CAST(COALESCE(SUM(CASE WHEN t.kind = 'refund' THEN a.amount_fen END), 0) AS BIGINT)
	FROM fee_entries e
	LEFT JOIN fee_allocations a ON a.entry_id = e.id
	LEFT JOIN fee_transactions t ON t.id = a.transaction_id`

func scanEntryState(r *sql.Rows) (EntryState, error) {
	var e EntryState
	var kind string
	err := r.Scan(&e.ID, &e.ReaderID, &kind, &e.AmountFen, &e.LoanID, &e.ItemID, &e.Note, &e.At, &e.Actor,
		&e.PaidFen, &e.WaivedFen, &e.ReplacedFen, &e.RefundedFen)
	e.Kind = Kind(kind)
	e.At = e.At.UTC()
	e.OutstandingFen = e.AmountFen - e.PaidFen - e.WaivedFen - e.ReplacedFen
	return e, err
}

// EntriesTx returns every charge of a reader with what settled it, oldest
// first.
func EntriesTx(tx *db.Tx, readerID int64) ([]EntryState, error) {
	rows, err := tx.Query(entryStateQuery+` WHERE e.reader_id = $1 GROUP BY e.id ORDER BY e.id`, readerID)
	out, err := db.Collect(rows, err, scanEntryState)
	if err != nil {
		return nil, fmt.Errorf("fee entries of reader %d: %w", readerID, err)
	}
	return out, nil
}

// LoanEntriesTx returns the charges made for a loan, oldest first (for
// circulation: the fine of a loan, or a lost-item charge to refund when the
// item turns up).
func LoanEntriesTx(tx *db.Tx, loanID int64) ([]EntryState, error) {
	rows, err := tx.Query(entryStateQuery+` WHERE e.loan_id = $1 GROUP BY e.id ORDER BY e.id`, loanID)
	out, err := db.Collect(rows, err, scanEntryState)
	if err != nil {
		return nil, fmt.Errorf("fee entries of loan %d: %w", loanID, err)
	}
	return out, nil
}

// BalanceTx returns what a reader owes and the deposit they hold (for
// circulation's checks and for clearance). It does not check that the
// reader exists: an unknown reader owes nothing.
func BalanceTx(tx *db.Tx, readerID int64) (Balance, error) {
	var b Balance
	var charged, settled int64
	err := tx.QueryRow(`SELECT CAST(COALESCE(SUM(amount_fen), 0) AS BIGINT) FROM fee_entries WHERE reader_id = $1`, readerID).Scan(&charged)
	if err == nil {
		err = tx.QueryRow(`SELECT CAST(COALESCE(SUM(a.amount_fen), 0) AS BIGINT) FROM fee_allocations a
			JOIN fee_transactions t ON t.id = a.transaction_id
			WHERE t.reader_id = $1 AND t.kind IN ('payment', 'waiver', 'replacement')`, readerID).Scan(&settled)
	}
	if err == nil {
		err = tx.QueryRow(`SELECT CAST(COALESCE(SUM(CASE WHEN kind = 'deposit' THEN amount_fen ELSE -amount_fen END), 0) AS BIGINT)
			FROM fee_transactions WHERE reader_id = $1 AND kind IN ('deposit', 'deposit_refund')`, readerID).Scan(&b.DepositFen)
	}
	if err != nil {
		return Balance{}, fmt.Errorf("balance of reader %d: %w", readerID, err)
	}
	b.OwedFen = charged - settled
	return b, nil
}

// allocate spreads amount over the charges in the order given, each up to
// what it still owes, and returns the allocations and what is left over.
func allocate(entries []EntryState, amount int64) ([]Allocation, int64) {
	var out []Allocation
	for _, e := range entries {
		if amount <= 0 {
			break
		}
		take := min(e.OutstandingFen, amount)
		if take <= 0 {
			continue
		}
		out = append(out, Allocation{EntryID: e.ID, AmountFen: take})
		amount -= take
	}
	return out, amount
}

// record writes a transaction with its allocations, giving it the next
// receipt number, and audits it.
func record(tx *db.Tx, a auth.Actor, t *Transaction) error {
	n, err := nextCounter(tx, "fee_receipt")
	if err != nil {
		return fmt.Errorf("receipt number: %w", err)
	}
	t.ReceiptNo = fmt.Sprintf("SJ%s-%06d", tx.Now.Format("2006"), n)
	t.At, t.Actor, t.Door = tx.Now, actorName(a), string(a.Door)
	t.ID, err = tx.Insert(`INSERT INTO fee_transactions (receipt_no, reader_id, kind, amount_fen, method, desk, reason, note, created_at, actor_id, actor_name, door)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		t.ReceiptNo, t.ReaderID, string(t.Kind), t.AmountFen, string(t.Method), t.Desk, t.Reason, t.Note, tx.Now,
		nullID(a.StaffID), t.Actor, t.Door)
	if err != nil {
		return fmt.Errorf("insert %s: %w", t.Kind, err)
	}
	for _, al := range t.Allocations {
		if _, err := tx.Exec(`INSERT INTO fee_allocations (transaction_id, entry_id, amount_fen) VALUES ($1, $2, $3)`,
			t.ID, al.EntryID, al.AmountFen); err != nil {
			return fmt.Errorf("allocate %s to entry %d: %w", t.Kind, al.EntryID, err)
		}
	}
	return auth.Audit(tx, a, "fee."+string(t.Kind), "fee_transaction", t.ID, nil, map[string]any{
		"receipt_no": t.ReceiptNo, "reader_id": t.ReaderID, "amount_fen": t.AmountFen, "method": t.Method,
		"desk": t.Desk, "reason": t.Reason, "allocations": t.Allocations,
	})
}
