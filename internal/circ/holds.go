package circ

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
)

// HoldRequest asks for a hold 预约.
type HoldRequest struct {
	// The reader: by the card presented, or by id (the OPAC's signed-in
	// reader).
	Card     string
	ReaderID int64
	// What is held: a record (any copy), or one item by its barcode.
	RecordID int64
	Barcode  string
	// PickupBranch is where the reader will collect the item.
	PickupBranch string
	// ExpiresOn is the last day the reader wants the item (default:
	// Options.HoldExpiryDays from today).
	ExpiresOn rules.Date
	// Override is the reason to place the hold despite overridable
	// refusals (circ.override).
	Override string
	Note     string
}

// PlaceHold places a hold (circ.holds) at the end of the record's queue.
// It is refused — a Conflict with every reason (RefusalsOf), recorded —
// for a card that may not be used or debts over the limit, when the rules
// allow no hold on any copy for the reader's category, when the reader
// already holds the record, has as many holds as the limits of the pickup
// branch allow, or has a copy on loan.
func (s *Service) PlaceHold(ctx context.Context, a auth.Actor, r HoldRequest) (Hold, error) {
	if err := a.Require(auth.PermCircHolds); err != nil {
		return Hold{}, err
	}
	var err error
	if a.ReaderID != 0 {
		if r.ReaderID, err = forSelf(a, r.ReaderID); err != nil {
			return Hold{}, err
		}
		r.Card = ""
	}
	if r.Override, err = text(r.Override, "override"); err != nil {
		return Hold{}, err
	}
	if r.Note, err = text(r.Note, "note"); err != nil {
		return Hold{}, err
	}
	r.PickupBranch, r.Barcode, r.Card = strings.TrimSpace(r.PickupBranch), strings.TrimSpace(r.Barcode), strings.TrimSpace(r.Card)
	switch {
	case r.PickupBranch == "":
		return Hold{}, invalid("error.branch_unknown", "pickup_branch", "Code", "")
	case r.RecordID == 0 && r.Barcode == "":
		return Hold{}, invalid("error.circ_hold_target", "record_id")
	case r.Card == "" && r.ReaderID == 0:
		return Hold{}, invalid("error.circ_reader_required", "card")
	case !r.ExpiresOn.IsZero() && !r.ExpiresOn.Valid():
		return Hold{}, invalid("error.date_invalid", "expires_on", "Field", "expires_on", "Value", r.ExpiresOn.String())
	}
	var out Hold
	var refused *attempt
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		var err error
		out, refused, err = s.placeHold(tx, a, snap, r)
		if err == nil && refused != nil {
			err = refused.record(tx, a, snap.Location)
		}
		return err
	})
	var race *lostRace
	if errors.As(err, &race) {
		return Hold{}, s.recordLate(ctx, a, race.at)
	}
	if err == nil && refused != nil {
		return Hold{}, refused.err
	}
	if err != nil {
		return Hold{}, fmt.Errorf("place hold: %w", err)
	}
	return out, nil
}

func (s *Service) placeHold(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, r HoldRequest) (Hold, *attempt, error) {
	loc := snap.Location
	if err := checkBranch(tx, r.PickupBranch, "pickup_branch"); err != nil {
		return Hold{}, nil, err
	}
	var itemID int64
	bibID := r.RecordID
	if r.Barcode != "" {
		it, err := catalog.ItemByBarcode(tx, r.Barcode)
		if err != nil {
			return Hold{}, nil, err
		}
		if bibID != 0 && bibID != it.RecordID {
			return Hold{}, nil, invalid("error.circ_hold_target", "barcode")
		}
		itemID, bibID = it.ID, it.RecordID
	}
	var one int
	if err := tx.QueryRow(`SELECT 1 FROM bib_records WHERE id = $1`, bibID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return Hold{}, nil, notFound("error.record_not_found", "ID", bibID)
	} else if err != nil {
		return Hold{}, nil, err
	}
	var b borrower
	var err error
	if r.Card != "" {
		b, err = identify(tx, r.Card)
	} else {
		b, err = byID(tx, r.ReaderID)
	}
	if err != nil {
		return Hold{}, nil, err
	}
	if err := lockReader(tx, b.ID); err != nil {
		return Hold{}, nil, err
	}
	lim, err := limits(snap, b.Category, r.PickupBranch)
	if err != nil {
		return Hold{}, nil, err
	}
	bal, err := fees.BalanceTx(tx, b.ID)
	if err != nil {
		return Hold{}, nil, err
	}
	rs, err := b.state(account{balance: bal})
	if err != nil {
		return Hold{}, nil, err
	}
	refs := cardRefusals(b, rs, lim, tx.Now, loc)
	holdable, err := holdable(tx, snap, b.Category, bibID, itemID)
	if err != nil {
		return Hold{}, nil, err
	}
	if !holdable {
		refs = append(refs, refusal(ReasonHoldNotAllowed))
	}
	var mine, active, onLoan int
	err = tx.QueryRow(`SELECT COALESCE(SUM(CASE WHEN bib_id = $2 THEN 1 ELSE 0 END), 0), COUNT(*) FROM holds
		WHERE reader_id = $1 AND status IN ('placed', 'waiting', 'ready')`, b.ID, bibID).Scan(&mine, &active)
	if err == nil {
		err = tx.QueryRow(`SELECT COUNT(*) FROM loans WHERE reader_id = $1 AND bib_id = $2 AND returned_at IS NULL`, b.ID, bibID).Scan(&onLoan)
	}
	if err != nil {
		return Hold{}, nil, fmt.Errorf("holds of reader %d: %w", b.ID, err)
	}
	if mine > 0 {
		refs = append(refs, refusal(ReasonHoldExists))
	}
	if lim.MaxHolds != rules.Unlimited && active+1 > lim.MaxHolds {
		refs = append(refs, refusal(ReasonTooManyHolds, "Count", active, "Max", lim.MaxHolds))
	}
	if onLoan > 0 {
		refs = append(refs, refusal(ReasonAlreadyOnLoan))
	}
	at := attempt{op: OpHold, readerID: b.ID, category: b.Category, itemID: itemID, bibID: bibID, branch: r.PickupBranch, refusals: refs}
	if ref := decide(at, r.Override, a); ref != nil {
		return Hold{}, ref, nil
	}
	today := rules.DateOf(tx.Now, loc)
	expires := r.ExpiresOn
	if expires.IsZero() {
		opts, err := readOptions(tx)
		if err != nil {
			return Hold{}, nil, err
		}
		expires = today.AddDays(opts.HoldExpiryDays)
	}
	if expires.Before(today) {
		return Hold{}, nil, invalid("error.circ_due_in_past", "expires_on", "Due", expires.String())
	}
	note := r.Note
	if len(refs) > 0 {
		note = strings.TrimSpace(note + " [" + r.Override + ": " + strings.Join(reasonCodes(refs), ",") + "]")
	}
	id, err := tx.Insert(`INSERT INTO holds (reader_id, bib_id, item_id, pickup_branch, status, placed_at, expires_on, note, actor_name, door)
		VALUES ($1, $2, $3, $4, 'placed', $5, $6, $7, $8, $9)`, b.ID, bibID, nullID(itemID), r.PickupBranch, tx.Now,
		expires.String(), note, actorName(a), string(a.Door))
	if db.IsUnique(err) {
		at.refusals = []rules.Refusal{refusal(ReasonHoldExists)}
		return Hold{}, nil, &lostRace{at: refuse(at, false, a)}
	}
	if err != nil {
		return Hold{}, nil, fmt.Errorf("insert hold: %w", err)
	}
	if len(refs) > 0 {
		at.overridden = true
		if err := at.record(tx, a, loc); err != nil {
			return Hold{}, nil, err
		}
	}
	h, err := holdByID(tx, id)
	if err != nil {
		return Hold{}, nil, err
	}
	return h, nil, auth.Audit(tx, a, "hold.place", "hold", id, nil, h.summary())
}

// summary is what the audit log keeps of a hold.
func (h Hold) summary() map[string]any {
	return map[string]any{"reader_id": h.ReaderID, "record_id": h.RecordID, "item_id": h.ItemID, "pickup_branch": h.PickupBranch,
		"status": h.Status, "expires_on": h.ExpiresOn, "trapped_item_id": h.TrappedItemID, "note": h.Note}
}

// holdable reports whether a reader of category may hold the record (any
// of its copies that circulate) or the one item: some copy's rules lend
// it and allow holds.
func holdable(tx *db.Tx, snap *policy.Snapshot, category string, bibID, itemID int64) (bool, error) {
	rows, err := tx.Query(`SELECT DISTINCT i.item_type, l.branch_code FROM items i JOIN locations l ON l.code = i.location_code
		WHERE i.bib_id = $1 AND (i.id = $2 OR $2 = 0) AND i.status NOT IN ('withdrawn', 'lost', 'on_order')`, bibID, itemID)
	type kind struct{ itemType, branch string }
	kinds, err := db.Collect(rows, err, func(r *sql.Rows) (kind, error) { var k kind; return k, r.Scan(&k.itemType, &k.branch) })
	if err != nil {
		return false, fmt.Errorf("copies of record %d: %w", bibID, err)
	}
	for _, k := range kinds {
		p, err := resolve(snap, category, k.itemType, k.branch)
		if err != nil {
			return false, err
		}
		if !p.NotForLoan && p.HoldsAllowed {
			return true, nil
		}
	}
	return false, nil
}

// CancelOptions are the choices when a hold is cancelled.
type CancelOptions struct {
	// ReaderID, when not 0, restricts the cancellation to this reader's
	// holds (the OPAC).
	ReaderID int64
	Note     string
}

// Release is a hold that ended and, when it had an item on the hold
// shelf, where that item goes now.
type Release struct {
	Hold Hold     `json:"hold"`
	Item *Routing `json:"item,omitempty"`
}

// CancelHold cancels an active hold (circ.holds). An item waiting for it
// on the hold shelf goes to the next hold or back (Release.Item); an item
// in transit for it is sent on when it arrives.
func (s *Service) CancelHold(ctx context.Context, a auth.Actor, holdID int64, o CancelOptions) (Release, error) {
	if err := a.Require(auth.PermCircHolds); err != nil {
		return Release{}, err
	}
	note, err := text(o.Note, "note")
	if err != nil {
		return Release{}, err
	}
	if o.ReaderID, err = forSelf(a, o.ReaderID); err != nil {
		return Release{}, err
	}
	var out Release
	err = s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		h, err := holdByID(tx, holdID)
		if err != nil {
			return err
		}
		if o.ReaderID != 0 && h.ReaderID != o.ReaderID {
			return notFound("error.circ_hold_not_found", "ID", holdID)
		}
		out, err = s.endHold(tx, a, snap, h, HoldCancelled, note)
		if err != nil {
			return err
		}
		return auth.Audit(tx, a, "hold.cancel", "hold", holdID, h.summary(), out.Hold.summary())
	})
	if err != nil {
		return Release{}, fmt.Errorf("cancel hold %d: %w", holdID, err)
	}
	return out, nil
}

// endHold closes an active hold as cancelled or expired, locking its item
// (if any) first, then its record, and reading it again under the locks.
// An item on the hold shelf is routed on from the pickup branch.
func (s *Service) endHold(tx *db.Tx, a auth.Actor, snap *policy.Snapshot, h Hold, to HoldStatus, note string) (Release, error) {
	var it item
	var err error
	if h.TrappedItemID != 0 && h.Status.Active() {
		if it, err = lockItemID(tx, h.TrappedItemID); err != nil {
			return Release{}, err
		}
	}
	if err := lockRecord(tx, h.RecordID); err != nil {
		return Release{}, err
	}
	if h, err = holdByID(tx, h.ID); err != nil {
		return Release{}, err
	}
	if !h.Status.Active() {
		return Release{}, conflict("error.circ_hold_closed", "ID", h.ID, "Status", string(h.Status))
	}
	if _, err := tx.Exec(`UPDATE holds SET status = $1, closed_at = $2, note = CASE WHEN $3 = '' THEN note ELSE $3 END WHERE id = $4`,
		string(to), tx.Now, note, h.ID); err != nil {
		return Release{}, fmt.Errorf("close hold %d: %w", h.ID, err)
	}
	var out Release
	if h.Status == HoldReady && it.ID == h.TrappedItemID && it.Status == catalog.OnHoldShelf {
		rt, err := s.route(tx, a, snap, it, h.PickupBranch)
		if err != nil {
			return Release{}, err
		}
		out.Item = &rt
	}
	if out.Hold, err = holdByID(tx, h.ID); err != nil {
		return Release{}, err
	}
	return out, nil
}
