package catalog

import (
	"context"
	"database/sql"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Export calls fn with the MARC (ISO 2709, UTF-8) of every record changed at
// or after since (all records when since is zero), in id order
// (catalog.export). It reads in pages of 1,000 so that a large catalogue
// streams without holding a long transaction; fn may write to a slow
// client.
func (s *Service) Export(ctx context.Context, a auth.Actor, since time.Time, fn func(id int64, marc []byte) error) (int, error) {
	if err := a.Require(auth.PermCatalogExport); err != nil {
		return 0, err
	}
	type row struct {
		id  int64
		raw []byte
	}
	after, total := int64(0), 0
	for {
		var page []row
		err := s.db.Read(ctx, func(tx *db.Tx) error {
			rows, err := tx.Query(`SELECT id, marc FROM bib_records WHERE id > $1 AND updated_at >= $2 ORDER BY id LIMIT 1000`, after, since.UTC())
			page, err = db.Collect(rows, err, func(r *sql.Rows) (row, error) {
				var x row
				return x, r.Scan(&x.id, &x.raw)
			})
			return err
		})
		if err != nil {
			return total, err
		}
		for _, x := range page {
			if err := fn(x.id, x.raw); err != nil {
				return total, err
			}
			total++
		}
		if len(page) < 1000 {
			return total, nil
		}
		after = page[len(page)-1].id
	}
}
