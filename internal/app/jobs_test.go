package app_test

import (
	"slices"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/db"
)

// holdStatus reads a hold's status straight from the database.
func holdStatus(t *testing.T, s *apptest.Server, id int64) string {
	t.Helper()
	var st string
	if err := s.App.DB.Read(t.Context(), func(tx *db.Tx) error {
		return tx.QueryRow(`SELECT status FROM holds WHERE id = $1`, id).Scan(&st)
	}); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestDailyJobs: the daily jobs run once a library day however often
// housekeeping comes round (as on several nodes sharing one database),
// and do their work — a hold not collected from the hold shelf in time
// expires; the next day they run again.
func TestDailyJobs(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		recs := deskLibrary(t, s)
		if _, err := s.App.Circ.Checkout(ctx, cli, "R001", "D0001", circ.CheckoutOptions{}); err != nil {
			t.Fatal(err)
		}
		h, err := s.App.Circ.PlaceHold(ctx, cli, circ.HoldRequest{Card: "R002", RecordID: recs[0], PickupBranch: "main"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.App.Circ.Checkin(ctx, cli, "D0001", circ.CheckinOptions{Branch: "main"}); err != nil {
			t.Fatal(err)
		}
		if st := holdStatus(t, s, h.ID); st != "ready" {
			t.Fatalf("hold after the return: %s", st)
		}

		// Today's run: nothing is late yet.
		ran, err := s.App.RunDailyJobs(ctx)
		if err != nil || len(ran) != 4 {
			t.Fatalf("first run: %v %v", ran, err)
		}
		// Thirty days on, the pickup deadline has passed: housekeeping
		// twice (two nodes) runs the jobs once.
		s.Clock.Advance(30 * 24 * time.Hour)
		s.App.Housekeep(ctx)
		if st := holdStatus(t, s, h.ID); st != "expired" {
			t.Fatalf("hold after the daily jobs: %s", st)
		}
		s.App.Housekeep(ctx)
		ran, err = s.App.RunDailyJobs(ctx)
		if err != nil || len(ran) != 0 {
			t.Fatalf("third round the same day: %v %v", ran, err)
		}
		var rows int
		if err := s.App.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(`SELECT COUNT(*) FROM job_runs WHERE finished_at IS NOT NULL`).Scan(&rows)
		}); err != nil || rows != 8 {
			t.Fatalf("job_runs: %d %v", rows, err)
		}
		// The next library day they run again.
		s.Clock.Advance(24 * time.Hour)
		ran, err = s.App.RunDailyJobs(ctx)
		if err != nil || !slices.Contains(ran, "expire_pickups") || len(ran) != 4 {
			t.Fatalf("next day: %v %v", ran, err)
		}
	})
}
