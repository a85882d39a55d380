package circ

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/db"
)

// HoldStatus is where a hold stands.
type HoldStatus string

// The hold statuses. Placed, waiting and ready holds are active.
const (
	HoldPlaced    HoldStatus = "placed"    // in the queue
	HoldWaiting   HoldStatus = "waiting"   // an item is trapped for it and in transit to the pickup branch
	HoldReady     HoldStatus = "ready"     // the item waits on the hold shelf until PickupDeadline
	HoldFulfilled HoldStatus = "fulfilled" // the reader borrowed it (LoanID)
	HoldCancelled HoldStatus = "cancelled"
	HoldExpired   HoldStatus = "expired" // not needed after ExpiresOn, or not collected in time
)

// Active reports whether the hold is still in the queue or has an item.
func (s HoldStatus) Active() bool { return s == HoldPlaced || s == HoldWaiting || s == HoldReady }

// Hold is a reader's hold 预约 on a record (any copy) or on one item.
type Hold struct {
	ID         int64  `json:"id"`
	ReaderID   int64  `json:"reader_id,omitempty"` // 0 once a closed hold is anonymised
	ReaderName string `json:"reader_name,omitempty"`
	CardNumber string `json:"card_number,omitempty"`
	RecordID   int64  `json:"record_id"`
	Title      string `json:"title"`
	// ItemID and Barcode name the item of an item-level hold (0, "" for
	// any copy).
	ItemID       int64      `json:"item_id,omitempty"`
	Barcode      string     `json:"barcode,omitempty"`
	PickupBranch string     `json:"pickup_branch"`
	Status       HoldStatus `json:"status"`
	PlacedAt     time.Time  `json:"placed_at"`
	// ExpiresOn is the last day the reader wants the item (YYYY-MM-DD).
	ExpiresOn string `json:"expires_on,omitempty"`
	// TrappedItemID and TrappedBarcode name the item set aside for the
	// hold (waiting, ready, and kept once fulfilled or expired).
	TrappedItemID  int64      `json:"trapped_item_id,omitempty"`
	TrappedBarcode string     `json:"trapped_barcode,omitempty"`
	TrappedAt      *time.Time `json:"trapped_at,omitempty"`
	ReadyAt        *time.Time `json:"ready_at,omitempty"`
	PickupDeadline *time.Time `json:"pickup_deadline,omitempty"`
	ClosedAt       *time.Time `json:"closed_at,omitempty"`
	LoanID         int64      `json:"loan_id,omitempty"`
	Note           string     `json:"note,omitempty"`
	// Position is the hold's place in the queue of its record (1: next
	// to be served) while it is placed, else 0.
	Position int `json:"position,omitempty"`
}

// holdColumns computes the queue position of a placed hold: one more than
// the placed holds of the same record placed before it that compete for
// the same copies (an item-level hold competes only for its item).
const holdColumns = `h.id, COALESCE(h.reader_id, 0), COALESCE(r.name, ''), COALESCE(r.card_number, ''), h.bib_id, b.title,
	COALESCE(h.item_id, 0), COALESCE(hi.barcode, ''), h.pickup_branch, h.status, h.placed_at, h.expires_on,
	COALESCE(h.trapped_item_id, 0), COALESCE(ti.barcode, ''), h.trapped_at, h.ready_at, h.pickup_deadline, h.closed_at,
	COALESCE(h.loan_id, 0), h.note,
	CASE WHEN h.status = 'placed' THEN 1 + (SELECT COUNT(*) FROM holds o WHERE o.bib_id = h.bib_id AND o.status = 'placed'
		AND (o.placed_at < h.placed_at OR (o.placed_at = h.placed_at AND o.id < h.id))
		AND (h.item_id IS NULL OR o.item_id IS NULL OR o.item_id = h.item_id)) ELSE 0 END`

const holdFrom = ` FROM holds h JOIN bib_records b ON b.id = h.bib_id LEFT JOIN readers r ON r.id = h.reader_id
	LEFT JOIN items hi ON hi.id = h.item_id LEFT JOIN items ti ON ti.id = h.trapped_item_id`

func scanHold(sc interface{ Scan(...any) error }) (Hold, error) {
	var h Hold
	var status string
	var trapped, ready, deadline, closed db.Time
	err := sc.Scan(&h.ID, &h.ReaderID, &h.ReaderName, &h.CardNumber, &h.RecordID, &h.Title, &h.ItemID, &h.Barcode,
		&h.PickupBranch, &status, &h.PlacedAt, &h.ExpiresOn, &h.TrappedItemID, &h.TrappedBarcode, &trapped, &ready,
		&deadline, &closed, &h.LoanID, &h.Note, &h.Position)
	h.Status, h.PlacedAt = HoldStatus(status), h.PlacedAt.UTC()
	h.TrappedAt, h.ReadyAt, h.PickupDeadline, h.ClosedAt = trapped.Ptr(), ready.Ptr(), deadline.Ptr(), closed.Ptr()
	return h, err
}

func scanHolds(r *sql.Rows) (Hold, error) { return scanHold(r) }

// holdByID reads a hold.
func holdByID(tx *db.Tx, id int64) (Hold, error) {
	h, err := scanHold(tx.QueryRow(`SELECT `+holdColumns+holdFrom+` WHERE h.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Hold{}, notFound("error.circ_hold_not_found", "ID", id)
	}
	if err != nil {
		return Hold{}, fmt.Errorf("hold %d: %w", id, err)
	}
	return h, nil
}

// queued is an active hold as the queue logic sees it.
type queued struct {
	id, readerID, itemID, trapped int64
	status                        HoldStatus
	pickup                        string
}

// activeHolds lists the active holds of a record in queue order.
func activeHolds(tx *db.Tx, bibID int64) ([]queued, error) {
	rows, err := tx.Query(`SELECT id, reader_id, COALESCE(item_id, 0), COALESCE(trapped_item_id, 0), status, pickup_branch
		FROM holds WHERE bib_id = $1 AND status IN ('placed', 'waiting', 'ready') ORDER BY placed_at, id`, bibID)
	out, err := db.Collect(rows, err, func(r *sql.Rows) (queued, error) {
		var q queued
		var status string
		err := r.Scan(&q.id, &q.readerID, &q.itemID, &q.trapped, &status, &q.pickup)
		q.status = HoldStatus(status)
		return q, err
	})
	if err != nil {
		return nil, fmt.Errorf("holds of record %d: %w", bibID, err)
	}
	return out, nil
}

// claim is what the hold queue says about one item and one reader.
type claim struct {
	// trapped: the active hold the item is set aside for, if any.
	trapped *queued
	// own: the reader's hold the item fills (trapped for them, or a
	// placed hold of theirs that the item can serve).
	own *queued
	// heldForOther: the item should go to another reader first.
	heldForOther bool
}

// claimOf tells whether an item should go to another reader before
// readerID, by the fair rule of first placed, first served:
//
//   - an item trapped for another reader's hold (in transit to, or on
//     the hold shelf for, them) is theirs;
//   - an item-level hold of another reader on this item placed before
//     the reader's own hold (or at all, when the reader has none) wins;
//   - title-level holds of other readers placed before the reader's own
//     win when they outnumber the record's other copies on the shelves
//     (available), which could serve them instead.
func claimOf(tx *db.Tx, holds []queued, itemID, bibID, readerID int64) (claim, error) {
	var c claim
	for i := range holds {
		h := &holds[i]
		if h.trapped == itemID && h.status != HoldPlaced {
			c.trapped = h
			if h.readerID == readerID {
				c.own = h
			} else {
				c.heldForOther = true
			}
			return c, nil
		}
	}
	for i := range holds {
		h := &holds[i]
		if h.status == HoldPlaced && h.readerID == readerID && (h.itemID == 0 || h.itemID == itemID) {
			c.own = h
			break
		}
	}
	ahead := 0
	for i := range holds {
		h := &holds[i]
		if c.own != nil && h == c.own {
			break
		}
		if h.status != HoldPlaced || h.readerID == readerID {
			continue
		}
		switch h.itemID {
		case itemID:
			c.heldForOther = true
			return c, nil
		case 0:
			ahead++
		}
	}
	if ahead > 0 {
		var spare int
		if err := tx.QueryRow(`SELECT COUNT(*) FROM items WHERE bib_id = $1 AND id <> $2 AND status = 'available'`,
			bibID, itemID).Scan(&spare); err != nil {
			return c, fmt.Errorf("copies of record %d: %w", bibID, err)
		}
		c.heldForOther = ahead > spare
	}
	return c, nil
}
