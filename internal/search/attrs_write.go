package search

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"lantai.dev/lantai/internal/db"
)

// touched is the set of records whose slots a transaction rewrites before
// it commits.
type touched struct {
	ids map[int64]struct{}
}

// Touch marks records whose attributes (year, material, language, class,
// items and their branches and availability, loans) may have changed in
// tx: their slots are rewritten, in one pass and in chunk order, just
// before tx commits. Every change of a record or of an item calls it; a
// deleted record's slot is emptied.
func Touch(tx *db.Tx, ids ...int64) {
	t := tx.Local("search attributes to rewrite", func() any {
		t := &touched{ids: map[int64]struct{}{}}
		tx.BeforeCommit(func(tx *db.Tx) error {
			list := make([]int64, 0, len(t.ids))
			for id := range t.ids {
				list = append(list, id)
			}
			clear(t.ids)
			return writeAttrs(tx, list)
		})
		return t
	}).(*touched)
	for _, id := range ids {
		t.ids[id] = struct{}{}
	}
}

// readAttrs reads the attributes of records ids (sorted) from the
// catalogue tables, interning codes as needed. Records that do not exist
// get an empty slot.
func readAttrs(tx *db.Tx, c *codes, ids []int64) (map[int64]*attr, error) {
	out := make(map[int64]*attr, len(ids))
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		var args []any
		type bibRow struct {
			id                        int64
			year                      int
			material, language, class string
			loans                     int64
		}
		rows, err := tx.Query(`SELECT id, pub_year, material, language, main_class, loans FROM bib_records WHERE `+inList("id", &args, part), args...)
		bibs, err := db.Collect(rows, err, func(r *sql.Rows) (bibRow, error) {
			var b bibRow
			return b, r.Scan(&b.id, &b.year, &b.material, &b.language, &b.class, &b.loans)
		})
		if err != nil {
			return nil, fmt.Errorf("read record attributes: %w", err)
		}
		for _, b := range bibs {
			a := &attr{present: true, class: mainClass(b.class), loans: uint32(min(max(b.loans, 0), 1<<32-1))}
			if b.year > 0 && b.year <= 0xFFFF {
				a.year = uint16(b.year)
			}
			if a.material, err = c.intern(tx, kindMaterial, b.material); err != nil {
				return nil, err
			}
			if a.language, err = c.intern(tx, kindLanguage, b.language); err != nil {
				return nil, err
			}
			out[b.id] = a
		}
		args = args[:0]
		type itemRow struct {
			bib            int64
			branch, status string
		}
		rows, err = tx.Query(`SELECT i.bib_id, l.branch_code, i.status FROM items i JOIN locations l ON l.code = i.location_code
			WHERE `+inList("i.bib_id", &args, part)+` AND i.status <> 'withdrawn'`, args...)
		items, err := db.Collect(rows, err, func(r *sql.Rows) (itemRow, error) {
			var it itemRow
			return it, r.Scan(&it.bib, &it.branch, &it.status)
		})
		if err != nil {
			return nil, fmt.Errorf("read item attributes: %w", err)
		}
		for _, it := range items {
			a := out[it.bib]
			if a == nil {
				continue
			}
			if err := a.addItem(tx, c, it.branch, it.status); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// addItem adds an item's branch (and its availability) to the masks.
func (a *attr) addItem(tx *db.Tx, c *codes, branch, status string) error {
	n, err := c.intern(tx, kindBranch, branch)
	if err != nil {
		return err
	}
	if n >= MaxFacetBranches {
		return nil
	}
	a.branches |= 1 << n
	if status == "available" {
		a.available |= 1 << n
	}
	return nil
}

// writeAttrs rewrites the slots of records ids from the catalogue tables.
func writeAttrs(tx *db.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	c, err := loadCodes(tx)
	if err != nil {
		return err
	}
	attrs, err := readAttrs(tx, c, ids)
	if err != nil {
		return err
	}
	// Chunk by chunk, in order (two transactions lock shared chunks in the
	// same order on PostgreSQL).
	for start := 0; start < len(ids); {
		ch := chunkOf(ids[start])
		end := start
		for end < len(ids) && chunkOf(ids[end]) == ch {
			end++
		}
		if err := patchChunk(tx, ch, ids[start:end], attrs); err != nil {
			return err
		}
		start = end
	}
	return nil
}

// patchChunk rewrites some slots of one chunk, creating the chunk first if
// it does not exist (so that the row can be locked while it is changed).
// On PostgreSQL a few slots are written each with one statement that
// locks, creates and patches the row in place (a loan touches one slot:
// one round trip instead of three).
func patchChunk(tx *db.Tx, ch int64, ids []int64, attrs map[int64]*attr) error {
	if tx.Dialect() == db.Postgres && len(ids) <= 4 {
		for _, id := range ids {
			a := attrs[id]
			if a == nil {
				a = &attr{}
			}
			slot := make([]byte, slotSize)
			a.put(slot)
			if _, err := tx.Exec(`INSERT INTO search_attrs (chunk, data)
				VALUES ($1, overlay(decode(repeat('00', `+itoa(chunkSize)+`), 'hex') placing $2 from $3 for `+itoa(slotSize)+`))
				ON CONFLICT (chunk) DO UPDATE SET data = overlay(search_attrs.data placing $2 from $3 for `+itoa(slotSize)+`)`,
				ch, slot, slotOf(id)+1); err != nil {
				return fmt.Errorf("search attributes chunk %d: %w", ch, err)
			}
		}
		return nil
	}
	if _, err := tx.Exec(`INSERT INTO search_attrs (chunk, data) VALUES ($1, $2) ON CONFLICT (chunk) DO NOTHING`, ch, make([]byte, chunkSize)); err != nil {
		return fmt.Errorf("search attributes chunk %d: %w", ch, err)
	}
	var data []byte
	if err := tx.QueryRow(`SELECT data FROM search_attrs WHERE chunk = $1`+tx.ForUpdate(), ch).Scan(&data); err != nil {
		return fmt.Errorf("search attributes chunk %d: %w", ch, err)
	}
	if len(data) != chunkSize {
		data = append(make([]byte, 0, chunkSize), data...)
		data = data[:chunkSize]
	}
	for _, id := range ids {
		a := attrs[id]
		if a == nil {
			a = &attr{}
		}
		a.put(data[slotOf(id):])
	}
	if _, err := tx.Exec(`UPDATE search_attrs SET data = $1 WHERE chunk = $2`, data, ch); err != nil {
		return fmt.Errorf("search attributes chunk %d: %w", ch, err)
	}
	return nil
}

// RebuildAttrs rewrites every slot from the catalogue tables in one
// transaction: for a database that predates the slots, and for recovery.
// It returns the number of records.
func RebuildAttrs(ctx context.Context, d *db.DB) (int, error) {
	n := 0
	err := d.Write(ctx, func(tx *db.Tx) error {
		var err error
		n, err = RebuildAttrsTx(tx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("rebuild search attributes: %w", err)
	}
	return n, nil
}

// RebuildAttrsTx is RebuildAttrs inside a transaction the caller holds.
func RebuildAttrsTx(tx *db.Tx) (int, error) {
	if _, err := tx.Exec(`DELETE FROM search_attrs`); err != nil {
		return 0, err
	}
	c, err := loadCodes(tx)
	if err != nil {
		return 0, err
	}
	return rebuild(tx, c)
}

// rebuild reads the records and their items into chunks, then writes the
// chunks (PostgreSQL cannot run a statement on a connection while another
// one's rows are open, so reading and writing do not overlap).
func rebuild(tx *db.Tx, c *codes) (int, error) {
	for _, k := range []struct{ kind, query string }{
		{kindMaterial, `SELECT DISTINCT material FROM bib_records`},
		{kindLanguage, `SELECT DISTINCT language FROM bib_records`},
		{kindBranch, `SELECT DISTINCT branch_code FROM locations ORDER BY branch_code`},
	} {
		rows, err := tx.Query(k.query)
		vals, err := db.Collect(rows, err, func(r *sql.Rows) (string, error) { var s string; return s, r.Scan(&s) })
		if err != nil {
			return 0, err
		}
		for _, v := range vals {
			if _, err := c.intern(tx, k.kind, v); err != nil {
				return 0, err
			}
		}
	}
	var maxID int64
	if err := tx.QueryRow(`SELECT COALESCE(MAX(id), 0) FROM bib_records`).Scan(&maxID); err != nil {
		return 0, err
	}
	chunks := make([][]byte, chunkOf(maxID)+1)
	slot := func(id int64) []byte {
		ch := chunkOf(id)
		if ch < 0 || ch >= int64(len(chunks)) {
			return nil
		}
		if chunks[ch] == nil {
			chunks[ch] = make([]byte, chunkSize)
		}
		return chunks[ch][slotOf(id):][:slotSize]
	}
	n := 0
	err := tx.Each(`SELECT id, pub_year, material, language, main_class, loans FROM bib_records`, func(r *sql.Rows) error {
		var id, year, loans int64
		var material, language, class string
		if err := r.Scan(&id, &year, &material, &language, &class, &loans); err != nil {
			return err
		}
		b := slot(id)
		if b == nil {
			return nil
		}
		a := attr{present: true, class: mainClass(class), loans: uint32(min(max(loans, 0), 1<<32-1))}
		if year > 0 && year <= 0xFFFF {
			a.year = uint16(year)
		}
		a.material, _ = c.lookup(kindMaterial, material)
		a.language, _ = c.lookup(kindLanguage, language)
		a.put(b)
		n++
		return nil
	})
	if err != nil {
		return 0, err
	}
	err = tx.Each(`SELECT i.bib_id, l.branch_code, i.status FROM items i JOIN locations l ON l.code = i.location_code WHERE i.status <> 'withdrawn'`, func(r *sql.Rows) error {
		var id int64
		var branch, status string
		if err := r.Scan(&id, &branch, &status); err != nil {
			return err
		}
		b := slot(id)
		if b == nil || b[offFlags]&1 == 0 {
			return nil
		}
		a := slotAttr(b)
		if bn, ok := c.lookup(kindBranch, branch); ok && bn < MaxFacetBranches {
			a.branches |= 1 << bn
			if status == "available" {
				a.available |= 1 << bn
			}
		}
		a.put(b)
		return nil
	})
	if err != nil {
		return 0, err
	}
	for ch, data := range chunks {
		if data == nil {
			continue
		}
		if _, err := tx.Exec(`INSERT INTO search_attrs (chunk, data) VALUES ($1, $2)`, int64(ch), data); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// EnsureAttrs builds the slots when the catalogue has records and none has
// a slot yet (a database from before the slots existed). It is run when
// the server starts; it returns how many records it wrote (0 when nothing
// had to be done).
func EnsureAttrs(ctx context.Context, d *db.DB) (int, error) {
	var need bool
	err := d.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM bib_records) AND NOT EXISTS (SELECT 1 FROM search_attrs)`).Scan(&need)
	})
	if err != nil || !need {
		return 0, err
	}
	return RebuildAttrs(ctx, d)
}
