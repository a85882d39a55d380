// Package catalog is the cataloguing capability: bibliographic records (MARC
// is the truth; display, sort and duplicate-check fields are derived from it
// in the same transaction), items with their status history, call numbers
// and 种次号, the classification table, duplicate checks, withdrawals and the
// distribution of processed items to the stacks.
package catalog

import (
	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// Service is the catalogue.
type Service struct {
	db *db.DB
}

// NewService returns the catalogue over d.
func NewService(d *db.DB) *Service { return &Service{db: d} }

func invalid(key, field string, args ...any) error {
	return apperr.New(apperr.Invalid, key, args...).WithField(field)
}

func notFound(key string, args ...any) error { return apperr.New(apperr.NotFound, key, args...) }

// nextCounter returns the next value of a named counter (accession numbers,
// ledger numbers), atomically within the transaction.
func nextCounter(tx *db.Tx, name string) (int64, error) {
	var v int64
	err := tx.QueryRow(`INSERT INTO counters (name, value) VALUES ($1, 1)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value`, name).Scan(&v)
	return v, err
}

// raiseCounter moves a counter up to at least v (when numbers were given
// from outside, e.g. by an import), so that it never hands them out again.
func raiseCounter(tx *db.Tx, name string, v int64) error {
	_, err := tx.Exec(`INSERT INTO counters (name, value) VALUES ($1, $2)
		ON CONFLICT (name) DO UPDATE SET value = CASE WHEN counters.value < $2 THEN $2 ELSE counters.value END`, name, v)
	return err
}
