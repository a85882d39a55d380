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

// StoreNew writes the tokens of records that have none yet, many per
// statement (bulk imports).
func StoreNew(tx *db.Tx, ids []int64, texts []string) error {
	const perStmt = 200
	for start := 0; start < len(ids); start += perStmt {
		end := min(start+perStmt, len(ids))
		var sb strings.Builder
		args := make([]any, 0, 2*(end-start))
		if tx.Dialect() == db.Postgres {
			sb.WriteString(`INSERT INTO search_docs (bib_id, search) VALUES `)
		} else {
			sb.WriteString(`INSERT INTO search_fts (rowid, tokens) VALUES `)
		}
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			n := len(args)
			if tx.Dialect() == db.Postgres {
				sb.WriteString("($" + itoa(n+1) + ", to_tsvector('simple', $" + itoa(n+2) + "))")
			} else {
				sb.WriteString("($" + itoa(n+1) + ", $" + itoa(n+2) + ")")
			}
			args = append(args, ids[i], texts[i])
		}
		if _, err := tx.Exec(sb.String(), args...); err != nil {
			return err
		}
	}
	return nil
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
