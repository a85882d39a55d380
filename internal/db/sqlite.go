package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // the SQLite driver, registered as "sqlite"
)

// connRole says what a SQLite connection pool is for.
type connRole int

const (
	writerConn connRole = iota // the one writer: BEGIN IMMEDIATE
	readerConn                 // readers: query_only
	plainConn                  // maintenance (backup): neither
)

// sqliteDSN builds the connection string for one SQLite pool. Every
// connection runs in WAL mode with synchronous=FULL (a committed loan
// survives power loss), foreign keys on and a busy timeout; the writer starts
// its transactions with BEGIN IMMEDIATE so that two writers never deadlock.
func sqliteDSN(path string, role connRole) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Set("_time_integer_format", "unix_micro")
	q.Set("_inttotime", "1")
	switch role {
	case writerConn:
		q.Set("_txlock", "immediate")
	case readerConn:
		q.Set("_query_only", "1")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func openSQLite(ctx context.Context, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("no database given: pass --db with a SQLite file path or a postgres:// URL")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %q: %w", path, err)
	}
	dir := filepath.Dir(abs)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s (choose another with --db): %w", dir, err)
	}
	if err := checkWritableDir(dir); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", sqliteDSN(abs, writerConn))
	if err != nil {
		return nil, fmt.Errorf("open SQLite %s: %w", abs, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	// The first connection creates the file and switches it to WAL before
	// any reader opens it.
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		if KindOf(err) == KindNotADatabase {
			return nil, fmt.Errorf("%s is not a SQLite database or is damaged (check --db): %w", abs, Normalize(err))
		}
		return nil, fmt.Errorf("open SQLite %s: %w", abs, Normalize(err))
	}
	if err := checkSQLiteFile(ctx, w, abs); err != nil {
		w.Close()
		return nil, err
	}
	readers := opts.Readers
	if readers <= 0 {
		readers = 4
	}
	r, err := sql.Open("sqlite", sqliteDSN(abs, readerConn))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open SQLite readers %s: %w", abs, err)
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	return &DB{dialect: SQLite, w: w, r: r, clock: opts.Clock, path: abs, writeTurn: make(chan struct{}, 1), shared: newStmtCache()}, nil
}

// checkWritableDir makes sure SQLite will be able to create its journal files.
func checkWritableDir(dir string) error {
	f, err := os.CreateTemp(dir, ".lantai-write-test-*")
	if err != nil {
		return fmt.Errorf("the data folder %s is not writable (fix its permissions or choose another with --db): %w", dir, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// checkSQLiteFile makes sure the file is a SQLite database (or new and empty)
// in WAL mode, so that a wrong --db fails with a clear message.
func checkSQLiteFile(ctx context.Context, w *sql.DB, path string) error {
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return fmt.Errorf("%s is not a SQLite database (check --db): %w", path, Normalize(err))
	}
	if mode != "wal" {
		return fmt.Errorf("%s: could not switch to WAL journal mode (got %q)", path, mode)
	}
	return nil
}
