package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// Batch is a distribution batch 典藏移交: processed items sent by
// cataloguing to a location, where the stacks check them against the list
// (帐书一致) and accept them or send them back with a reason.
type Batch struct {
	ID         int64       `json:"id"`
	BatchNo    string      `json:"batch_no"`
	ToLocation string      `json:"to_location"`
	Status     string      `json:"status"` // sent, confirmed, partly_rejected, rejected
	Note       string      `json:"note,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	CreatedBy  string      `json:"created_by"`
	DecidedAt  *time.Time  `json:"decided_at,omitempty"`
	DecidedBy  string      `json:"decided_by,omitempty"`
	Items      []BatchItem `json:"items"`
}

// BatchItem is one item of a batch and what the stacks decided.
type BatchItem struct {
	ItemID     int64  `json:"item_id"`
	Barcode    string `json:"barcode"`
	CallNumber string `json:"call_number"`
	Title      string `json:"title"`
	Outcome    string `json:"outcome"` // pending, accepted, rejected
	Reason     string `json:"reason,omitempty"`
}

// The states of a batch and of an item in it.
const (
	BatchSent           = "sent"
	BatchConfirmed      = "confirmed"
	BatchPartlyRejected = "partly_rejected"
	BatchRejected       = "rejected"

	OutcomePending  = "pending"
	OutcomeAccepted = "accepted"
	OutcomeRejected = "rejected"
)

// SendBatch sends processed items to a location (catalog.distribute). Only
// items in processing, with a call number and not already in an undecided
// batch, can be sent; a wrong barcode names itself and nothing is sent.
func (s *Service) SendBatch(ctx context.Context, a auth.Actor, toLocation string, barcodes []string, note string) (Batch, error) {
	if err := a.Require(auth.PermCatalogDistribute); err != nil {
		return Batch{}, err
	}
	var b Batch
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		var kind string
		err := tx.QueryRow(`SELECT kind FROM locations WHERE code = $1`, toLocation).Scan(&kind)
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.New(apperr.InvalidReference, "error.location_unknown", "Code", toLocation).WithField("to_location")
		}
		if err != nil {
			return err
		}
		n, err := nextCounter(tx, "distribution")
		if err != nil {
			return err
		}
		b = Batch{BatchNo: fmt.Sprintf("DC%s-%05d", tx.Now.Format("2006"), n), ToLocation: toLocation, Status: BatchSent, Note: note, CreatedAt: tx.Now, CreatedBy: a.Name}
		if b.ID, err = tx.Insert(`INSERT INTO distribution_batches (batch_no, to_location, status, note, created_at, created_by) VALUES ($1, $2, 'sent', $3, $4, $5)`,
			b.BatchNo, toLocation, note, tx.Now, a.Name); err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, bc := range barcodes {
			bc = strings.TrimSpace(bc)
			if bc == "" || seen[bc] {
				continue
			}
			seen[bc] = true
			it, err := ItemByBarcode(tx, bc)
			if err != nil {
				return err
			}
			if it.Status != InProcessing {
				return apperr.New(apperr.Conflict, "error.distribute_status", "Barcode", bc, "Status", string(it.Status)).WithField("barcodes")
			}
			if it.CallNumber == "" {
				return apperr.New(apperr.Invalid, "error.distribute_no_call_number", "Barcode", bc).WithField("barcodes")
			}
			var pending int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM distribution_items WHERE item_id = $1 AND outcome = 'pending'`, it.ID).Scan(&pending); err != nil {
				return err
			}
			if pending > 0 {
				return apperr.New(apperr.Conflict, "error.distribute_pending", "Barcode", bc).WithField("barcodes")
			}
			if _, err := tx.Exec(`INSERT INTO distribution_items (batch_id, item_id) VALUES ($1, $2)`, b.ID, it.ID); err != nil {
				return err
			}
		}
		if len(seen) == 0 {
			return invalid("error.distribute_empty", "barcodes")
		}
		if b.Items, err = batchItems(tx, b.ID); err != nil {
			return err
		}
		return auth.Audit(tx, a, "distribution.send", "distribution", b.ID, nil, map[string]any{"batch_no": b.BatchNo, "to": toLocation, "items": len(b.Items)})
	})
	if err != nil {
		return Batch{}, fmt.Errorf("send batch: %w", err)
	}
	return b, nil
}

func batchItems(tx *db.Tx, id int64) ([]BatchItem, error) {
	rows, err := tx.Query(`SELECT i.id, i.barcode, i.call_number, r.title, d.outcome, d.reason FROM distribution_items d
		JOIN items i ON i.id = d.item_id JOIN bib_records r ON r.id = i.bib_id WHERE d.batch_id = $1 ORDER BY i.call_sort, i.barcode`, id)
	return db.Collect(rows, err, func(r *sql.Rows) (BatchItem, error) {
		var x BatchItem
		return x, r.Scan(&x.ItemID, &x.Barcode, &x.CallNumber, &x.Title, &x.Outcome, &x.Reason)
	})
}

func getBatch(tx *db.Tx, id int64) (Batch, error) {
	var b Batch
	var decided db.Time
	err := tx.QueryRow(`SELECT id, batch_no, to_location, status, note, created_at, created_by, decided_at, decided_by FROM distribution_batches WHERE id = $1`, id).
		Scan(&b.ID, &b.BatchNo, &b.ToLocation, &b.Status, &b.Note, &b.CreatedAt, &b.CreatedBy, &decided, &b.DecidedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return Batch{}, notFound("error.batch_not_found", "ID", id)
	}
	if err != nil {
		return Batch{}, err
	}
	b.CreatedAt, b.DecidedAt = b.CreatedAt.UTC(), decided.Ptr()
	b.Items, err = batchItems(tx, id)
	return b, err
}

// GetBatch returns one batch with its items (catalog.view or stacks.receive).
func (s *Service) GetBatch(ctx context.Context, a auth.Actor, id int64) (Batch, error) {
	if !a.CanAny(auth.PermCatalogView, auth.PermStacksReceive) {
		return Batch{}, a.Require(auth.PermStacksReceive)
	}
	var b Batch
	err := s.db.Read(ctx, func(tx *db.Tx) (err error) { b, err = getBatch(tx, id); return })
	return b, err
}

// Batches lists batches, newest first; status "" lists all
// (catalog.view or stacks.receive).
func (s *Service) Batches(ctx context.Context, a auth.Actor, status string, limit int) ([]Batch, error) {
	if !a.CanAny(auth.PermCatalogView, auth.PermStacksReceive) {
		return nil, a.Require(auth.PermStacksReceive)
	}
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []Batch
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT id FROM distribution_batches WHERE ($1 = '' OR status = $1) ORDER BY id DESC LIMIT `+itoa(limit), status)
		ids, err := db.Collect(rows, err, func(r *sql.Rows) (int64, error) { var id int64; return id, r.Scan(&id) })
		if err != nil {
			return err
		}
		for _, id := range ids {
			b, err := getBatch(tx, id)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return nil
	})
	return out, err
}

// ReceiveBatch records the stacks' check of a batch (stacks.receive): the
// items in rejected (item id → reason) go back to cataloguing, every other
// item is accepted — moved to the batch's location and made available.
func (s *Service) ReceiveBatch(ctx context.Context, a auth.Actor, id int64, rejected map[int64]string) (Batch, error) {
	if err := a.Require(auth.PermStacksReceive); err != nil {
		return Batch{}, err
	}
	var out Batch
	err := s.db.Write(ctx, func(tx *db.Tx) error {
		b, err := getBatch(tx, id)
		if err != nil {
			return err
		}
		if b.Status != BatchSent {
			return apperr.New(apperr.Conflict, "error.batch_decided", "BatchNo", b.BatchNo)
		}
		inBatch := map[int64]bool{}
		for _, it := range b.Items {
			inBatch[it.ItemID] = true
		}
		for itemID, reason := range rejected {
			if !inBatch[itemID] {
				return apperr.New(apperr.Invalid, "error.batch_item_unknown", "ID", itemID).WithField("rejected")
			}
			if strings.TrimSpace(reason) == "" {
				return apperr.New(apperr.Invalid, "error.reject_reason_required", "ID", itemID).WithField("rejected")
			}
		}
		accepted := 0
		for _, it := range b.Items {
			if reason, no := rejected[it.ItemID]; no {
				if _, err := tx.Exec(`UPDATE distribution_items SET outcome = 'rejected', reason = $1 WHERE batch_id = $2 AND item_id = $3`, strings.TrimSpace(reason), id, it.ItemID); err != nil {
					return err
				}
				continue
			}
			accepted++
			if _, err := tx.Exec(`UPDATE distribution_items SET outcome = 'accepted' WHERE batch_id = $1 AND item_id = $2`, id, it.ItemID); err != nil {
				return err
			}
			if _, err := tx.Exec(`UPDATE items SET location_code = $1, updated_at = $2 WHERE id = $3`, b.ToLocation, tx.Now, it.ItemID); err != nil {
				return err
			}
			if err := SetItemStatus(tx, a, it.ItemID, Available, StatusNote{Kind: NoteDistribution, Ref: b.BatchNo}); err != nil {
				return err
			}
		}
		status := BatchConfirmed
		switch {
		case accepted == 0:
			status = BatchRejected
		case accepted < len(b.Items):
			status = BatchPartlyRejected
		}
		if _, err := tx.Exec(`UPDATE distribution_batches SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4`, status, tx.Now, a.Name, id); err != nil {
			return err
		}
		if out, err = getBatch(tx, id); err != nil {
			return err
		}
		return auth.Audit(tx, a, "distribution.receive", "distribution", id, nil, map[string]any{"status": status, "accepted": accepted, "rejected": len(rejected)})
	})
	return out, err
}
