package db

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Kind classifies a database error independently of the engine.
type Kind int

// The kinds of database error that service methods react to.
const (
	KindOther        Kind = iota
	KindUnique            // a unique or primary key constraint was violated
	KindForeignKey        // a reference points at nothing, or a referenced row is still used
	KindNotNull           // a required column was left empty
	KindCheck             // a check constraint failed
	KindBusy              // the database was locked or a serialization conflict occurred; retry
	KindNotADatabase      // the file is not a database, or is damaged
	KindCannotOpen        // the file cannot be opened
	KindReadOnly          // the database cannot be written
	KindDiskFull          // no space left
)

var kindNames = map[Kind]string{
	KindOther: "database error", KindUnique: "unique constraint violated",
	KindForeignKey: "invalid reference", KindNotNull: "required value missing",
	KindCheck: "check constraint failed", KindBusy: "database busy",
	KindNotADatabase: "not a database or damaged", KindCannotOpen: "cannot open database",
	KindReadOnly: "database is read-only", KindDiskFull: "disk full",
}

func (k Kind) String() string { return kindNames[k] }

// Error is a driver error classified by its code (never by its message text).
type Error struct {
	Kind       Kind
	Constraint string // the constraint name, when the engine reports it (PostgreSQL)
	Err        error  // the driver's error
}

func (e *Error) Error() string {
	if e.Constraint != "" {
		return fmt.Sprintf("%s (%s): %v", e.Kind, e.Constraint, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Kind, e.Err)
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// Normalize turns a driver error into an *Error with a Kind; other errors
// (including nil and sql.ErrNoRows) pass through unchanged.
func Normalize(err error) error {
	if err == nil {
		return nil
	}
	var already *Error
	if errors.As(err, &already) {
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return &Error{Kind: sqliteKind(se.Code()), Err: err}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return &Error{Kind: postgresKind(pe.Code), Constraint: pe.ConstraintName, Err: err}
	}
	return err
}

func sqliteKind(code int) Kind {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return KindUnique
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return KindForeignKey
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return KindNotNull
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return KindCheck
	}
	switch code & 0xff { // primary result code
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return KindBusy
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return KindNotADatabase
	case sqlite3.SQLITE_CANTOPEN:
		return KindCannotOpen
	case sqlite3.SQLITE_READONLY:
		return KindReadOnly
	case sqlite3.SQLITE_FULL:
		return KindDiskFull
	}
	return KindOther
}

func postgresKind(code string) Kind {
	switch code {
	case "23505":
		return KindUnique
	case "23503":
		return KindForeignKey
	case "23502":
		return KindNotNull
	case "23514":
		return KindCheck
	case "40001", "40P01", "55P03":
		return KindBusy
	case "53100":
		return KindDiskFull
	case "25006":
		return KindReadOnly
	}
	return KindOther
}

// KindOf returns the Kind of a (normalized or raw) database error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(Normalize(err), &e) {
		return e.Kind
	}
	return KindOther
}

// IsUnique reports whether err is a unique-constraint violation.
func IsUnique(err error) bool { return KindOf(err) == KindUnique }

// IsForeignKey reports whether err is a foreign-key violation.
func IsForeignKey(err error) bool { return KindOf(err) == KindForeignKey }
