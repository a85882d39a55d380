package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/db"
)

// The reasons an item travels between branches.
const (
	TransitReturnHome = "return_home" // returned away from its home branch (通借通还)
	TransitHold       = "hold"        // trapped for a hold with another pickup branch
)

// Transit is an item on its way between branches.
type Transit struct {
	ID             int64      `json:"id"`
	ItemID         int64      `json:"item_id"`
	Barcode        string     `json:"barcode"`
	Title          string     `json:"title"`
	CallNumber     string     `json:"call_number,omitempty"`
	FromBranch     string     `json:"from_branch"`
	ToBranch       string     `json:"to_branch"`
	Reason         string     `json:"reason"`
	HoldID         int64      `json:"hold_id,omitempty"`
	SentAt         time.Time  `json:"sent_at"`
	SentBy         string     `json:"sent_by"`
	ReceivedAt     *time.Time `json:"received_at,omitempty"`
	ReceivedBranch string     `json:"received_branch,omitempty"`
}

const transitColumns = `t.id, t.item_id, i.barcode, b.title, i.call_number, t.from_branch, t.to_branch, t.reason,
	COALESCE(t.hold_id, 0), t.sent_at, t.sent_by, t.received_at, COALESCE(t.received_branch, '')`

const transitFrom = ` FROM transits t JOIN items i ON i.id = t.item_id JOIN bib_records b ON b.id = i.bib_id`

func scanTransit(sc interface{ Scan(...any) error }) (Transit, error) {
	var t Transit
	var received db.Time
	err := sc.Scan(&t.ID, &t.ItemID, &t.Barcode, &t.Title, &t.CallNumber, &t.FromBranch, &t.ToBranch, &t.Reason,
		&t.HoldID, &t.SentAt, &t.SentBy, &received, &t.ReceivedBranch)
	t.SentAt, t.ReceivedAt = t.SentAt.UTC(), received.Ptr()
	return t, err
}

// openTransit returns the open transit of an item; ok is false when it is
// not in transit.
func openTransit(tx *db.Tx, itemID int64) (Transit, bool, error) {
	t, err := scanTransit(tx.QueryRow(`SELECT `+transitColumns+transitFrom+` WHERE t.item_id = $1 AND t.received_at IS NULL`, itemID))
	if errors.Is(err, sql.ErrNoRows) {
		return Transit{}, false, nil
	}
	if err != nil {
		return Transit{}, false, fmt.Errorf("transit of item %d: %w", itemID, err)
	}
	return t, true, nil
}

// startTransit sends an item from one branch to another.
func startTransit(tx *db.Tx, a auth.Actor, itemID int64, from, to, reason string, holdID int64) (int64, error) {
	id, err := tx.Insert(`INSERT INTO transits (item_id, from_branch, to_branch, reason, hold_id, sent_at, sent_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, itemID, from, to, reason, nullID(holdID), tx.Now, actorName(a))
	if err != nil {
		return 0, fmt.Errorf("transit of item %d to %s: %w", itemID, to, err)
	}
	return id, nil
}

// endTransit closes the open transit of an item (if any), received at
// branch.
func endTransit(tx *db.Tx, a auth.Actor, itemID int64, branch string) error {
	_, err := tx.Exec(`UPDATE transits SET received_at = $1, received_branch = $2, received_by = $3
		WHERE item_id = $4 AND received_at IS NULL`, tx.Now, branch, actorName(a), itemID)
	if err != nil {
		return fmt.Errorf("end transit of item %d: %w", itemID, err)
	}
	return nil
}

// ReceiveTransit receives an item in transit at branch (circ.checkin): the
// transit ends and the item goes on — to the hold shelf when a hold here
// waits for it, to another branch when it was received at the wrong one
// or a hold elsewhere wants it, else to the shelving queue. An item that
// is not in transit is refused (check it in instead).
func (s *Service) ReceiveTransit(ctx context.Context, a auth.Actor, barcode, branch string) (Routing, error) {
	if err := staff(a, auth.PermCircCheckin); err != nil {
		return Routing{}, err
	}
	var out Routing
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		it, err := lockItem(tx, barcode)
		if err != nil {
			return err
		}
		if branch == "" {
			return invalid("error.branch_unknown", "branch", "Code", branch)
		}
		if err := checkBranch(tx, branch, "branch"); err != nil {
			return err
		}
		t, ok, err := openTransit(tx, it.ID)
		if err != nil {
			return err
		}
		if !ok {
			return conflict("error.circ_no_transit", "Barcode", it.Barcode)
		}
		if out, err = s.route(tx, a, snap, it, branch); err != nil {
			return err
		}
		return auth.Audit(tx, a, "transit.receive", "transit", t.ID, map[string]any{"item": it.Barcode, "to": t.ToBranch},
			map[string]any{"received_at": branch, "next": out.Next, "to_branch": out.ToBranch})
	})
	if err != nil {
		return Routing{}, fmt.Errorf("receive %s: %w", barcode, err)
	}
	return out, nil
}

// Transits lists the items in transit to a branch (every branch when
// branch is ""), oldest first.
func (s *Service) Transits(ctx context.Context, a auth.Actor, branch string) ([]Transit, error) {
	if err := deskView(a); err != nil {
		return nil, err
	}
	var out []Transit
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT `+transitColumns+transitFrom+` WHERE t.received_at IS NULL AND ($1 = '' OR t.to_branch = $1)
			ORDER BY t.sent_at, t.id`, branch)
		out, err = db.Collect(rows, err, func(r *sql.Rows) (Transit, error) { return scanTransit(r) })
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("transits to %q: %w", branch, err)
	}
	return out, nil
}
