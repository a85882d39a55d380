package circ

import (
	"context"
	"fmt"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/db"
)

// ExpireHolds ends the holds in the queue whose last day has passed (a
// daily job; circ.holds) and returns how many.
func (s *Service) ExpireHolds(ctx context.Context, a auth.Actor) (int, error) {
	if err := staff(a, auth.PermCircHolds); err != nil {
		return 0, err
	}
	var n int64
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		var err error
		n, err = tx.ExecAffected(`UPDATE holds SET status = 'expired', closed_at = $1
			WHERE status = 'placed' AND expires_on <> '' AND expires_on < $2`, tx.Now, day(tx.Now, snap.Location))
		if err != nil {
			return err
		}
		return auth.Audit(tx, a, "hold.expire", "hold", "", nil, map[string]any{"count": n})
	})
	if err != nil {
		return 0, fmt.Errorf("expire holds: %w", err)
	}
	return int(n), nil
}

// ExpirePickups ends the holds whose item waited on the hold shelf past
// its pickup deadline (a daily job; circ.holds): the reader is told, and
// each item goes to the next reader in the queue or back (Release.Item).
func (s *Service) ExpirePickups(ctx context.Context, a auth.Actor) ([]Release, error) {
	if err := staff(a, auth.PermCircHolds); err != nil {
		return nil, err
	}
	var out []Release
	err := s.write(ctx, func(tx *db.Tx, snap *policy.Snapshot) error {
		out = nil
		rows, err := tx.Query(`SELECT `+holdColumns+holdFrom+` WHERE h.status = 'ready' AND h.pickup_deadline < $1 ORDER BY h.pickup_deadline, h.id`, tx.Now)
		due, err := db.Collect(rows, err, scanHolds)
		if err != nil {
			return err
		}
		for _, h := range due {
			rel, err := s.endHold(tx, a, snap, h, HoldExpired, "")
			if err != nil {
				return err
			}
			if err := notify(tx, h.ReaderID, NoticeHoldExpired, h.ID, 0, h.TrappedItemID); err != nil {
				return err
			}
			if err := auth.Audit(tx, a, "hold.expire", "hold", h.ID, h.summary(), rel.Hold.summary()); err != nil {
				return err
			}
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("expire pickups: %w", err)
	}
	return out, nil
}
