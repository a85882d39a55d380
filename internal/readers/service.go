// Package readers is the readers' capability 读者管理: reader categories,
// readers (registered one by one or in batches from CSV and XLSX), their
// photos, the library cards with their history — issue, report lost 挂失,
// unblock 解挂, replace 补办, expire and extend — blocks, and clearance 离校.
//
// Money (card-replacement fees, deposits, the debts clearance checks) goes
// through package fees. Circulation looks readers up inside its own
// transactions with the tx-level functions ByCard and ByID, and supplies
// the count of open loans that clearance checks (Service.SetLoanCounter).
package readers

import (
	"fmt"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// Service manages readers and their cards.
type Service struct {
	db    *db.DB
	loc   *time.Location
	loans LoanCounter
}

// LoanCounter counts a reader's open loans inside a transaction.
// Circulation, which owns loans, supplies it; see SetLoanCounter.
type LoanCounter func(tx *db.Tx, readerID int64) (int, error)

// NewService returns the readers' service over d. loc is the library's
// time zone, which decides what "today" is for card expiry (Asia/Shanghai
// when nil). Until SetLoanCounter is called, clearance counts open loans
// with LoansTableCounter.
func NewService(d *db.DB, loc *time.Location) *Service {
	if loc == nil {
		loc = fees.DefaultLocation()
	}
	return &Service{db: d, loc: loc, loans: LoansTableCounter}
}

// SetLoanCounter sets how clearance counts a reader's open loans. Call it
// while wiring the application, before the service is used.
func (s *Service) SetLoanCounter(f LoanCounter) {
	if f != nil {
		s.loans = f
	}
}

// today is the library's calendar day at t, as YYYY-MM-DD.
func (s *Service) today(t time.Time) string { return t.In(s.loc).Format(time.DateOnly) }

func invalid(key, field string, args ...any) *apperr.Error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

func conflict(key string, args ...any) *apperr.Error {
	return apperr.New(apperr.Conflict, key, args...)
}

func notFound(key string, args ...any) *apperr.Error {
	return apperr.New(apperr.NotFound, key, args...)
}

// nextCounter returns the next value of a named counter, atomically within
// the transaction.
func nextCounter(tx *db.Tx, name string) (int64, error) {
	var v int64
	err := tx.QueryRow(`INSERT INTO counters (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("counter %s: %w", name, err)
	}
	return v, nil
}

// canView reports whether a may look up readers: the readers' office and
// the loan and fee desks, which identify the reader in front of them.
func canView(a auth.Actor) error {
	if a.CanAny(auth.PermCircReaders, auth.PermCircCheckout, auth.PermCircFees) {
		return nil
	}
	return a.Require(auth.PermCircReaders)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func actorName(a auth.Actor) string {
	if a.Name == "" {
		return "unknown"
	}
	return a.Name
}
