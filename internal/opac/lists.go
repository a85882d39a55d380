package opac

import (
	"context"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
)

// Each method below is one business operation: one transaction, the
// permission opac.manage and an audit entry (entity "reading_list").

// change runs fn on list id, locked, inside one write transaction, and
// audits it as action with the list's summary before and after; fn returns
// the audit details of the change (nil for none).
func (s *Service) change(ctx context.Context, a auth.Actor, id int64, action string, fn func(tx *db.Tx, l *List) (map[string]any, error)) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	var out List
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getList(tx, id, true)
		if err != nil {
			return err
		}
		l := before
		details, err := fn(tx, &l)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE reading_lists SET updated_at = $1 WHERE id = $2`, tx.Now, id); err != nil {
			return err
		}
		if out, err = getList(tx, id, false); err != nil {
			return err
		}
		after := out.summary()
		for k, v := range details {
			after[k] = v
		}
		return auth.Audit(tx, a, action, "reading_list", id, before.summary(), after)
	})
	return out, err
}

// CreateList starts a new list, not yet published.
func (s *Service) CreateList(ctx context.Context, a auth.Actor, in ListInput) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	in, err := in.clean()
	if err != nil {
		return List{}, err
	}
	var out List
	err = s.db.Write(ctx, func(tx *db.Tx) error {
		id, err := tx.Insert(`INSERT INTO reading_lists (title_zh, title_en, description_zh, description_en, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)`, in.TitleZH, in.TitleEN, in.DescriptionZH, in.DescriptionEN, tx.Now)
		if err != nil {
			return err
		}
		if out, err = getList(tx, id, false); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reading_list.create", "reading_list", id, nil, out.summary())
	})
	return out, err
}

// UpdateList changes a list's titles and descriptions.
func (s *Service) UpdateList(ctx context.Context, a auth.Actor, id int64, in ListInput) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	in, err := in.clean()
	if err != nil {
		return List{}, err
	}
	return s.change(ctx, a, id, "reading_list.update", func(tx *db.Tx, l *List) (map[string]any, error) {
		_, err := tx.Exec(`UPDATE reading_lists SET title_zh = $1, title_en = $2, description_zh = $3, description_en = $4 WHERE id = $5`,
			in.TitleZH, in.TitleEN, in.DescriptionZH, in.DescriptionEN, id)
		return nil, err
	})
}

// Publish shows a list in the public catalogue (published true) or takes
// it back (false). Publishing again moves the list to the top of the
// public catalogue's lists.
func (s *Service) Publish(ctx context.Context, a auth.Actor, id int64, published bool) (List, error) {
	action := "reading_list.unpublish"
	if published {
		action = "reading_list.publish"
	}
	return s.change(ctx, a, id, action, func(tx *db.Tx, l *List) (map[string]any, error) {
		var err error
		if published {
			_, err = tx.Exec(`UPDATE reading_lists SET published = $1, published_at = $2 WHERE id = $3`, true, tx.Now, id)
		} else {
			_, err = tx.Exec(`UPDATE reading_lists SET published = $1 WHERE id = $2`, false, id)
		}
		return nil, err
	})
}

// DeleteList deletes a list and its entries.
func (s *Service) DeleteList(ctx context.Context, a auth.Actor, id int64) error {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return err
	}
	return s.db.Write(ctx, func(tx *db.Tx) error {
		before, err := getList(tx, id, true)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM reading_list_entries WHERE list_id = $1`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM reading_lists WHERE id = $1`, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "reading_list.delete", "reading_list", id, before.summary(), nil)
	})
}

// AddEntry puts a catalogue record at the end of a list with a note. A
// record that was merged into another is added as that other record.
func (s *Service) AddEntry(ctx context.Context, a auth.Actor, listID, recordID int64, note string) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	note, err := cleanNote(note)
	if err != nil {
		return List{}, err
	}
	return s.change(ctx, a, listID, "reading_list.entry_add", func(tx *db.Tx, l *List) (map[string]any, error) {
		briefs, err := catalog.Briefs(tx, []int64{recordID})
		if err != nil {
			return nil, err
		}
		b, ok := briefs[recordID]
		if !ok {
			return nil, apperr.New(apperr.Invalid, "error.record_not_found", "ID", recordID).WithField("record")
		}
		if l.Count >= MaxEntries {
			return nil, invalid("error.list_full", "record", "Max", MaxEntries)
		}
		for _, e := range l.Entries {
			if e.RecordID == b.ID || e.Record.ID == b.ID {
				return nil, apperr.New(apperr.Conflict, "error.list_entry_exists", "Title", b.Title).WithField("record")
			}
		}
		_, err = tx.Exec(`INSERT INTO reading_list_entries (list_id, record_id, position, note, added_at) VALUES ($1, $2, $3, $4, $5)`,
			listID, b.ID, len(l.Entries)+1, note, tx.Now)
		return map[string]any{"record": b.ID}, err
	})
}

// entryIndex finds a record's entry in a list.
func entryIndex(l *List, recordID int64) (int, error) {
	for i, e := range l.Entries {
		if e.RecordID == recordID {
			return i, nil
		}
	}
	return 0, apperr.New(apperr.NotFound, "error.list_entry_not_found", "ID", recordID)
}

// RemoveEntry takes a record off a list.
func (s *Service) RemoveEntry(ctx context.Context, a auth.Actor, listID, recordID int64) (List, error) {
	return s.change(ctx, a, listID, "reading_list.entry_remove", func(tx *db.Tx, l *List) (map[string]any, error) {
		i, err := entryIndex(l, recordID)
		if err != nil {
			return nil, err
		}
		if _, err := tx.Exec(`DELETE FROM reading_list_entries WHERE list_id = $1 AND record_id = $2`, listID, recordID); err != nil {
			return nil, err
		}
		rest := append(append([]Entry(nil), l.Entries[:i]...), l.Entries[i+1:]...)
		return map[string]any{"record": recordID}, renumber(tx, listID, rest)
	})
}

// MoveEntry moves a record to position to (1-based; positions beyond the
// ends move it to the end it is closest to).
func (s *Service) MoveEntry(ctx context.Context, a auth.Actor, listID, recordID int64, to int) (List, error) {
	return s.change(ctx, a, listID, "reading_list.entry_move", func(tx *db.Tx, l *List) (map[string]any, error) {
		i, err := entryIndex(l, recordID)
		if err != nil {
			return nil, err
		}
		to = min(max(to, 1), len(l.Entries))
		e := l.Entries[i]
		rest := append(append([]Entry(nil), l.Entries[:i]...), l.Entries[i+1:]...)
		order := append(append(append([]Entry(nil), rest[:to-1]...), e), rest[to-1:]...)
		return map[string]any{"record": recordID, "position": to}, renumber(tx, listID, order)
	})
}

// SetEntryNote changes the note of a record on a list.
func (s *Service) SetEntryNote(ctx context.Context, a auth.Actor, listID, recordID int64, note string) (List, error) {
	if err := a.Require(auth.PermOPACManage); err != nil {
		return List{}, err
	}
	note, err := cleanNote(note)
	if err != nil {
		return List{}, err
	}
	return s.change(ctx, a, listID, "reading_list.entry_note", func(tx *db.Tx, l *List) (map[string]any, error) {
		if _, err := entryIndex(l, recordID); err != nil {
			return nil, err
		}
		_, err := tx.Exec(`UPDATE reading_list_entries SET note = $1 WHERE list_id = $2 AND record_id = $3`, note, listID, recordID)
		return map[string]any{"record": recordID, "note": note}, err
	})
}

// renumber gives the entries positions 1, 2, … in the order given.
func renumber(tx *db.Tx, listID int64, order []Entry) error {
	for i, e := range order {
		if e.Position == i+1 {
			continue
		}
		if _, err := tx.Exec(`UPDATE reading_list_entries SET position = $1 WHERE list_id = $2 AND record_id = $3`, i+1, listID, e.RecordID); err != nil {
			return err
		}
	}
	return nil
}
