package policy_test

import (
	"encoding/json"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/db"
)

func TestRuleRowsCRUD(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		seeded, err := s.Rules(ctx, desk)
		if err != nil {
			t.Fatal(err)
		}
		// Zero unit, renewal start and grace mode are stored spelled out.
		in := twoWeek
		in.Unit, in.RenewFrom, in.GraceMode = "", "", ""
		r, err := s.CreateRule(ctx, admin, rules.Row{Category: " undergraduate ", ItemType: "book", Branch: "LAW", Policy: in})
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Key() != "undergraduate/book/LAW" || r.Policy != twoWeek {
			t.Fatalf("created %+v", r)
		}
		got, err := s.Rule(ctx, desk, r.ID)
		if err != nil || got != r {
			t.Fatalf("read back %+v, %v; want %+v", got, err, r)
		}

		// Every policy field survives the round trip.
		full := rules.Policy{Period: 2, Unit: rules.Hours, MaxOfType: 2, Renewals: 3, RenewalPeriod: 2, RenewFrom: rules.FromNow,
			OverdueBlocksRenewal: true, RecallDays: 4, FinePerHourFen: 50, GraceHours: 1, GraceMode: rules.GraceDeduct,
			FineCapFen: 500, CapAtPrice: true, HoldsAllowed: true}
		upd, err := s.UpdateRule(ctx, admin, r.ID, rules.Row{Category: "*", ItemType: "reserve", Branch: "*", Policy: full})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.Rule(ctx, desk, r.ID); err != nil || got != upd || got.Policy != full || got.Key() != "*/reserve/*" {
			t.Fatalf("after update %+v, %v; want %+v", got, err, upd)
		}

		all, err := s.Rules(ctx, desk)
		if err != nil || len(all) != len(seeded)+1 || all[len(all)-1] != upd {
			t.Fatalf("list: %d rows, %v", len(all), err)
		}
		if err := s.DeleteRule(ctx, admin, r.ID); err != nil {
			t.Fatal(err)
		}
		_, err = s.Rule(ctx, desk, r.ID)
		wantErr(t, err, apperr.NotFound, "error.circ_rule_not_found", "")
		wantErr(t, s.DeleteRule(ctx, admin, r.ID), apperr.NotFound, "error.circ_rule_not_found", "")
		_, err = s.UpdateRule(ctx, admin, 9999, rules.Row{Category: "*", ItemType: "*", Branch: "*", Policy: twoWeek})
		wantErr(t, err, apperr.NotFound, "error.circ_rule_not_found", "")

		// One audit entry per change, with before and after.
		es := audits(t, d, "circ_rule")
		if len(es) != 3 || es[2].Action != "circ_rule.create" || es[1].Action != "circ_rule.update" || es[0].Action != "circ_rule.delete" {
			t.Fatalf("audit entries %+v", es)
		}
		var sum struct{ Before, After *rules.Row }
		if err := json.Unmarshal([]byte(es[1].Summary), &sum); err != nil || sum.Before == nil || sum.After == nil ||
			sum.Before.Key() != "undergraduate/book/LAW" || sum.After.Policy != full {
			t.Errorf("update summary %s (%v)", es[1].Summary, err)
		}
		for _, e := range es {
			if e.ActorName != admin.Name || e.EntityID == "" {
				t.Errorf("audit entry %+v", e)
			}
		}
	})
}

func TestRuleRowValidation(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		with := func(f func(*rules.Row)) rules.Row {
			r := rules.Row{Category: "undergraduate", ItemType: "book", Branch: "LAW", Policy: twoWeek}
			f(&r)
			return r
		}
		tests := []struct {
			name       string
			row        rules.Row
			code       apperr.Code
			key, field string
		}{
			{"negative period", with(func(r *rules.Row) { r.Policy.Period = -1 }), apperr.Invalid, "error.circ_policy_negative", "period"},
			{"zero period", with(func(r *rules.Row) { r.Policy.Period = 0 }), apperr.Invalid, "error.circ_policy_zero", "period"},
			{"ten years and a day", with(func(r *rules.Row) { r.Policy.Period = 3661 }), apperr.Invalid, "error.circ_policy_too_long", "period"},
			{"renewals without a period", with(func(r *rules.Row) { r.Policy.RenewalPeriod = 0 }), apperr.Invalid, "error.circ_policy_zero", "renewal_period"},
			{"unknown unit", with(func(r *rules.Row) { r.Policy.Unit = "weeks" }), apperr.Invalid, "error.circ_policy_unknown", "unit"},
			{"hour fine on a day loan", with(func(r *rules.Row) { r.Policy.FinePerHourFen = 5 }), apperr.Invalid, "error.circ_policy_day_loan", "fine_per_hour_fen"},
			{"negative fine", with(func(r *rules.Row) { r.Policy.FinePerDayFen = -10 }), apperr.Invalid, "error.circ_policy_negative", "fine_per_day_fen"},
			{"empty category", with(func(r *rules.Row) { r.Category = " " }), apperr.Invalid, "error.circ_policy_empty", "category"},
			{"a slash in the item type", with(func(r *rules.Row) { r.ItemType = "a/b" }), apperr.Invalid, "error.circ_policy_not_a_code", "item_type"},
			{"unknown branch", with(func(r *rules.Row) { r.Branch = "MOON" }), apperr.InvalidReference, "error.branch_unknown", "branch"},
			{"unknown item type", with(func(r *rules.Row) { r.ItemType = "scroll" }), apperr.InvalidReference, "error.item_type_unknown", "item_type"},
			{"the pattern of a seeded row", with(func(r *rules.Row) { r.ItemType, r.Branch = "*", "*" }), apperr.Conflict, "error.circ_rule_exists", ""},
		}
		for _, tt := range tests {
			_, err := s.CreateRule(ctx, admin, tt.row)
			e := wantErr(t, err, tt.code, tt.key, tt.field)
			if tt.code == apperr.Invalid && e.Args["Subject"] != strings.TrimSpace(tt.row.Category)+"/"+tt.row.ItemType+"/"+tt.row.Branch {
				t.Errorf("%s: subject %v", tt.name, e.Args["Subject"])
			}
		}
		// The conflict names the row that has the pattern.
		_, err := s.CreateRule(ctx, admin, with(func(r *rules.Row) { r.ItemType, r.Branch = "*", "*" }))
		if e := wantErr(t, err, apperr.Conflict, "error.circ_rule_exists", ""); e.Args["Row"] != int64(2) {
			t.Errorf("conflict args %v, want row 2 (undergraduate/*/*)", e.Args)
		}
		// Updating a row to another row's pattern is a conflict too; to
		// its own pattern is not.
		r, err := s.CreateRule(ctx, admin, with(func(*rules.Row) {}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateRule(ctx, admin, r.ID, with(func(r *rules.Row) { r.Policy.Period = 21 })); err != nil {
			t.Fatal(err)
		}
		_, err = s.UpdateRule(ctx, admin, r.ID, with(func(r *rules.Row) { r.Category, r.ItemType, r.Branch = "*", "serial", "*" }))
		wantErr(t, err, apperr.Conflict, "error.circ_rule_exists", "")
		// Nothing was written by the failures: one create, one update.
		if es := audits(t, d, "circ_rule"); len(es) != 2 {
			t.Errorf("%d audit entries, want 2", len(es))
		}
		if got, _ := s.Rule(ctx, admin, r.ID); got.Policy.Period != 21 || got.Key() != "undergraduate/book/LAW" {
			t.Errorf("row after failed update: %+v", got)
		}
	})
}

func TestPermissions(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		row := rules.Row{Category: "staff", ItemType: "book", Branch: "*", Policy: twoWeek}
		forbidden := func(err error) {
			t.Helper()
			wantErr(t, err, apperr.Forbidden, "error.forbidden", "")
		}
		_, err := s.CreateRule(ctx, desk, row)
		forbidden(err)
		_, err = s.UpdateRule(ctx, desk, 1, row)
		forbidden(err)
		forbidden(s.DeleteRule(ctx, desk, 1))
		_, err = s.CreateLimit(ctx, desk, rules.LimitRow{Category: "staff", Branch: "LAW"})
		forbidden(err)
		forbidden(s.DeleteLimit(ctx, desk, 1))
		_, err = s.SetCalendar(ctx, desk, rules.Calendar{Branch: "LAW"})
		forbidden(err)
		forbidden(s.DeleteCalendar(ctx, desk, "LAW"))
		_, err = s.SetSettings(ctx, desk, policy.Settings{TimeZone: "Asia/Shanghai", HoldPickupDays: 3})
		forbidden(err)
		// Without any circulation permission, not even reading.
		_, err = s.Rules(ctx, cataloguer)
		forbidden(err)
		_, err = s.Limits(ctx, cataloguer)
		forbidden(err)
		_, err = s.Calendars(ctx, cataloguer)
		forbidden(err)
		_, err = s.Settings(ctx, cataloguer)
		forbidden(err)
		_, err = s.Explain(ctx, cataloguer, "staff", "book", "main")
		forbidden(err)
		// Nothing changed, nothing audited.
		var version int64
		if err := d.Read(ctx, func(tx *db.Tx) error { return tx.QueryRow(`SELECT version FROM circ_settings`).Scan(&version) }); err != nil || version != 1 {
			t.Errorf("version %d, %v: a refused change bumped it", version, err)
		}
		for _, entity := range []string{"circ_rule", "circ_limit", "circ_calendar", "circ_settings"} {
			if es := audits(t, d, entity); len(es) != 0 {
				t.Errorf("%s: %d audit entries", entity, len(es))
			}
		}
	})
}

func TestExplainQuery(t *testing.T) {
	setup(t, func(t *testing.T, s *policy.Service, d *db.DB) {
		for _, q := range [][3]string{{"", "book", "main"}, {"staff", "*", "main"}, {"staff", "book", " "}} {
			_, err := s.Explain(ctx, desk, q[0], q[1], q[2])
			wantErr(t, err, apperr.Invalid, "error.circ_query", "")
		}
	})
}
