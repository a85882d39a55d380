package circ

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// Loan is a loan of one item to one reader, open or closed.
type Loan struct {
	ID         int64  `json:"id"`
	ItemID     int64  `json:"item_id"`
	RecordID   int64  `json:"record_id"`
	Barcode    string `json:"barcode"`
	Title      string `json:"title"`
	CallNumber string `json:"call_number,omitempty"`
	// ReaderID is the borrower (0 once the loan is anonymised); ProxyID
	// the reader who borrowed on their behalf (委托借还), if any.
	ReaderID int64  `json:"reader_id,omitempty"`
	ProxyID  int64  `json:"proxy_id,omitempty"`
	Category string `json:"category"`
	ItemType string `json:"item_type"`
	// Branch and Desk are where the item was lent.
	Branch     string     `json:"branch"`
	Desk       string     `json:"desk,omitempty"`
	LoanedAt   time.Time  `json:"loaned_at"`
	DueAt      time.Time  `json:"due_at"`
	Renewals   int        `json:"renewals"`
	RecalledAt *time.Time `json:"recalled_at,omitempty"`
	// ReturnedAt is when the loan ended: the return, or the declaration
	// that the item is lost (Outcome "lost").
	ReturnedAt     *time.Time `json:"returned_at,omitempty"`
	ReturnedBranch string     `json:"returned_branch,omitempty"`
	Outcome        string     `json:"outcome,omitempty"` // "" while open, "returned" or "lost"
	FineFen        int64      `json:"fine_fen,omitempty"`
	// Override is the reason staff gave to lend despite the refusals in
	// OverrideReasons, and OverrideBy who gave it.
	Override        string         `json:"override,omitempty"`
	OverrideReasons []rules.Reason `json:"override_reasons,omitempty"`
	OverrideBy      string         `json:"override_by,omitempty"`
	// Overdue: the loan was open and past due when it was read.
	Overdue bool `json:"overdue"`
	// Renewed: a checkout of an item already on loan to the same reader
	// renewed this loan instead.
	Renewed bool `json:"renewed,omitempty"`
}

// Open reports whether the loan is still open.
func (l Loan) Open() bool { return l.ReturnedAt == nil }

const loanColumns = `l.id, l.item_id, l.bib_id, i.barcode, b.title, i.call_number, COALESCE(l.reader_id, 0), COALESCE(l.proxy_id, 0),
	l.category, l.item_type, l.branch, l.desk, l.loaned_at, l.due_at, l.renewals, l.recalled_at, l.returned_at,
	COALESCE(l.returned_branch, ''), COALESCE(l.outcome, ''), l.fine_fen, l.override_reason, l.override_reasons, l.override_actor`

const loanFrom = ` FROM loans l JOIN items i ON i.id = l.item_id JOIN bib_records b ON b.id = l.bib_id`

// scanLoan reads a row of loanColumns; now decides Overdue.
func scanLoan(sc interface{ Scan(...any) error }, now time.Time) (Loan, error) {
	var l Loan
	var recalled, returned db.Time
	var reasons string
	err := sc.Scan(&l.ID, &l.ItemID, &l.RecordID, &l.Barcode, &l.Title, &l.CallNumber, &l.ReaderID, &l.ProxyID,
		&l.Category, &l.ItemType, &l.Branch, &l.Desk, &l.LoanedAt, &l.DueAt, &l.Renewals, &recalled, &returned,
		&l.ReturnedBranch, &l.Outcome, &l.FineFen, &l.Override, &reasons, &l.OverrideBy)
	if err != nil {
		return Loan{}, err
	}
	l.LoanedAt, l.DueAt = l.LoanedAt.UTC(), l.DueAt.UTC()
	l.RecalledAt, l.ReturnedAt = recalled.Ptr(), returned.Ptr()
	if reasons != "" {
		for _, r := range strings.Split(reasons, ",") {
			l.OverrideReasons = append(l.OverrideReasons, rules.Reason(r))
		}
	}
	l.Overdue = l.ReturnedAt == nil && now.After(l.DueAt)
	return l, nil
}

func scanLoans(now time.Time) func(*sql.Rows) (Loan, error) {
	return func(r *sql.Rows) (Loan, error) { return scanLoan(r, now) }
}

// loanByID reads a loan.
func loanByID(tx *db.Tx, id int64) (Loan, error) {
	l, err := scanLoan(tx.QueryRow(`SELECT `+loanColumns+loanFrom+` WHERE l.id = $1`, id), tx.Now)
	if errors.Is(err, sql.ErrNoRows) {
		return Loan{}, notFound("error.circ_loan_not_found", "ID", id)
	}
	if err != nil {
		return Loan{}, fmt.Errorf("loan %d: %w", id, err)
	}
	return l, nil
}

// openLoan reads the open loan of an item; ok is false when there is none.
func openLoan(tx *db.Tx, itemID int64) (Loan, bool, error) {
	l, err := scanLoan(tx.QueryRow(`SELECT `+loanColumns+loanFrom+` WHERE l.item_id = $1 AND l.returned_at IS NULL`, itemID), tx.Now)
	if errors.Is(err, sql.ErrNoRows) {
		return Loan{}, false, nil
	}
	if err != nil {
		return Loan{}, false, fmt.Errorf("open loan of item %d: %w", itemID, err)
	}
	return l, true, nil
}

// event appends a line to the loan's event ledger.
type event struct {
	kind                string
	branch              string
	dueBefore, dueAfter time.Time
	fineFen             int64
	note                string
}

func addEvent(tx *db.Tx, a auth.Actor, loanID int64, loc *time.Location, e event) error {
	var before, after any
	if !e.dueBefore.IsZero() {
		before = e.dueBefore
	}
	if !e.dueAfter.IsZero() {
		after = e.dueAfter
	}
	_, err := tx.Exec(`INSERT INTO loan_events (loan_id, kind, at, day, branch, due_before, due_after, fine_fen, note, actor_id, actor_name, door)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		loanID, e.kind, tx.Now, day(tx.Now, loc), e.branch, before, after, e.fineFen, e.note, nullID(a.StaffID), actorName(a), string(a.Door))
	if err != nil {
		return fmt.Errorf("loan %d: %s event: %w", loanID, e.kind, err)
	}
	return nil
}

// summary is what the audit log keeps of a loan.
func (l Loan) summary() map[string]any {
	m := map[string]any{"item": l.Barcode, "reader_id": l.ReaderID, "branch": l.Branch, "due_at": l.DueAt, "renewals": l.Renewals}
	if l.ProxyID != 0 {
		m["proxy_id"] = l.ProxyID
	}
	if l.Override != "" {
		m["override"] = l.Override
		m["override_reasons"] = l.OverrideReasons
	}
	if l.ReturnedAt != nil {
		m["returned_at"] = *l.ReturnedAt
		m["outcome"] = l.Outcome
		m["fine_fen"] = l.FineFen
	}
	return m
}
