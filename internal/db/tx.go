package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tx is one transaction of a service method. Now is the moment the
// transaction began, taken from the database's clock: every row the method
// writes carries the same time.
type Tx struct {
	ctx     context.Context
	tx      *sql.Tx
	dialect Dialect
	Now     time.Time
	stmts   map[string]*sql.Stmt // statements prepared in this transaction, by query
	locals  map[string]any       // per-transaction state of other packages (Local)
	shared  *stmtCache           // statements kept prepared on the connection (SQLite writer)
	before  []func(*Tx) error    // work run just before commit (BeforeCommit)
}

// Local returns the value this transaction keeps under key, made by init on
// first use. Packages keep per-transaction state with it — the records
// whose search attributes must be rewritten before commit, say.
func (t *Tx) Local(key string, init func() any) any {
	if v, ok := t.locals[key]; ok {
		return v
	}
	if t.locals == nil {
		t.locals = map[string]any{}
	}
	v := init()
	t.locals[key] = v
	return v
}

// BeforeCommit adds fn to the work done just before the transaction
// commits, after the service method's own work; an error from fn rolls
// the transaction back. Work added while the hooks run is run too.
func (t *Tx) BeforeCommit(fn func(*Tx) error) { t.before = append(t.before, fn) }

// maxCachedQuery bounds the queries whose prepared statement is kept for
// reuse within a transaction (bulk statements are long and used once).
const maxCachedQuery = 2048

// cached reports whether query runs through the transaction's prepared
// statements. Only on SQLite: pgx already prepares each statement once
// per connection and keeps it for the connection's life, so preparing it
// again in every transaction would cost PostgreSQL two more round trips
// (prepare, deallocate) per statement.
func (t *Tx) cached(query string, args []any) bool {
	return t.dialect == SQLite && len(query) <= maxCachedQuery && len(args) > 0
}

// stmt returns the prepared statement for query, preparing it on first use
// in this transaction: a batch that runs the same statement thousands of
// times (an import) prepares it once. The statements close with the
// transaction.
func (t *Tx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if t.shared != nil {
		if ps := t.shared.lookup(query); ps != nil {
			st = t.tx.StmtContext(t.ctx, ps)
		}
	}
	if st == nil {
		var err error
		if st, err = t.tx.PrepareContext(t.ctx, t.sql(query)); err != nil {
			return nil, Normalize(err)
		}
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

// Write runs fn in a write transaction and commits when fn returns nil. On
// SQLite the transaction begins IMMEDIATE on the single writer connection;
// on PostgreSQL a serialization failure or deadlock is retried a few times.
func (d *DB) Write(ctx context.Context, fn func(tx *Tx) error) error {
	if d.writeTurn != nil {
		select {
		case d.writeTurn <- struct{}{}:
		case <-ctx.Done():
			return fmt.Errorf("begin transaction: %w", ctx.Err())
		}
		defer func() { <-d.writeTurn }()
		if d.shared != nil {
			d.shared.prepare(ctx, d.w)
		}
	}
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = d.run(ctx, d.w, fn)
		if d.dialect != Postgres || KindOf(err) != KindBusy {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 20 * time.Millisecond)
	}
	return err
}

// Read runs fn in a read transaction, which sees one consistent snapshot.
func (d *DB) Read(ctx context.Context, fn func(tx *Tx) error) error {
	return d.run(ctx, d.r, fn)
}

func (d *DB) run(ctx context.Context, pool *sql.DB, fn func(tx *Tx) error) (err error) {
	stx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", Normalize(err))
	}
	tx := &Tx{ctx: ctx, tx: stx, dialect: d.dialect, Now: d.clock.Now().UTC().Truncate(time.Microsecond)}
	if pool == d.w {
		tx.shared = d.shared
	}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
	}()
	err = fn(tx)
	for i := 0; err == nil && i < len(tx.before); i++ {
		err = tx.before[i](tx)
	}
	if err != nil {
		if rbErr := stx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", Normalize(err))
	}
	return nil
}

// Context returns the context the transaction runs under.
func (t *Tx) Context() context.Context { return t.ctx }

// Dialect tells which engine runs the transaction.
func (t *Tx) Dialect() Dialect { return t.dialect }

// sql adapts a query's parameter syntax to the engine.
func (t *Tx) sql(query string) string {
	if t.dialect == SQLite {
		return sqliteSQL(query)
	}
	return query
}

// Exec runs a statement that returns no rows.
func (t *Tx) Exec(query string, args ...any) (sql.Result, error) {
	if t.cached(query, args) {
		st, err := t.stmt(query)
		if err != nil {
			return nil, err
		}
		res, err := st.ExecContext(t.ctx, args...)
		return res, Normalize(err)
	}
	res, err := t.tx.ExecContext(t.ctx, t.sql(query), args...)
	return res, Normalize(err)
}

// ExecAffected runs a statement and returns the number of rows it changed.
func (t *Tx) ExecAffected(query string, args ...any) (int64, error) {
	res, err := t.Exec(query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Query runs a statement that returns rows.
func (t *Tx) Query(query string, args ...any) (*sql.Rows, error) {
	if t.cached(query, args) {
		st, err := t.stmt(query)
		if err != nil {
			return nil, err
		}
		rows, err := st.QueryContext(t.ctx, args...)
		return rows, Normalize(err)
	}
	rows, err := t.tx.QueryContext(t.ctx, t.sql(query), args...)
	return rows, Normalize(err)
}

// QueryRow runs a statement that returns at most one row. Scan returns
// sql.ErrNoRows when there is none.
func (t *Tx) QueryRow(query string, args ...any) *Row {
	if t.cached(query, args) {
		st, err := t.stmt(query)
		if err != nil {
			return &Row{err: err}
		}
		return &Row{row: st.QueryRowContext(t.ctx, args...)}
	}
	return &Row{row: t.tx.QueryRowContext(t.ctx, t.sql(query), args...)}
}

// Insert runs an INSERT … RETURNING id and returns the new id.
func (t *Tx) Insert(query string, args ...any) (int64, error) {
	var id int64
	if err := t.QueryRow(query+" RETURNING id", args...).Scan(&id); err != nil {
		return 0, err
	}
	return id, nil
}

// Row is the result of QueryRow with driver errors normalized.
type Row struct {
	row *sql.Row
	err error // preparing the statement failed
}

// Scan copies the row's columns into dest.
func (r *Row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	return Normalize(r.row.Scan(dest...))
}

// ForUpdate returns the row-locking clause for SELECTs inside a write
// transaction: " FOR UPDATE" on PostgreSQL, nothing on SQLite (whose single
// writer already excludes every other writer).
func (t *Tx) ForUpdate() string {
	if t.dialect == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// Each runs query and calls fn for every row, closing the rows after.
func (t *Tx) Each(query string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := t.Query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return Normalize(rows.Err())
}

// Collect scans every row with scan and closes rows.
func Collect[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, Normalize(err)
		}
		out = append(out, v)
	}
	return out, Normalize(rows.Err())
}

// Time scans a moment in time from either engine, including the results of
// aggregates such as MIN(at), which SQLite returns as the stored integer
// (microseconds since the epoch) rather than as a time.
type Time struct {
	Time  time.Time
	Valid bool
}

// Ptr returns the time, or nil when the column was NULL.
func (t Time) Ptr() *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}

// Scan implements sql.Scanner.
func (t *Time) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*t = Time{}
	case time.Time:
		*t = Time{x.UTC(), true}
	case int64:
		*t = Time{time.UnixMicro(x).UTC(), true}
	case string:
		p, err := time.Parse(time.RFC3339Nano, x)
		if err != nil {
			return fmt.Errorf("scan time %q: %w", x, err)
		}
		*t = Time{p.UTC(), true}
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	return nil
}
