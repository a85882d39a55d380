package policy_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

// TestSeededRules checks the rules a new library starts with.
func TestSeededRules(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		snap, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := rules.ValidateRows(snap.Rules); err != nil {
			t.Error(err)
		}
		if err := rules.ValidateLimitRows(snap.Limits); err != nil {
			t.Error(err)
		}
		if snap.Location.String() != "Asia/Shanghai" || len(snap.Calendars) != 0 || snap.Calendar("main") != nil {
			t.Errorf("zone %v, calendars %v", snap.Location, snap.Calendars)
		}
		for _, c := range []struct {
			category, itemType string
			period, maxLoans   int
			notForLoan         bool
		}{
			{"undergraduate", "book", 30, 10, false},
			{"postgraduate", "book", 60, 20, false},
			{"staff", "book", 90, 30, false},
			{"external", "disc", 30, 10, false},
			{"undergraduate", "reference", 0, 10, true},
			{"staff", "serial", 0, 30, true},
		} {
			res, err := snap.Resolve(c.category, c.itemType, "main")
			if err != nil {
				t.Fatal(err)
			}
			lim, err := snap.ResolveLimits(c.category, "main")
			if err != nil {
				t.Fatal(err)
			}
			p := res.Policy
			if p.Period != c.period || p.NotForLoan != c.notForLoan || lim.Limits.MaxLoans != c.maxLoans {
				t.Errorf("%s/%s: period %d, not for loan %v, max loans %d", c.category, c.itemType, p.Period, p.NotForLoan, lim.Limits.MaxLoans)
			}
			if !p.NotForLoan && (p.FinePerDayFen != 10 || !p.CapAtPrice || !p.HoldsAllowed) {
				t.Errorf("%s/%s: fines and holds %+v", c.category, c.itemType, p)
			}
		}
		// The seeded policy lends: a loan on 2024-09-01 is due 30 days on.
		res, _ := snap.Resolve("undergraduate", "book", "main")
		due, err := rules.DueDate(res.Policy, snap.Calendar("main"), time.Date(2024, 9, 1, 2, 0, 0, 0, time.UTC), snap.Location)
		if err != nil || rules.DateOf(due, snap.Location) != (rules.Date{Year: 2024, Month: 10, Day: 1}) {
			t.Errorf("due %v, %v", due, err)
		}
	})
}

// TestChangesReachEveryNode: a change made through one node's service is
// seen at once by another node's service over the same database, which
// cached the earlier rules — in a read of its own and inside a caller's
// write transaction.
func TestChangesReachEveryNode(t *testing.T) {
	eachTwoNodes(t, func(t *testing.T, d1, d2 *db.DB) {
		s1, s2 := policy.NewService(d1), policy.NewService(d2)
		before, err := s2.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		again, err := s2.Snapshot(ctx)
		if err != nil || again != before {
			t.Fatalf("an unchanged version was read again (%p, %p, %v)", before, again, err)
		}
		if res, _ := before.Resolve("undergraduate", "book", "LAW"); res.Policy.Period != 30 {
			t.Fatalf("before: period %d", res.Policy.Period)
		}

		row, err := s1.CreateRule(ctx, admin, rules.Row{Category: "*", ItemType: "*", Branch: "LAW", Policy: twoWeek})
		if err != nil {
			t.Fatal(err)
		}
		after, err := s2.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after.Version <= before.Version {
			t.Fatalf("version %d after %d", after.Version, before.Version)
		}
		if res, err := after.Resolve("undergraduate", "book", "LAW"); err != nil || res.Row.ID != row.ID || res.Policy.Period != 14 {
			t.Fatalf("other node resolves %+v, %v", res.Row, err)
		}
		// The earlier snapshot is untouched.
		if res, _ := before.Resolve("undergraduate", "book", "LAW"); res.Policy.Period != 30 {
			t.Errorf("the cached snapshot changed")
		}

		// Every kind of change reaches the other node, inside the
		// caller's own transaction, as a checkout would load it.
		steps := []struct {
			name   string
			change func() error
			check  func(*policy.Snapshot) bool
		}{
			{"rule update", func() error {
				p := twoWeek
				p.Period = 7
				_, err := s1.UpdateRule(ctx, admin, row.ID, rules.Row{Category: "*", ItemType: "*", Branch: "LAW", Policy: p})
				return err
			}, func(s *policy.Snapshot) bool { r, _ := s.Resolve("staff", "book", "LAW"); return r.Policy.Period == 7 }},
			{"limit", func() error {
				_, err := s1.CreateLimit(ctx, admin, rules.LimitRow{Category: "*", Branch: "LAW", Limits: rules.Limits{MaxLoans: 2}})
				return err
			}, func(s *policy.Snapshot) bool { l, _ := s.ResolveLimits("staff", "LAW"); return l.Limits.MaxLoans == 2 }},
			{"calendar", func() error {
				_, err := s1.SetCalendar(ctx, admin, rules.Calendar{Branch: "LAW", ClosedWeekdays: []time.Weekday{time.Sunday}})
				return err
			}, func(s *policy.Snapshot) bool {
				return s.Calendar("LAW") != nil && !s.Calendar("LAW").IsOpen(date(2024, 10, 6))
			}},
			{"settings", func() error {
				_, err := s1.SetSettings(ctx, admin, policy.Settings{TimeZone: "Asia/Urumqi", FinesOpenDaysOnly: true, HoldPickupDays: 5})
				return err
			}, func(s *policy.Snapshot) bool {
				return s.Location.String() == "Asia/Urumqi" && s.Settings.FinesOpenDaysOnly
			}},
			{"rule delete", func() error { return s1.DeleteRule(ctx, admin, row.ID) },
				func(s *policy.Snapshot) bool { r, _ := s.Resolve("staff", "book", "LAW"); return r.Policy.Period == 90 }},
		}
		last := after.Version
		for _, st := range steps {
			if err := st.change(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			err := d2.Write(ctx, func(tx *db.Tx) error {
				snap, err := s2.Load(tx)
				if err != nil {
					return err
				}
				if snap.Version != last+1 {
					t.Errorf("%s: version %d, want %d", st.name, snap.Version, last+1)
				}
				last = snap.Version
				if !st.check(snap) {
					t.Errorf("%s: not seen by the other node", st.name)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestExplain(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		law, err := s.CreateRule(ctx, admin, rules.Row{Category: "*", ItemType: "*", Branch: "LAW", Policy: twoWeek})
		if err != nil {
			t.Fatal(err)
		}
		stepArgs := func(steps []rules.Step, key string) []map[string]any {
			var out []map[string]any
			for _, st := range steps {
				if st.Key == key {
					out = append(out, st.Args)
				}
			}
			return out
		}

		// A specific row: the branch row beats the category row and the
		// catch-all, because it names the branch.
		ex, err := s.Explain(ctx, desk, "undergraduate", "book", "LAW")
		if err != nil {
			t.Fatal(err)
		}
		if !ex.RuleFound || ex.Rule.Row.ID != law.ID || ex.Rule.Policy != twoWeek || !ex.LimitsFound || ex.Limits.Limits.MaxLoans != 10 {
			t.Fatalf("explanation %+v", ex)
		}
		beats := stepArgs(ex.Rule.Explanation.Steps, "rules.beat")
		if len(beats) != 2 || beats[0]["Dimension"] != "branch" || beats[1]["Dimension"] != "branch" {
			t.Errorf("beat steps %v", beats)
		}
		if ex.DueNow.IsZero() || ex.DueNow.Sub(time.Now()) < 13*24*time.Hour || ex.DueNow.Sub(time.Now()) > 15*24*time.Hour {
			t.Errorf("a 14-day loan made now is due %v", ex.DueNow)
		}
		if q := ex.Steps()[0]; q.Key != "rules.query" || q.Args["Branch"] != "LAW" {
			t.Errorf("first step %+v", q)
		}
		if lq := stepArgs(ex.Steps(), "limits.won"); len(lq) != 1 || lq[0]["Key"] != "undergraduate/*" {
			t.Errorf("limits won %v", lq)
		}

		// Wildcards only: an unknown category gets the catch-all row.
		ex, err = s.Explain(ctx, desk, "external", "book", "main")
		if err != nil || ex.Rule.Row.Key() != "*/*/*" || len(stepArgs(ex.Rule.Explanation.Steps, "rules.matched")) != 1 || ex.Limits.Row.Key() != "*/*" {
			t.Fatalf("external: %+v, %v", ex.Rule.Row, err)
		}
		// The item type beats the category: reference is not for loan.
		ex, err = s.Explain(ctx, desk, "staff", "reference", "main")
		if err != nil || !ex.Rule.Policy.NotForLoan || len(stepArgs(ex.Rule.Explanation.Steps, "rules.not_for_loan")) != 1 || !ex.DueNow.IsZero() {
			t.Fatalf("staff/reference: %+v, %v", ex.Rule, err)
		}
		if b := stepArgs(ex.Rule.Explanation.Steps, "rules.beat"); len(b) != 2 || b[0]["Dimension"] != "item_type" {
			t.Errorf("staff/reference beats %v", b)
		}

		// The calendar that applies: the default for every branch, then
		// the branch's own.
		if ex.Calendar != nil {
			t.Errorf("calendar %+v, want none", ex.Calendar)
		}
		if _, err := s.SetCalendar(ctx, admin, rules.Calendar{Branch: "*", ClosedWeekdays: []time.Weekday{time.Monday}}); err != nil {
			t.Fatal(err)
		}
		if ex, _ = s.Explain(ctx, desk, "staff", "book", "LAW"); ex.Calendar == nil || ex.Calendar.Branch != "*" {
			t.Errorf("calendar %+v, want *", ex.Calendar)
		}
		if _, err := s.SetCalendar(ctx, admin, rules.Calendar{Branch: "LAW"}); err != nil {
			t.Fatal(err)
		}
		if ex, _ = s.Explain(ctx, desk, "staff", "book", "LAW"); ex.Calendar == nil || ex.Calendar.Branch != "LAW" || ex.Settings.TimeZone != "Asia/Shanghai" {
			t.Errorf("calendar %+v, want LAW's", ex.Calendar)
		}

		// No row matches: the explanation says so, without an error.
		rows, _ := s.Rules(ctx, admin)
		for _, r := range rows {
			if r.Category == "*" && r.ItemType == "*" {
				if err := s.DeleteRule(ctx, admin, r.ID); err != nil {
					t.Fatal(err)
				}
			}
		}
		ex, err = s.Explain(ctx, desk, "external", "book", "main")
		if err != nil || ex.RuleFound || !ex.LimitsFound {
			t.Fatalf("no match: found %v, %v", ex.RuleFound, err)
		}
		if st := ex.Rule.Explanation.Steps; st[len(st)-1].Key != "rules.no_match" {
			t.Errorf("no-match trail %+v", st)
		}
	})
}

// TestConcurrentChanges: two nodes changing the rules at once and others
// loading them meanwhile; every change counts once in the version.
func TestConcurrentChanges(t *testing.T) {
	eachTwoNodes(t, func(t *testing.T, d1, d2 *db.DB) {
		nodes := []*policy.Service{policy.NewService(d1), policy.NewService(d2)}
		start, err := nodes[0].Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		const writers = 6
		var wg sync.WaitGroup
		errs := make(chan error, 3*writers)
		for i := range writers {
			wg.Add(2)
			go func() {
				defer wg.Done()
				_, err := nodes[i%2].CreateLimit(ctx, admin, rules.LimitRow{Category: fmt.Sprintf("c%d", i), Branch: "*", Limits: rules.Limits{MaxLoans: i}})
				errs <- err
			}()
			go func() {
				defer wg.Done()
				_, err := nodes[(i+1)%2].Snapshot(ctx)
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range nodes {
			snap, err := n.Snapshot(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if snap.Version != start.Version+writers || len(snap.Limits) != len(start.Limits)+writers {
				t.Errorf("version %d with %d limit rows, want %d with %d", snap.Version, len(snap.Limits), start.Version+writers, len(start.Limits)+writers)
			}
		}
	})
}
