package catalog

import (
	"context"
	"database/sql"
	"time"

	"lantai.dev/lantai/internal/db"
)

// NewBook is a record that reached the shelves recently (新书通报).
type NewBook struct {
	RecordID    int64     `json:"record_id"`
	Title       string    `json:"title"`
	Author      string    `json:"author"`
	Publisher   string    `json:"publisher"`
	Year        int       `json:"year,omitempty"`
	Class       string    `json:"class,omitempty"`
	CallNumber  string    `json:"call_number"`
	AvailableAt time.Time `json:"available_at"`
	Copies      int       `json:"copies"`
}

// NewBooks lists the records whose first copy became available at or after
// since (newest first), optionally within a class prefix. It is public: the
// OPAC shows it without signing in.
func (s *Service) NewBooks(ctx context.Context, since time.Time, classPrefix string, limit int) ([]NewBook, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	var out []NewBook
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT r.id, r.title, r.author, r.publisher, r.pub_year, r.class, MIN(i.call_number), MIN(i.available_at), COUNT(*)
			FROM items i JOIN bib_records r ON r.id = i.bib_id
			WHERE i.available_at IS NOT NULL AND i.status <> 'withdrawn' AND COALESCE(i.parent_id, 0) = 0 AND r.class LIKE $2 ESCAPE '\'
			GROUP BY r.id, r.title, r.author, r.publisher, r.pub_year, r.class
			HAVING MIN(i.available_at) >= $1
			ORDER BY MIN(i.available_at) DESC, r.id DESC LIMIT `+itoa(limit), since.UTC(), escapeLike(classPrefix)+"%")
		out, err = db.Collect(rows, err, func(r *sql.Rows) (NewBook, error) {
			var b NewBook
			var at db.Time
			err := r.Scan(&b.RecordID, &b.Title, &b.Author, &b.Publisher, &b.Year, &b.Class, &b.CallNumber, &at, &b.Copies)
			b.AvailableAt = at.Time
			return b, err
		})
		return err
	})
	return out, err
}
