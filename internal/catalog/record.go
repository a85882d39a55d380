package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/search"
)

// Record is a bibliographic record: its MARC (ISO 2709, UTF-8, exactly as
// stored) and the fields derived from it.
type Record struct {
	ID        int64     `json:"id"`
	Format    string    `json:"format"` // marc21 or cnmarc
	MARC      []byte    `json:"-"`
	Title     string    `json:"title"`
	SortTitle string    `json:"-"`
	Author    string    `json:"author"`
	Publisher string    `json:"publisher"`
	Year      int       `json:"year,omitempty"`
	Edition   string    `json:"edition,omitempty"`
	ISBN      string    `json:"isbn,omitempty"`
	ISSN      string    `json:"issn,omitempty"`
	Class     string    `json:"class,omitempty"`
	Language  string    `json:"language,omitempty"`
	Material  string    `json:"material,omitempty"`
	PriceFen  int64     `json:"price_fen,omitempty"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Parse returns the record's MARC as a marc.Record.
func (r Record) Parse() (*marc.Record, error) { return marc.Unmarshal(r.MARC) }

// summary is what the audit log keeps of a record.
func (r Record) summary() map[string]any {
	return map[string]any{"title": r.Title, "author": r.Author, "isbn": r.ISBN, "class": r.Class, "year": r.Year, "version": r.Version}
}

const recordColumns = `id, format, marc, title, sort_title, author, publisher, pub_year, edition, isbn, issn, class, language, material, price_fen, version, created_at, updated_at`

func scanRecord(sc interface{ Scan(...any) error }) (Record, error) {
	var r Record
	err := sc.Scan(&r.ID, &r.Format, &r.MARC, &r.Title, &r.SortTitle, &r.Author, &r.Publisher, &r.Year, &r.Edition,
		&r.ISBN, &r.ISSN, &r.Class, &r.Language, &r.Material, &r.PriceFen, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

func getRecord(tx *db.Tx, id int64) (Record, error) {
	r, err := scanRecord(tx.QueryRow(`SELECT `+recordColumns+` FROM bib_records WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Record{}, notFound("error.record_not_found", "ID", id)
	}
	return r, err
}

// encode prepares a MARC record for storage: it is written as ISO 2709
// (UTF-8) and read back, so that what is stored is exactly what the codec
// round-trips, and its fields are derived.
func encode(m *marc.Record) ([]byte, derived, error) {
	raw, err := marc.Marshal(m)
	if err != nil {
		return nil, derived{}, apperr.New(apperr.Invalid, "error.marc_invalid", "Reason", err.Error()).WithField("marc")
	}
	back, err := marc.Unmarshal(raw)
	if err != nil {
		return nil, derived{}, apperr.New(apperr.Invalid, "error.marc_invalid", "Reason", err.Error()).WithField("marc")
	}
	d, err := derive(back)
	if err != nil {
		return nil, derived{}, err
	}
	return raw, d, nil
}

// CreateRecord stores a new bibliographic record (catalog.edit).
func (s *Service) CreateRecord(ctx context.Context, a auth.Actor, m *marc.Record) (Record, error) {
	if err := a.Require(auth.PermCatalogEdit); err != nil {
		return Record{}, err
	}
	raw, d, err := encode(m)
	if err != nil {
		return Record{}, err
	}
	var out Record
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		id, err := insertRecord(tx, raw, d)
		if err != nil {
			return err
		}
		if err := indexDerived(tx, id, d.Bib); err != nil {
			return err
		}
		if out, err = getRecord(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "record.create", "record", id, nil, out.summary())
	})
	if err != nil {
		return Record{}, fmt.Errorf("create record: %w", err)
	}
	return out, nil
}

func insertRecord(tx *db.Tx, raw []byte, d derived) (int64, error) {
	id, err := tx.Insert(`INSERT INTO bib_records (format, marc, title, sort_title, author, publisher, pub_year, edition, isbn, issn, class, language, material, dup_key, price_fen, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16)`,
		d.Format, raw, d.Title, d.SortTitle, d.Author, d.Publisher, d.Year, d.Edition, d.ISBN, d.ISSN, d.Class, d.Language, d.Material, d.DupKey, d.PriceFen, tx.Now)
	if err != nil {
		return 0, err
	}
	return id, insertISBNs(tx, id, d.ISBNs)
}

func insertISBNs(tx *db.Tx, id int64, isbns []string) error {
	seen := map[string]bool{}
	for _, n := range isbns {
		if seen[n] {
			continue
		}
		seen[n] = true
		if _, err := tx.Exec(`INSERT INTO bib_isbns (bib_id, isbn) VALUES ($1, $2)`, id, n); err != nil {
			return err
		}
	}
	return nil
}

// UpdateRecord replaces a record's MARC (catalog.edit). The previous version
// is kept. expectVersion, when not 0, must be the version the cataloguer
// edited: a record changed meanwhile by someone else is refused, not
// silently overwritten.
func (s *Service) UpdateRecord(ctx context.Context, a auth.Actor, id int64, m *marc.Record, expectVersion int) (Record, error) {
	if err := a.Require(auth.PermCatalogEdit); err != nil {
		return Record{}, err
	}
	raw, d, err := encode(m)
	if err != nil {
		return Record{}, err
	}
	var out Record
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		if expectVersion != 0 && before.Version != expectVersion {
			return apperr.New(apperr.Conflict, "error.record_changed", "Version", before.Version)
		}
		if err := overlay(tx, a, before, raw, d); err != nil {
			return err
		}
		if out, err = getRecord(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "record.update", "record", id, before.summary(), out.summary())
	})
	if err != nil {
		return Record{}, fmt.Errorf("update record %d: %w", id, err)
	}
	return out, nil
}

// overlay replaces the MARC of an existing record, keeping the old version.
func overlay(tx *db.Tx, a auth.Actor, before Record, raw []byte, d derived) error {
	if _, err := tx.Exec(`INSERT INTO bib_versions (bib_id, version, marc, saved_at, saved_by) VALUES ($1, $2, $3, $4, $5)`,
		before.ID, before.Version, before.MARC, tx.Now, a.Name); err != nil {
		return err
	}
	if _, err := tx.Exec(`UPDATE bib_records SET format = $1, marc = $2, title = $3, sort_title = $4, author = $5, publisher = $6,
		pub_year = $7, edition = $8, isbn = $9, issn = $10, class = $11, language = $12, material = $13, dup_key = $14,
		price_fen = $15, version = version + 1, updated_at = $16 WHERE id = $17`,
		d.Format, raw, d.Title, d.SortTitle, d.Author, d.Publisher, d.Year, d.Edition, d.ISBN, d.ISSN, d.Class,
		d.Language, d.Material, d.DupKey, d.PriceFen, tx.Now, before.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(`DELETE FROM bib_isbns WHERE bib_id = $1`, before.ID); err != nil {
		return err
	}
	if err := insertISBNs(tx, before.ID, d.ISBNs); err != nil {
		return err
	}
	return indexDerived(tx, before.ID, d.Bib)
}

// GetRecord returns one record (catalog.view).
func (s *Service) GetRecord(ctx context.Context, a auth.Actor, id int64) (Record, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return Record{}, err
	}
	var r Record
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { r, err = getRecord(tx, id); return })
	return r, err
}

// RecordVersion is an earlier version of a record's MARC.
type RecordVersion struct {
	Version int       `json:"version"`
	SavedAt time.Time `json:"saved_at"`
	SavedBy string    `json:"saved_by"`
	MARC    []byte    `json:"-"`
}

// RecordVersions lists the earlier versions of a record, newest first.
func (s *Service) RecordVersions(ctx context.Context, a auth.Actor, id int64) ([]RecordVersion, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	var out []RecordVersion
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT version, saved_at, saved_by, marc FROM bib_versions WHERE bib_id = $1 ORDER BY version DESC`, id)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (RecordVersion, error) {
			var v RecordVersion
			err := r.Scan(&v.Version, &v.SavedAt, &v.SavedBy, &v.MARC)
			v.SavedAt = v.SavedAt.UTC()
			return v, err
		})
		return err
	})
	return out, err
}

// RecordFilter selects records for a list. Zero fields select everything.
type RecordFilter struct {
	Since    time.Time // changed at or after
	ClassPfx string    // class number prefix
	AfterID  int64     // paging: records with a larger id
	Limit    int       // default 50, at most 1000
	// Newest lists the most recently changed records first (AfterID is
	// then ignored).
	Newest bool
}

// ListRecords lists records by id, or the most recently changed first
// (catalog.view).
func (s *Service) ListRecords(ctx context.Context, a auth.Actor, f RecordFilter) ([]Record, error) {
	if err := a.Require(auth.PermCatalogView); err != nil {
		return nil, err
	}
	q := `SELECT ` + recordColumns + ` FROM bib_records WHERE id > $1`
	args := []any{f.AfterID}
	if !f.Since.IsZero() {
		args = append(args, f.Since.UTC())
		q += ` AND updated_at >= $` + strconv.Itoa(len(args))
	}
	if f.ClassPfx != "" {
		args = append(args, escapeLike(f.ClassPfx)+"%")
		q += ` AND class LIKE $` + strconv.Itoa(len(args)) + ` ESCAPE '\'`
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	if limit > 1000 {
		limit = 1000
	}
	if f.Newest {
		q += ` ORDER BY updated_at DESC, id DESC LIMIT ` + strconv.Itoa(limit)
		args[0] = 0
	} else {
		q += ` ORDER BY id LIMIT ` + strconv.Itoa(limit)
	}
	var out []Record
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(q, args...)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Record, error) { return scanRecord(r) })
		return err
	})
	return out, err
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// DeleteRecord deletes a record that has no items left (catalog.edit).
func (s *Service) DeleteRecord(ctx context.Context, a auth.Actor, id int64) error {
	if err := a.Require(auth.PermCatalogEdit); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getRecord(tx, id)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM items WHERE bib_id = $1`, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return apperr.New(apperr.Conflict, "error.record_has_items", "Count", n)
		}
		if err := deleteRecord(tx, id, 0); err != nil {
			return err
		}
		return auth.Audit(tx, a, "record.delete", "record", id, before.summary(), nil)
	})
}

func deleteRecord(tx *db.Tx, id, mergedInto int64) error {
	var into any
	if mergedInto != 0 {
		into = mergedInto
	}
	if err := search.Delete(tx, id); err != nil {
		return err
	}
	search.Touch(tx, id)
	if _, err := tx.Exec(`DELETE FROM bib_records WHERE id = $1`, id); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO bib_tombstones (bib_id, deleted_at, merged_into) VALUES ($1, $2, $3)`, id, tx.Now, into)
	return err
}

// MergeRecords moves every item of the records in others to keep and
// deletes them (catalog.edit): the usual repair for duplicates.
func (s *Service) MergeRecords(ctx context.Context, a auth.Actor, keep int64, others []int64) (Record, error) {
	if err := a.Require(auth.PermCatalogEdit); err != nil {
		return Record{}, err
	}
	var out Record
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var err error
		if out, err = getRecord(tx, keep); err != nil {
			return err
		}
		moved := 0
		for _, id := range others {
			if id == keep {
				return invalid("error.merge_into_itself", "records")
			}
			if _, err := getRecord(tx, id); err != nil {
				return err
			}
			n, err := tx.ExecAffected(`UPDATE items SET bib_id = $1, updated_at = $2 WHERE bib_id = $3`, keep, tx.Now, id)
			if err != nil {
				return err
			}
			moved += int(n)
			if err := deleteRecord(tx, id, keep); err != nil {
				return err
			}
		}
		if err := reindex(tx, keep); err != nil {
			return err
		}
		return auth.Audit(tx, a, "record.merge", "record", keep, map[string]any{"merged": others}, map[string]any{"items_moved": moved})
	})
	return out, err
}
