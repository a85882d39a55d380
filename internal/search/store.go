package search

import (
	"strings"

	"lantai.dev/lantai/internal/db"
)

// Store writes (or replaces) the tokens of record id inside tx, the
// transaction that changes the record: the index is never behind it.
func Store(tx *db.Tx, id int64, text string) error {
	if tx.Dialect() == db.Postgres {
		_, err := tx.Exec(`INSERT INTO search_docs (bib_id, search) VALUES ($1, to_tsvector('simple', $2))
			ON CONFLICT (bib_id) DO UPDATE SET search = EXCLUDED.search`, id, text)
		return err
	}
	if _, err := tx.Exec(`DELETE FROM search_fts WHERE rowid = $1`, id); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO search_fts (rowid, tokens) VALUES ($1, $2)`, id, text)
	return err
}

// StoreNew writes the tokens of records that have none yet (bulk
// imports). On SQLite all of them go in with one statement: FTS5 writes
// its pending terms out as a new index segment at the end of every
// statement, so one statement per batch means fewer, larger segments and
// less merging.
func StoreNew(tx *db.Tx, ids []int64, texts []string) error {
	if len(ids) == 0 {
		return nil
	}
	if tx.Dialect() == db.SQLite {
		var sb strings.Builder
		sb.WriteByte('[')
		for i, id := range ids {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('[')
			sb.WriteString(itoa(int(id)))
			sb.WriteByte(',')
			writeJSONString(&sb, texts[i])
			sb.WriteByte(']')
		}
		sb.WriteByte(']')
		_, err := tx.Exec(`INSERT INTO search_fts (rowid, tokens) SELECT value ->> 0, value ->> 1 FROM json_each($1)`, sb.String())
		return err
	}
	return storeRows(tx, "search_docs", ids, texts)
}

// storeRows inserts PostgreSQL index rows into table, many per statement.
func storeRows(tx *db.Tx, table string, ids []int64, texts []string) error {
	const perStmt = 200
	for start := 0; start < len(ids); start += perStmt {
		end := min(start+perStmt, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		sb.WriteString(`INSERT INTO ` + table + ` (bib_id, search) VALUES `)
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			n := len(args)
			sb.WriteString("($" + itoa(n+1) + ", to_tsvector('simple', $" + itoa(n+2) + "))")
			args = append(args, ids[i], texts[i])
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
}

// writeJSONString writes s as a JSON string.
func writeJSONString(sb *strings.Builder, s string) {
	sb.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c < 0x20:
			sb.WriteString(`\u00`)
			sb.WriteByte("0123456789abcdef"[c>>4])
			sb.WriteByte("0123456789abcdef"[c&15])
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte('"')
}

// Delete removes record id from the index inside tx.
func Delete(tx *db.Tx, id int64) error {
	if tx.Dialect() == db.Postgres {
		_, err := tx.Exec(`DELETE FROM search_docs WHERE bib_id = $1`, id)
		return err
	}
	_, err := tx.Exec(`DELETE FROM search_fts WHERE rowid = $1`, id)
	return err
}

// Rebuild writes a whole new index inside one transaction (recovery):
// searches go on seeing the old index until the transaction commits.
type Rebuild struct {
	tx *db.Tx
}

// BeginRebuild starts a rebuild in tx. On SQLite the index is emptied
// (the single writer keeps every other change out until commit). On
// PostgreSQL the new index is written into a new table, indexed once at the
// end — many times faster than keeping a GIN index up to date row by row —
// and put in place of the old one; the old table is locked against
// writes meanwhile (catalogue changes wait; searches do not).
func BeginRebuild(tx *db.Tx) (*Rebuild, error) {
	if tx.Dialect() == db.Postgres {
		for _, q := range []string{
			`LOCK TABLE search_docs IN SHARE MODE`,
			`CREATE TABLE search_docs_new (bib_id BIGINT PRIMARY KEY REFERENCES bib_records (id) ON DELETE CASCADE, search TSVECTOR NOT NULL)`,
		} {
			if _, err := tx.Exec(q); err != nil {
				return nil, err
			}
		}
		return &Rebuild{tx: tx}, nil
	}
	if _, err := tx.Exec(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`); err != nil {
		return nil, err
	}
	return &Rebuild{tx: tx}, nil
}

// Store writes the tokens of records.
func (r *Rebuild) Store(ids []int64, texts []string) error {
	if r.tx.Dialect() == db.Postgres {
		return storeRows(r.tx, "search_docs_new", ids, texts)
	}
	return StoreNew(r.tx, ids, texts)
}

// Finish puts the new index in place: on PostgreSQL it builds the GIN
// index and swaps the tables; on SQLite it merges the index segments into
// one (searches read fewer segments).
func (r *Rebuild) Finish() error {
	if r.tx.Dialect() == db.Postgres {
		for _, q := range []string{
			`CREATE INDEX search_docs_new_gin ON search_docs_new USING gin (search)`,
			`DROP TABLE search_docs`,
			`ALTER TABLE search_docs_new RENAME TO search_docs`,
			`ALTER INDEX search_docs_new_pkey RENAME TO search_docs_pkey`,
			`ALTER INDEX search_docs_new_gin RENAME TO search_docs_gin`,
			`ALTER TABLE search_docs RENAME CONSTRAINT search_docs_new_bib_id_fkey TO search_docs_bib_id_fkey`,
		} {
			if _, err := r.tx.Exec(q); err != nil {
				return err
			}
		}
		return nil
	}
	_, err := r.tx.Exec(`INSERT INTO search_fts (search_fts) VALUES ('optimize')`)
	return err
}
