// Package db opens Lantai's database — a SQLite file or a PostgreSQL server —
// runs the embedded migrations, and gives every service method one
// transaction helper with a "now" from the library's single clock.
//
// SQL in Lantai is written once for both dialects: parameters are $1, $2 …
// (the SQLite driver binds them by number), times are time.Time values
// (microseconds since the epoch in SQLite, timestamptz in PostgreSQL) and the
// few real differences are asked of the Dialect.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/clock"
)

// Dialect names the database engine behind a DB.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options tune how a database is opened.
type Options struct {
	// Clock gives every transaction its "now"; clock.System{} when nil.
	Clock clock.Clock
	// Readers is the size of the SQLite reader pool (default 4).
	Readers int
	// MaxConns is the PostgreSQL pool size (default 16).
	MaxConns int
}

// DB is an open Lantai database.
type DB struct {
	dialect Dialect
	w       *sql.DB // the writer: one connection for SQLite, the pool for PostgreSQL
	r       *sql.DB // readers: a read-only pool for SQLite, the same pool for PostgreSQL
	clock   clock.Clock
	path    string // SQLite file path
	url     string // PostgreSQL URL
	// writeTurn hands SQLite's single writer connection to waiting
	// transactions in the order they came (a channel's blocked senders
	// are served first come, first served); database/sql alone hands it
	// out in no particular order, which made a long tail of waits.
	writeTurn chan struct{}
	// shared are the statements kept prepared on SQLite's writer.
	shared *stmtCache
}

// Open opens the database named by target: a postgres:// (or postgresql://)
// URL, or else a SQLite file path whose folder is created when missing.
func Open(ctx context.Context, target string, opts Options) (*DB, error) {
	if opts.Clock == nil {
		opts.Clock = clock.System{}
	}
	if IsPostgresURL(target) {
		return openPostgres(ctx, target, opts)
	}
	return openSQLite(ctx, target, opts)
}

// IsPostgresURL reports whether target names a PostgreSQL server.
func IsPostgresURL(target string) bool {
	return strings.HasPrefix(target, "postgres://") || strings.HasPrefix(target, "postgresql://")
}

// Dialect tells which engine this is.
func (d *DB) Dialect() Dialect { return d.dialect }

// Clock returns the clock transactions take their time from.
func (d *DB) Clock() clock.Clock { return d.clock }

// Path returns the SQLite file path, or "" for PostgreSQL.
func (d *DB) Path() string { return d.path }

// Writer returns the pool write transactions use (for migrations and stats).
func (d *DB) Writer() *sql.DB { return d.w }

// Readers returns the pool read transactions use.
func (d *DB) Readers() *sql.DB { return d.r }

// Ping checks that the database answers.
func (d *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var one int
	if err := d.r.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("database ping: %w", Normalize(err))
	}
	return nil
}

// Close closes every connection. It waits for nothing: callers stop their
// work first (the server drains requests before it closes the database).
func (d *DB) Close() error {
	if d.shared != nil {
		d.shared.close()
	}
	var errs []error
	if d.r != d.w {
		errs = append(errs, d.r.Close())
	}
	errs = append(errs, d.w.Close())
	return errors.Join(errs...)
}
