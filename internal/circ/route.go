package circ

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// NextStep says where an item goes after a return, a transit's arrival or
// the end of a hold.
type NextStep string

// The next steps of an item.
const (
	NextShelve    NextStep = "shelve"     // back to its shelves: the shelving queue of its location
	NextHoldShelf NextStep = "hold_shelf" // on the hold shelf here, for Hold
	NextTransit   NextStep = "transit"    // in transit to ToBranch (its pickup branch or home)
	NextRepair    NextStep = "repair"     // to repair
)

// Routing is where an item goes next and why.
type Routing struct {
	Next      NextStep `json:"next"`
	ToBranch  string   `json:"to_branch,omitempty"`
	Hold      *Hold    `json:"hold,omitempty"`
	TransitID int64    `json:"transit_id,omitempty"`
	Location  string   `json:"location,omitempty"` // the shelving location
}

// Item status notes of circulation (catalog.StatusNote.Kind).
const (
	noteLoan    = "loan"
	noteReturn  = "return"
	noteHold    = "hold"
	noteTransit = "transit"
	noteRepair  = "repair"
	noteLost    = "lost"
)

// route sends an item that is here (returned, arrived, released from a
// hold) on its way, the item being locked: its open transit ends here;
// then it goes to the hold it is trapped for, else to the first hold in
// its record's queue that it can fill, else home when it belongs to
// another branch, else to the shelving queue of its location.
func (s *Service) route(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, it item, here string) (Routing, error) {
	if err := endTransit(tx, a, it.ID, here); err != nil {
		return Routing{}, err
	}
	if err := lockRecord(tx, it.RecordID); err != nil {
		return Routing{}, err
	}
	h, ok, err := trappedHold(tx, it.ID)
	if err != nil {
		return Routing{}, err
	}
	if !ok {
		if h, ok, err = nextHold(tx, snap, it); err != nil {
			return Routing{}, err
		}
	}
	if ok {
		if err := offShelvingQueue(tx, a, it.ID); err != nil {
			return Routing{}, err
		}
		return s.trap(tx, a, snap, it, h, here)
	}
	if it.Branch != here {
		if err := offShelvingQueue(tx, a, it.ID); err != nil {
			return Routing{}, err
		}
		tid, err := startTransit(tx, a, it.ID, here, it.Branch, TransitReturnHome, 0)
		if err != nil {
			return Routing{}, err
		}
		if err := catalog.SetItemStatus(tx, a, it.ID, catalog.InTransit, catalog.StatusNote{Kind: noteTransit, Ref: ref("T", tid)}); err != nil {
			return Routing{}, err
		}
		return Routing{Next: NextTransit, ToBranch: it.Branch, TransitID: tid}, nil
	}
	if err := catalog.SetItemStatus(tx, a, it.ID, catalog.Available, catalog.StatusNote{Kind: noteReturn}); err != nil {
		return Routing{}, err
	}
	if err := toShelve(tx, a, it); err != nil {
		return Routing{}, err
	}
	return Routing{Next: NextShelve, Location: it.Location}, nil
}

// ref writes a document reference such as L42 (loan), H7 (hold), T3
// (transit) for item status notes.
func ref(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }

// trappedHold returns the active hold an item is set aside for; ok is
// false when there is none.
func trappedHold(tx *db.Tx, itemID int64) (q queued, ok bool, err error) {
	var status string
	err = tx.QueryRow(`SELECT id, reader_id, COALESCE(item_id, 0), trapped_item_id, status, pickup_branch FROM holds
		WHERE trapped_item_id = $1 AND status IN ('waiting', 'ready')`, itemID).
		Scan(&q.id, &q.readerID, &q.itemID, &q.trapped, &status, &q.pickup)
	if errors.Is(err, sql.ErrNoRows) {
		return queued{}, false, nil
	}
	if err != nil {
		return queued{}, false, fmt.Errorf("hold of item %d: %w", itemID, err)
	}
	q.status = HoldStatus(status)
	return q, true, nil
}

// nextHold returns the first placed hold of the item's record that the
// item can fill: a title-level hold or an item-level hold on this item,
// whose reader's category may hold items of this type at the item's
// branch; ok is false when there is none. Holds found past their last
// day are expired on the way.
func nextHold(tx *db.Tx, snap *policy.Snapshot, it item) (queued, bool, error) {
	type cand struct {
		queued
		expires, category string
	}
	rows, err := tx.Query(`SELECT h.id, h.reader_id, COALESCE(h.item_id, 0), h.pickup_branch, h.expires_on, r.category
		FROM holds h JOIN readers r ON r.id = h.reader_id
		WHERE h.bib_id = $1 AND h.status = 'placed' AND (h.item_id IS NULL OR h.item_id = $2) ORDER BY h.placed_at, h.id`,
		it.RecordID, it.ID)
	cands, err := db.Collect(rows, err, func(r *sql.Rows) (cand, error) {
		var c cand
		c.status = HoldPlaced
		return c, r.Scan(&c.id, &c.readerID, &c.itemID, &c.pickup, &c.expires, &c.category)
	})
	if err != nil {
		return queued{}, false, fmt.Errorf("hold queue of record %d: %w", it.RecordID, err)
	}
	today := day(tx.Now, snap.Location)
	for _, c := range cands {
		if c.expires != "" && c.expires < today {
			if _, err := tx.Exec(`UPDATE holds SET status = 'expired', closed_at = $1 WHERE id = $2 AND status = 'placed'`, tx.Now, c.id); err != nil {
				return queued{}, false, fmt.Errorf("expire hold %d: %w", c.id, err)
			}
			continue
		}
		p, err := resolve(snap, c.category, it.ItemType, it.Branch)
		if err != nil {
			return queued{}, false, err
		}
		if p.NotForLoan || !p.HoldsAllowed {
			continue
		}
		return c.queued, true, nil
	}
	return queued{}, false, nil
}

// trap sets an item aside for a hold: on the hold shelf when the item is
// at the pickup branch, else in transit there.
func (s *Service) trap(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, it item, h queued, here string) (Routing, error) {
	if h.pickup != here {
		tid, err := startTransit(tx, a, it.ID, here, h.pickup, TransitHold, h.id)
		if err != nil {
			return Routing{}, err
		}
		if _, err := tx.Exec(`UPDATE holds SET status = 'waiting', trapped_item_id = $1, trapped_at = $2, ready_at = NULL,
			pickup_deadline = NULL WHERE id = $3`, it.ID, tx.Now, h.id); err != nil {
			return Routing{}, fmt.Errorf("trap hold %d: %w", h.id, err)
		}
		if err := catalog.SetItemStatus(tx, a, it.ID, catalog.InTransit, catalog.StatusNote{Kind: noteTransit, Ref: ref("T", tid), Reason: ref("H", h.id)}); err != nil {
			return Routing{}, err
		}
		hold, err := holdByID(tx, h.id)
		if err != nil {
			return Routing{}, err
		}
		return Routing{Next: NextTransit, ToBranch: h.pickup, Hold: &hold, TransitID: tid}, nil
	}
	if h.status != HoldReady || h.trapped != it.ID {
		loc := snap.Location
		last, err := rules.NextOpenDay(snap.Calendar(here), rules.DateOf(tx.Now, loc).AddDays(snap.Settings.HoldPickupDays))
		if err != nil {
			return Routing{}, fmt.Errorf("pickup deadline: %w", err)
		}
		if _, err := tx.Exec(`UPDATE holds SET status = 'ready', trapped_item_id = $1, trapped_at = COALESCE(trapped_at, $2),
			ready_at = $2, pickup_deadline = $3 WHERE id = $4`, it.ID, tx.Now, last.EndOfDay(loc), h.id); err != nil {
			return Routing{}, fmt.Errorf("hold %d ready: %w", h.id, err)
		}
		if err := notify(tx, h.readerID, NoticeHoldReady, h.id, 0, it.ID); err != nil {
			return Routing{}, err
		}
	}
	if err := catalog.SetItemStatus(tx, a, it.ID, catalog.OnHoldShelf, catalog.StatusNote{Kind: noteHold, Ref: ref("H", h.id)}); err != nil {
		return Routing{}, err
	}
	hold, err := holdByID(tx, h.id)
	if err != nil {
		return Routing{}, err
	}
	return Routing{Next: NextHoldShelf, ToBranch: here, Hold: &hold}, nil
}
