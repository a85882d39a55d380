package db

import (
	"context"
	"database/sql"
	"sync"
)

// maxSharedStatements bounds the statements kept prepared on SQLite's
// writer connection across transactions.
const maxSharedStatements = 1000

// stmtCache keeps the statements that write transactions run prepared on
// SQLite's writer connection for the connection's life, instead of
// preparing them again in every transaction (a loan runs some twenty
// statements; preparing them was about a third of its CPU). A statement a
// transaction uses for the first time is prepared in that transaction and
// noted; the next write prepares the noted ones on the connection before
// it begins (it holds the writer's turn, so the connection is free), and
// transactions from then on use them.
type stmtCache struct {
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt // by query as written ($N placeholders)
	pending map[string]bool
}

func newStmtCache() *stmtCache {
	return &stmtCache{stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// lookup returns the shared statement for query, or nil after noting that
// it is wanted.
func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st
	}
	if len(c.stmts)+len(c.pending) < maxSharedStatements {
		c.pending[query] = true
	}
	return nil
}

// prepare prepares the noted statements on pool; called with the writer's
// turn held and no transaction open. A statement that fails to prepare is
// forgotten: its transactions prepare it themselves, as before.
func (c *stmtCache) prepare(ctx context.Context, pool *sql.DB) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q := range c.pending {
		delete(c.pending, q)
		st, err := pool.PrepareContext(ctx, sqliteSQL(q))
		if err != nil {
			continue
		}
		c.stmts[q] = st
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}
