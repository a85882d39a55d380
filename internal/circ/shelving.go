package circ

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// ShelvingEntry is a returned item waiting to go back on its shelves.
type ShelvingEntry struct {
	ItemID     int64     `json:"item_id"`
	Barcode    string    `json:"barcode"`
	Title      string    `json:"title"`
	CallNumber string    `json:"call_number,omitempty"`
	Location   string    `json:"location"`
	AddedAt    time.Time `json:"added_at"`
	AddedBy    string    `json:"added_by"`
}

// toShelve puts an item in the shelving queue of its location, unless it
// is there already.
func toShelve(tx *db.Tx, a auth.Actor, it item) error {
	_, err := tx.Exec(`INSERT INTO shelving_queue (item_id, location_code, added_at, added_by)
		SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM shelving_queue WHERE item_id = $1 AND shelved_at IS NULL)`,
		it.ID, it.Location, tx.Now, actorName(a))
	if err != nil {
		return fmt.Errorf("shelving queue: item %d: %w", it.ID, err)
	}
	return nil
}

// offShelvingQueue takes an item out of the shelving queue: it was
// shelved, lent from the returns cart, or set aside for a hold.
func offShelvingQueue(tx *db.Tx, a auth.Actor, itemID int64) error {
	_, err := tx.Exec(`UPDATE shelving_queue SET shelved_at = $1, shelved_by = $2 WHERE item_id = $3 AND shelved_at IS NULL`,
		tx.Now, actorName(a), itemID)
	if err != nil {
		return fmt.Errorf("shelving queue: item %d: %w", itemID, err)
	}
	return nil
}

// ShelvingQueue lists the items waiting to be shelved at a location (at
// every location when location is ""), in call-number order.
func (s *Service) ShelvingQueue(ctx context.Context, a auth.Actor, location string) ([]ShelvingEntry, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	var out []ShelvingEntry
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT q.item_id, i.barcode, b.title, i.call_number, q.location_code, q.added_at, q.added_by
			FROM shelving_queue q JOIN items i ON i.id = q.item_id JOIN bib_records b ON b.id = i.bib_id
			WHERE q.shelved_at IS NULL AND ($1 = '' OR q.location_code = $1) ORDER BY q.location_code, i.call_sort, i.barcode`, location)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (ShelvingEntry, error) {
			var e ShelvingEntry
			err := r.Scan(&e.ItemID, &e.Barcode, &e.Title, &e.CallNumber, &e.Location, &e.AddedAt, &e.AddedBy)
			e.AddedAt = e.AddedAt.UTC()
			return e, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("shelving queue %q: %w", location, err)
	}
	return out, nil
}

// MarkShelved records that items of the shelving queue are back on their
// shelves (circ.checkin): the given items, or every item of location when
// itemIDs is empty. It returns how many left the queue.
func (s *Service) MarkShelved(ctx context.Context, a auth.Actor, location string, itemIDs []int64) (int, error) {
	if err := staff(a, auth.PermCircCheckin); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		n = 0
		if len(itemIDs) == 0 {
			if location == "" {
				return invalid("error.circ_location_unknown", "location", "Code", location)
			}
			var err error
			n, err = tx.ExecAffected(`UPDATE shelving_queue SET shelved_at = $1, shelved_by = $2
				WHERE location_code = $3 AND shelved_at IS NULL`, tx.Now, actorName(a), location)
			if err != nil {
				return err
			}
		}
		for _, id := range itemIDs {
			m, err := tx.ExecAffected(`UPDATE shelving_queue SET shelved_at = $1, shelved_by = $2
				WHERE item_id = $3 AND shelved_at IS NULL AND ($4 = '' OR location_code = $4)`, tx.Now, actorName(a), id, location)
			if err != nil {
				return err
			}
			n += m
		}
		return auth.Audit(tx, a, "shelving.done", "location", location, nil, map[string]any{"items": itemIDs, "count": n})
	})
	if err != nil {
		return 0, fmt.Errorf("mark shelved at %q: %w", location, err)
	}
	return int(n), nil
}

// RepairEntry is an item in repair with the damage noted when it was sent.
type RepairEntry struct {
	ItemID     int64     `json:"item_id"`
	Barcode    string    `json:"barcode"`
	Title      string    `json:"title"`
	CallNumber string    `json:"call_number,omitempty"`
	Branch     string    `json:"branch"`
	Note       string    `json:"note"`
	NotedAt    time.Time `json:"noted_at"`
	NotedBy    string    `json:"noted_by"`
}

// RepairQueue lists the items in repair (status in_repair) of a branch
// (every branch when branch is "") with their latest damage note, oldest
// first. An item comes back from repair by a checkin, which routes it.
func (s *Service) RepairQueue(ctx context.Context, a auth.Actor, branch string) ([]RepairEntry, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	var out []RepairEntry
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT i.id, i.barcode, b.title, i.call_number, l.branch_code, d.note, d.at, d.actor_name
			FROM items i JOIN bib_records b ON b.id = i.bib_id JOIN locations l ON l.code = i.location_code
			JOIN damage_notes d ON d.id = (SELECT MAX(x.id) FROM damage_notes x WHERE x.item_id = i.id)
			WHERE i.status = 'in_repair' AND ($1 = '' OR l.branch_code = $1) ORDER BY d.at, i.id`, branch)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (RepairEntry, error) {
			var e RepairEntry
			err := r.Scan(&e.ItemID, &e.Barcode, &e.Title, &e.CallNumber, &e.Branch, &e.Note, &e.NotedAt, &e.NotedBy)
			e.NotedAt = e.NotedAt.UTC()
			return e, err
		})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("repair queue %q: %w", branch, err)
	}
	return out, nil
}
