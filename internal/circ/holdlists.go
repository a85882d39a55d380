package circ

import (
	"context"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/db"
)

// listHolds runs a hold query with where (after WHERE) and order, once
// allowed reports that the actor may see them.
func (s *Service) listHolds(ctx context.Context, allowed error, where, order string, args ...any) ([]Hold, error) {
	if allowed != nil {
		return nil, allowed
	}
	var out []Hold
	err := s.db.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(`SELECT `+holdColumns+holdFrom+` WHERE `+where+` ORDER BY `+order, args...)
		out, err = db.Collect(rows, err, scanHolds)
		return err
	})
	return out, err
}

// ReaderHolds lists a reader's active holds, oldest first, with their
// place in the queue.
func (s *Service) ReaderHolds(ctx context.Context, a auth.Actor, readerID int64) ([]Hold, error) {
	out, err := s.listHolds(ctx, readerView(a, readerID), `h.reader_id = $1 AND h.status IN ('placed', 'waiting', 'ready')`, `h.placed_at, h.id`, readerID)
	if err != nil {
		return nil, fmt.Errorf("holds of reader %d: %w", readerID, err)
	}
	return out, nil
}

// HoldQueue lists the active holds of a record in queue order: first
// placed, first served.
func (s *Service) HoldQueue(ctx context.Context, a auth.Actor, recordID int64) ([]Hold, error) {
	out, err := s.listHolds(ctx, deskView(a), `h.bib_id = $1 AND h.status IN ('placed', 'waiting', 'ready')`, `h.placed_at, h.id`, recordID)
	if err != nil {
		return nil, fmt.Errorf("hold queue of record %d: %w", recordID, err)
	}
	return out, nil
}

// HoldShelf lists the holds whose item waits on the hold shelf of a
// branch, the earliest pickup deadline first.
func (s *Service) HoldShelf(ctx context.Context, a auth.Actor, branch string) ([]Hold, error) {
	out, err := s.listHolds(ctx, deskView(a), `h.status = 'ready' AND h.pickup_branch = $1`, `h.pickup_deadline, h.id`, branch)
	if err != nil {
		return nil, fmt.Errorf("hold shelf of %s: %w", branch, err)
	}
	return out, nil
}

// HoldsToPull lists the placed holds that a copy on the shelves of a
// branch (available) could fill: the pull list. Checking the copy in
// traps it for the first hold in the queue.
func (s *Service) HoldsToPull(ctx context.Context, a auth.Actor, branch string) ([]Hold, error) {
	out, err := s.listHolds(ctx, deskView(a), `h.status = 'placed' AND EXISTS (SELECT 1 FROM items c JOIN locations cl ON cl.code = c.location_code
		WHERE c.bib_id = h.bib_id AND c.status = 'available' AND cl.branch_code = $1 AND (h.item_id IS NULL OR h.item_id = c.id))`,
		`h.placed_at, h.id`, branch)
	if err != nil {
		return nil, fmt.Errorf("holds to pull at %s: %w", branch, err)
	}
	return out, nil
}
