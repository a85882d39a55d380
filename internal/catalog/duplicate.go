package catalog

import (
	"context"
	"database/sql"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/isbn"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
)

// Duplicate is an existing record that looks like the same work.
type Duplicate struct {
	RecordID int64  `json:"record_id"`
	Title    string `json:"title"`
	Author   string `json:"author"`
	Year     int    `json:"year,omitempty"`
	ISBN     string `json:"isbn,omitempty"`
	// Reason is "isbn" (a shared ISBN) or "title_author_year" (the same
	// normalised title, first author and year).
	Reason string `json:"reason"`
}

// FindDuplicates checks a record against the catalogue before it is saved
// (查重): by every valid ISBN, and by title + first author + year
// (catalog.view). exclude leaves out the record being edited.
func (s *Service) FindDuplicates(ctx context.Context, a auth.Actor, m *marc.Record, exclude int64) ([]Duplicate, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	d, err := derive(m)
	if err != nil {
		return nil, err
	}
	var out []Duplicate
	err = s.db.Read(ctx, func(tx *db.Tx) (err error) {
		out, err = findDuplicates(tx, d, exclude)
		return err
	})
	return out, err
}

// FindByISBN lists the records that hold an ISBN, in either its 10- or
// 13-digit form (catalog.view): the quick 查重 at a book fair or the desk.
func (s *Service) FindByISBN(ctx context.Context, a auth.Actor, text string) ([]Duplicate, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	n, err := isbn.Parse(text)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "error.isbn_invalid", "Value", text).WithField("isbn")
	}
	var out []Duplicate
	err = s.db.Read(ctx, func(tx *db.Tx) (err error) {
		out, err = findDuplicates(tx, derived{ISBNs: []string{n.String()}}, 0)
		return err
	})
	return out, err
}

// findDuplicates looks for records sharing an ISBN with d, then for records
// with d's duplicate key; each record is reported once, ISBN first.
func findDuplicates(tx *db.Tx, d derived, exclude int64) ([]Duplicate, error) {
	var out []Duplicate
	seen := map[int64]bool{}
	add := func(rows *sql.Rows, err error, reason string) error {
		list, err := db.Collect(rows, err, func(r *sql.Rows) (Duplicate, error) {
			var x Duplicate
			return x, r.Scan(&x.RecordID, &x.Title, &x.Author, &x.Year, &x.ISBN)
		})
		if err != nil {
			return err
		}
		for _, x := range list {
			if !seen[x.RecordID] && x.RecordID != exclude {
				seen[x.RecordID] = true
				x.Reason = reason
				out = append(out, x)
			}
		}
		return nil
	}
	for _, isbn := range d.ISBNs {
		rows, err := tx.Query(`SELECT r.id, r.title, r.author, r.pub_year, r.isbn FROM bib_isbns b JOIN bib_records r ON r.id = b.bib_id
			WHERE b.isbn = $1 ORDER BY r.id LIMIT 20`, isbn)
		if err := add(rows, err, "isbn"); err != nil {
			return nil, err
		}
	}
	if d.DupKey != "" {
		rows, err := tx.Query(`SELECT id, title, author, pub_year, isbn FROM bib_records WHERE dup_key = $1 ORDER BY id LIMIT 20`, d.DupKey)
		if err := add(rows, err, "title_author_year"); err != nil {
			return nil, err
		}
	}
	return out, nil
}
