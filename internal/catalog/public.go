package catalog

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/db"
)

// This file holds the reads of the public catalogue (OPAC): the catalogue is
// public, so they take no actor and check no permission, and they show
// nothing a reader should not see (no withdrawn copies, no prices or
// accession numbers are needed by the pages, though Item carries them).

// PublicRecord returns a record and its copies that are not withdrawn, in
// shelf order, for the public record page. A record that is not in the
// catalogue is error.record_not_found; Tombstone tells whether it was merged
// or deleted.
func (s *Service) PublicRecord(ctx context.Context, id int64) (Record, []Item, error) {
	var rec Record
	var items []Item
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		if rec, err = getRecord(tx, id); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT `+itemColumns+itemFrom+` WHERE i.bib_id = $1 AND i.status <> 'withdrawn'
			ORDER BY l.branch_code, i.call_sort, i.copy_no, i.id`, id)
		items, err = db.Collect(rows, err, func(r *sql.Rows) (Item, error) { return scanItem(r) })
		return err
	})
	return rec, items, err
}

// Tombstone is what remains of a record that left the catalogue.
type Tombstone struct {
	RecordID  int64     `json:"record_id"`
	DeletedAt time.Time `json:"deleted_at"`
	// MergedInto is the record that holds what the record became: the
	// record it was merged into or, when that one was merged again later,
	// the end of that chain. 0 when the record was deleted (or the record it
	// was merged into was deleted later).
	MergedInto int64 `json:"merged_into,omitempty"`
}

// maxMergeHops bounds the chain of merges Tombstone follows.
const maxMergeHops = 32

// Tombstone tells what became of a record id that is no longer in the
// catalogue, for permanent links: merged (redirect) or deleted (gone).
// An id that never was a record, or that is still one, is
// error.record_not_found.
func (s *Service) Tombstone(ctx context.Context, id int64) (Tombstone, error) {
	var t Tombstone
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		t, err = tombstone(tx, id)
		return err
	})
	return t, err
}

func tombstone(tx *db.Tx, id int64) (Tombstone, error) {
	t := Tombstone{RecordID: id}
	var into sql.NullInt64
	err := tx.QueryRow(`SELECT deleted_at, merged_into FROM bib_tombstones WHERE bib_id = $1`, id).Scan(&t.DeletedAt, &into)
	if errors.Is(err, sql.ErrNoRows) {
		return t, notFound("error.record_not_found", "ID", id)
	}
	if err != nil {
		return t, err
	}
	t.DeletedAt = t.DeletedAt.UTC()
	for cur, hops := into.Int64, 0; cur != 0 && hops < maxMergeHops; hops++ {
		var one int
		err := tx.QueryRow(`SELECT 1 FROM bib_records WHERE id = $1`, cur).Scan(&one)
		if err == nil {
			t.MergedInto = cur
			break
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return t, err
		}
		var next sql.NullInt64
		err = tx.QueryRow(`SELECT merged_into FROM bib_tombstones WHERE bib_id = $1`, cur).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return t, err
		}
		cur = next.Int64
	}
	return t, nil
}

// Brief is what a list of records shows of each.
type Brief struct {
	ID        int64  `json:"id"`
	Title     string `json:"title"`
	Author    string `json:"author"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
	Class     string `json:"class,omitempty"`
}

// Briefs returns, inside tx, the briefs of the records ids, keyed by the id
// asked for (for other capabilities: reading lists). An id that was merged
// into another record gives the brief of that record (whose ID differs); an
// id deleted, or never a record, is absent.
func Briefs(tx *db.Tx, ids []int64) (map[int64]Brief, error) {
	out := map[int64]Brief{}
	if len(ids) == 0 {
		return out, nil
	}
	found, err := briefsByID(tx, ids)
	if err != nil {
		return nil, err
	}
	var moved []int64
	into := map[int64]int64{}
	for _, id := range ids {
		if b, ok := found[id]; ok {
			out[id] = b
			continue
		}
		t, err := tombstone(tx, id)
		if err == nil && t.MergedInto != 0 {
			into[id] = t.MergedInto
			moved = append(moved, t.MergedInto)
		} else if err != nil && !apperr.Is(err, apperr.NotFound) {
			return nil, err
		}
	}
	if len(moved) > 0 {
		targets, err := briefsByID(tx, moved)
		if err != nil {
			return nil, err
		}
		for id, to := range into {
			if b, ok := targets[to]; ok {
				out[id] = b
			}
		}
	}
	return out, nil
}

// briefsByID reads the briefs of the records among ids that exist.
func briefsByID(tx *db.Tx, ids []int64) (map[int64]Brief, error) {
	out := map[int64]Brief{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		ph := make([]string, len(chunk))
		args := make([]any, len(chunk))
		for i, id := range chunk {
			ph[i], args[i] = "$"+itoa(i+1), id
		}
		rows, err := tx.Query(`SELECT id, title, author, publisher, pub_year, class FROM bib_records WHERE id IN (`+strings.Join(ph, ", ")+`)`, args...)
		list, err := db.Collect(rows, err, func(r *sql.Rows) (Brief, error) {
			var b Brief
			return b, r.Scan(&b.ID, &b.Title, &b.Author, &b.Publisher, &b.Year, &b.Class)
		})
		if err != nil {
			return nil, err
		}
		for _, b := range list {
			out[b.ID] = b
		}
	}
	return out, nil
}

// ClassCaptions returns the captions of class numbers (main class letters
// or any class) from the loaded classification table, for facets and
// displays; numbers the table lacks are absent.
func (s *Service) ClassCaptions(ctx context.Context, codes []string) (map[string]string, error) {
	out := map[string]string{}
	if len(codes) == 0 {
		return out, nil
	}
	if len(codes) > 500 {
		codes = codes[:500]
	}
	ph := make([]string, len(codes))
	args := make([]any, len(codes))
	for i, c := range codes {
		ph[i], args[i] = "$"+itoa(i+1), c
	}
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT code, caption FROM clc_classes WHERE code IN (`+strings.Join(ph, ", ")+`)`, args...)
		list, err := db.Collect(rows, err, func(r *sql.Rows) ([2]string, error) {
			var p [2]string
			return p, r.Scan(&p[0], &p[1])
		})
		for _, p := range list {
			out[p[0]] = p[1]
		}
		return err
	})
	return out, err
}
