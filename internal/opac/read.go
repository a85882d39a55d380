package opac

import (
	"context"
	"database/sql"
	"errors"
	"strconv"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

const listColumns = `l.id, l.title_zh, l.title_en, l.description_zh, l.description_en, l.published, l.published_at, l.created_at, l.updated_at,
	(SELECT COUNT(*) FROM reading_list_entries e WHERE e.list_id = l.id)`

func scanList(sc interface{ Scan(...any) error }) (List, error) {
	var l List
	var pub db.Time
	err := sc.Scan(&l.ID, &l.TitleZH, &l.TitleEN, &l.DescriptionZH, &l.DescriptionEN, &l.Published, &pub, &l.CreatedAt, &l.UpdatedAt, &l.Count)
	l.PublishedAt, l.CreatedAt, l.UpdatedAt = pub.Ptr(), l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	if l.PublishedAt != nil {
		t := l.PublishedAt.UTC()
		l.PublishedAt = &t
	}
	return l, err
}

// getList reads one list with its entries; lock takes the list's row for
// the rest of a write transaction, so that changes to one list never
// interleave.
func getList(tx *db.Tx, id int64, lock bool) (List, error) {
	q := `SELECT ` + listColumns + ` FROM reading_lists l WHERE l.id = $1`
	if lock {
		q += tx.ForUpdate()
	}
	l, err := scanList(tx.QueryRow(q, id))
	if errors.Is(err, sql.ErrNoRows) {
		return List{}, listNotFound(id)
	}
	if err != nil {
		return List{}, err
	}
	l.Entries, err = entries(tx, id)
	return l, err
}

// entries reads a list's entries in order with what the catalogue says of
// their records.
func entries(tx *db.Tx, listID int64) ([]Entry, error) {
	rows, err := tx.Query(`SELECT record_id, position, note, added_at FROM reading_list_entries WHERE list_id = $1 ORDER BY position, added_at`, listID)
	out, err := db.Collect(rows, err, func(r *sql.Rows) (Entry, error) {
		var e Entry
		err := r.Scan(&e.RecordID, &e.Position, &e.Note, &e.AddedAt)
		e.AddedAt = e.AddedAt.UTC()
		return e, err
	})
	if err != nil || len(out) == 0 {
		return out, err
	}
	ids := make([]int64, len(out))
	for i, e := range out {
		ids[i] = e.RecordID
	}
	briefs, err := catalog.Briefs(tx, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		b, ok := briefs[out[i].RecordID]
		out[i].Record, out[i].Gone = b, !ok
	}
	return out, nil
}

// Lists returns every list, the most recently changed first (opac.manage).
func (s *Service) Lists(ctx context.Context, a auth.Actor) ([]List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return nil, err
	}
	var out []List
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT ` + listColumns + ` FROM reading_lists l ORDER BY l.updated_at DESC, l.id DESC`)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (List, error) { return scanList(r) })
		return err
	})
	return out, err
}

// List returns one list with all its entries, including those whose
// record has left the catalogue (opac.manage).
func (s *Service) List(ctx context.Context, a auth.Actor, id int64) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	var l List
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		l, err = getList(tx, id, false)
		return err
	})
	return l, err
}

// PublishedLists returns up to limit published lists, the most recently
// published first, without their entries. It is public: the catalogue's
// home page shows them to everyone.
func (s *Service) PublishedLists(ctx context.Context, limit int) ([]List, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []List
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT ` + listColumns + ` FROM reading_lists l WHERE l.published
			ORDER BY l.published_at DESC, l.id DESC LIMIT ` + strconv.Itoa(limit))
		out, err = db.Collect(rows, err, func(r *sql.Rows) (List, error) { return scanList(r) })
		return err
	})
	return out, err
}

// PublishedList returns a published list with the entries whose record is
// in the catalogue. It is public; a list that is not published is not
// found, as if it did not exist.
func (s *Service) PublishedList(ctx context.Context, id int64) (List, error) {
	var l List
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		var err error
		l, err = getList(tx, id, false)
		return err
	})
	if err != nil {
		return List{}, err
	}
	if !l.Published {
		return List{}, listNotFound(id)
	}
	kept := l.Entries[:0]
	for _, e := range l.Entries {
		if !e.Gone {
			kept = append(kept, e)
		}
	}
	l.Entries, l.Count = kept, len(kept)
	return l, nil
}
