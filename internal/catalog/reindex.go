package catalog

import (
	"context"
	"database/sql"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog/profile"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/search"
)

// ReindexProgress is how far a rebuild of the search index has come.
type ReindexProgress struct {
	Done, Total int
}

// Reindex rebuilds the whole search index and the search attributes from
// the stored MARC records and their items (catalog.import). The index is
// written in the same transaction as every change, so this is never
// needed for correctness; it is there for recovery (a damaged index, a
// change of how tokens are made). It runs in one transaction: searches see
// the old index until the new one is complete. A record whose stored MARC
// cannot be read any more is reported by number and left out.
func (s *Service) Reindex(ctx context.Context, a auth.Actor, progress func(ReindexProgress)) (int, error) {
	if err := a.Require(auth.PermCatalogImport); err != nil {
		return 0, err
	}
	n := 0
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var total int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM bib_records`).Scan(&total); err != nil {
			return err
		}
		rb, err := search.BeginRebuild(tx)
		if err != nil {
			return err
		}
		const batch = 5000
		var last int64
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			ids, texts, err := reindexBatch(tx, last, batch)
			if err != nil {
				return err
			}
			if len(ids) == 0 {
				break
			}
			if err := rb.Store(ids, texts); err != nil {
				return err
			}
			n += len(ids)
			last = ids[len(ids)-1]
			if progress != nil {
				progress(ReindexProgress{Done: n, Total: total})
			}
		}
		if err := rb.Finish(); err != nil {
			return err
		}
		if _, err := search.RebuildAttrsTx(tx); err != nil {
			return err
		}
		return auth.Audit(tx, a, "search_index.rebuild", "catalog", 0, nil, map[string]any{"records": n})
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild the search index: %w", err)
	}
	return n, nil
}

// reindexBatch reads up to limit records after id last and makes their
// tokens (with their items' call numbers) and sort columns.
func reindexBatch(tx *db.Tx, last int64, limit int) ([]int64, []string, error) {
	type rec struct {
		id  int64
		raw []byte
	}
	rows, err := tx.Query(`SELECT id, marc FROM bib_records WHERE id > $1 ORDER BY id LIMIT $2`, last, limit)
	recs, err := db.Collect(rows, err, func(r *sql.Rows) (rec, error) {
		var x rec
		return x, r.Scan(&x.id, &x.raw)
	})
	if err != nil || len(recs) == 0 {
		return nil, nil, err
	}
	calls := map[int64][]string{}
	err = tx.Each(`SELECT DISTINCT bib_id, call_number FROM items WHERE bib_id > $1 AND bib_id <= $2 AND call_number <> '' AND status <> 'withdrawn'`,
		func(r *sql.Rows) error {
			var id int64
			var c string
			if err := r.Scan(&id, &c); err != nil {
				return err
			}
			calls[id] = append(calls[id], c)
			return nil
		}, last, recs[len(recs)-1].id)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, 0, len(recs))
	texts := make([]string, 0, len(recs))
	for _, r := range recs {
		m, err := marc.Unmarshal(r.raw)
		if err != nil {
			return nil, nil, fmt.Errorf("record %d: stored MARC unreadable: %w", r.id, err)
		}
		b, err := profile.Derive(m)
		if err != nil {
			return nil, nil, fmt.Errorf("record %d: %w", r.id, err)
		}
		if err := facetColumns(tx, r.id, b); err != nil {
			return nil, nil, err
		}
		ids = append(ids, r.id)
		texts = append(texts, searchText(b, calls[r.id]))
	}
	return ids, texts, nil
}
